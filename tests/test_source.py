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
