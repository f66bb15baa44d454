"""Inputs -> decoded text, or an error kind for what cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from clsx.source import InputError, expand, load

TEXT = "Le contrat local de santé de la Communauté de communes des Coëvrons a été signé le 12 juin 2018 à Évron ; l’ARS y œuvre.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(TEXT.encode("utf-8-sig"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(TEXT.encode("cp1252"), "cp1252", id="cp1252"),
        pytest.param(TEXT.encode("utf-16"), "utf-16", id="utf-16-bom"),
        pytest.param(TEXT.encode("utf-32"), "utf-32", id="utf-32-bom"),
    ],
)
def test_decoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    f = tmp_path / "article.txt"
    f.write_bytes(data)
    doc = load(str(f))
    assert (doc.text, doc.encoding, doc.size) == (TEXT, encoding, len(data))


def test_latin1_bytes_undefined_in_cp1252_still_decode(tmp_path: Path) -> None:
    f = tmp_path / "article.txt"
    f.write_bytes("Santé ".encode("latin-1") + b"\x81")
    assert load(str(f)).encoding == "latin-1"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"  \r\n\t\n", "empty"),
        (b"PK\x03\x04\x00\x00\x08\x00contrat", "binary"),
        (b"%PDF-1.7\n\x00\x00\x01\x02\x03\x04\x05\x06\x07\x08", "binary"),
    ],
)
def test_unreadable_inputs_have_a_kind(tmp_path: Path, data: bytes, kind: str) -> None:
    f = tmp_path / "article.txt"
    f.write_bytes(data)
    with pytest.raises(InputError) as e:
        load(str(f))
    assert e.value.kind == kind


def test_too_large_and_missing(tmp_path: Path) -> None:
    f = tmp_path / "article.txt"
    f.write_bytes(TEXT.encode("utf-8"))
    with pytest.raises(InputError) as e:
        load(str(f), max_bytes=10)
    assert e.value.kind == "too_large"
    with pytest.raises(InputError) as e:
        load(str(tmp_path / "nope.txt"))
    assert e.value.kind == "not_found"


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.txt", "notes.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert [Path(p).relative_to(tmp_path).as_posix() for p in expand([str(tmp_path)])] == ["a.txt", "b.txt", "sub/c.txt"]
    assert [Path(p).name for p in expand([str(tmp_path)], "*.md")] == ["notes.md"]
    assert list(expand(["-"])) == ["-"]


def _kind(path: Path | str, **kw: object) -> str:
    with pytest.raises(InputError) as e:
        load(str(path), **kw)  # type: ignore[arg-type]
    assert str(e.value), "every error has a message"
    return e.value.kind


def test_missing_is_not_found_unless_it_was_listed(tmp_path: Path) -> None:
    assert _kind(tmp_path / "nope.txt") == "not_found"
    assert _kind(tmp_path / "nope.txt", listed=True) == "vanished"


def test_links_that_go_nowhere_or_round_in_circles(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert _kind(tmp_path / "broken.txt", listed=True) == "broken_link"
    assert _kind(tmp_path / "self.txt") == "symlink_loop"
    assert _kind(tmp_path / "a.txt") == "symlink_loop"


def test_a_folder_loop_through_a_link_is_walked_once_and_reported(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "up").symlink_to(tmp_path / "sub")
    (tmp_path / "sub" / "again").symlink_to(tmp_path / "sub" / "deeper")  # a second way in, not a loop
    files = list(expand([str(tmp_path)]))
    # 'again' sorts first: the loop is found through it, and 'deeper' is then a folder already walked
    assert [Path(p).relative_to(tmp_path).as_posix() for p in files] == ["sub/again/up", "sub/x.txt"]
    assert _kind(files[0], listed=True) == "symlink_loop"


def test_a_file_reached_twice_through_links_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert [Path(p).name for p in expand([str(tmp_path)])] == ["a.txt"]


def test_folders_nest_deeper_than_the_recursion_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys

    depth = sys.getrecursionlimit() + 50
    monkeypatch.chdir(tmp_path)
    for _ in range(depth):  # one level at a time, relative: the whole chain is near PATH_MAX
        Path("d").mkdir()
        os.chdir("d")
    Path("deep.txt").write_text(TEXT, encoding="utf-8")
    os.chdir(tmp_path)
    try:
        (found,) = list(expand(["d"]))
        assert found.endswith("deep.txt") and found.count("/") == depth
    finally:  # pytest's rmtree recurses per level and would fail on this tree later
        os.chdir(Path("d/" * depth))
        os.remove("deep.txt")
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_or_a_socket_is_refused_without_blocking(tmp_path: Path) -> None:
    import os
    import socket

    os.mkfifo(tmp_path / "pipe.txt")
    assert _kind(tmp_path / "pipe.txt") == "not_regular_file"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(tmp_path / "sock.txt"))
    s.close()
    assert _kind(tmp_path / "sock.txt") == "not_regular_file"
    assert sorted(Path(p).name for p in expand([str(tmp_path)])) == ["pipe.txt", "sock.txt"]


def test_a_folder_given_as_a_file(tmp_path: Path) -> None:
    assert _kind(tmp_path) == "is_directory"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_read_error_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "mem.txt").symlink_to("/proc/self/mem")  # a regular file whose read fails (EIO)
    assert _kind(tmp_path / "mem.txt") == "unreadable"


@pytest.mark.skipif(__import__("os").geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_unreadable(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(TEXT, encoding="utf-8")
    f.chmod(0)
    try:
        assert _kind(f) == "unreadable"
    finally:
        f.chmod(0o644)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_device_is_refused() -> None:
    assert _kind("/dev/zero") == "not_regular_file"
