"""The compiled-regex cache (clsx/regex_cache.py) gives the patterns re.compile gives, and
anything wrong with it only costs the time it was meant to save."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest
from helpers import ROOT, run_cli, watchdog

from clsx.regex_cache import MAX_FILE, MIN_LENGTH, RegexCache, folder


@cache
def tokenizer_patterns() -> list[str]:
    """The long patterns of the French pipeline's tokenizer, as spaCy compiles them."""
    from clsx.pipeline import load

    tok = load().tokenizer
    found = [getattr(getattr(tok, a), "__self__", None) for a in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")]
    return [p.pattern for p in found if p is not None and len(p.pattern) >= MIN_LENGTH]


WORDS = [
    "aujourd'hui", "c'est-à-dire", "Saint-Pierre-en-Auge", "l'ARS", "(CLS)", "2018-2022.", "https://www.ars.sante.fr/cls",
    "Lens-Liévin,", "d’agglomération", "«Coëvrons»", "anti-tabac", "Mme", "3ème", "n°2", "15h30", "…", "e-santé",
]


def test_the_tokenizer_has_long_patterns_to_cache() -> None:
    assert len(tokenizer_patterns()) >= 4


def test_a_cached_pattern_is_the_pattern_re_compile_makes(tmp_path: Path) -> None:
    first = RegexCache(tmp_path)
    made = [first.compile(p) for p in tokenizer_patterns()]
    assert first.misses == len(made) and first.hits == 0
    first.save()
    second = RegexCache(tmp_path)
    cached = [second.compile(p) for p in tokenizer_patterns()]
    assert second.hits == len(cached) and second.misses == 0
    for a, b, p in zip(made, cached, tokenizer_patterns()):
        assert a == b == re.compile(p)  # same pattern, flags and code
        for w in WORDS:
            assert [m.span() for m in a.finditer(w)] == [m.span() for m in b.finditer(w)]


def test_short_patterns_and_bytes_go_straight_to_re_compile(tmp_path: Path) -> None:
    c = RegexCache(tmp_path)
    assert c.compile(r"\d+").fullmatch("2022")
    assert c.compile(b"x" * MIN_LENGTH).match(b"x" * MIN_LENGTH)
    c.save()
    assert c.misses == 0 and not list(tmp_path.iterdir())


@pytest.mark.parametrize("damage", [b"", b"not marshal data", b"\xe3\x00\x00garbage"])
def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path: Path, damage: bytes) -> None:
    RegexCache(tmp_path).path.write_bytes(damage)  # type: ignore[union-attr]
    c = RegexCache(tmp_path)
    pattern = tokenizer_patterns()[0]
    assert c.compile(pattern) == re.compile(pattern)
    c.save()
    assert RegexCache(tmp_path).entries


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    c = RegexCache(blocker / "clsx")
    pattern = tokenizer_patterns()[0]
    assert c.compile(pattern) == re.compile(pattern)
    c.save()  # cannot create the folder: nothing raised, nothing written
    assert blocker.read_text() == "not a folder"


def test_the_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLSX_CACHE_DIR", str(tmp_path / "here"))
    assert folder() == tmp_path / "here"
    monkeypatch.setenv("CLSX_CACHE_DIR", "off")
    assert folder() is None
    monkeypatch.delenv("CLSX_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert folder() == tmp_path / "xdg" / "clsx"


def test_records_are_the_same_with_an_empty_a_full_and_no_cache(tmp_path: Path) -> None:
    sample = str(ROOT / "samples" / "seed-coevrons-2018.txt")
    where = {"CLSX_CACHE_DIR": str(tmp_path / "cache")}
    first = run_cli("extract", sample, env=where)
    files = os.listdir(tmp_path / "cache")
    second = run_cli("extract", sample, env=where)
    off = run_cli("extract", sample, env={"CLSX_CACHE_DIR": "off"})
    assert first.returncode == second.returncode == off.returncode == 0
    assert len(files) == 1 and files[0].startswith("regex-")
    assert first.stdout == second.stdout == off.stdout
    assert b'"name":"Communaut' in first.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_place_of_the_cache_file_is_skipped_not_waited_on(tmp_path: Path) -> None:
    path = RegexCache(tmp_path).path
    assert path is not None
    os.mkfifo(path)
    with watchdog(20):
        c = RegexCache(tmp_path)
    assert c.entries == {}
    pattern = tokenizer_patterns()[0]
    assert c.compile(pattern) == re.compile(pattern)
    c.save()  # the pipe is replaced by a real cache file
    assert path.is_file() and RegexCache(tmp_path).entries


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_clsx_starts_with_a_named_pipe_as_its_cache_file(tmp_path: Path) -> None:
    sample = str(ROOT / "samples" / "seed-coevrons-2018.txt")
    where = tmp_path / "cache"
    where.mkdir()
    path = RegexCache(where).path
    assert path is not None
    os.mkfifo(path)
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "clsx.cli", "extract", sample],
        capture_output=True, cwd=ROOT, env={**os.environ, "CLSX_CACHE_DIR": str(where)}, timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b'"name":"Communaut' in done.stdout


@pytest.mark.parametrize("kind", ["folder", "device", "huge"])
def test_a_cache_path_that_is_not_a_plausible_file_is_ignored(tmp_path: Path, kind: str) -> None:
    path = RegexCache(tmp_path).path
    assert path is not None
    if kind == "folder":
        path.mkdir()
    elif kind == "device":
        path.symlink_to("/dev/zero")  # reading it would never end
    else:
        with open(path, "wb") as f:
            f.truncate(MAX_FILE + 1)  # sparse: costs no disk
    with watchdog(20):
        c = RegexCache(tmp_path)
    assert c.entries == {}
    pattern = tokenizer_patterns()[0]
    assert c.compile(pattern) == re.compile(pattern)


def test_a_damaged_entry_that_still_unmarshals_is_not_used(tmp_path: Path) -> None:
    """A flipped byte inside the data could give another pattern that _sre accepts: the checksum
    catches it, and the cache starts again from re.compile."""
    first = RegexCache(tmp_path)
    pattern = tokenizer_patterns()[0]
    first.compile(pattern)
    first.save()
    path = first.path
    assert path is not None
    import marshal

    data = path.read_bytes()
    head = data.index(b"\n") + 1 + 32  # the header line, then the checksum
    entries = marshal.loads(data[head:])
    key, (flags, code, *rest) = next(iter(entries.items()))
    code[-2] ^= 1  # one instruction's argument: still a program _sre accepts
    entries[key] = (flags, code, *rest)
    path.write_bytes(data[:head] + marshal.dumps(entries))
    c = RegexCache(tmp_path)
    assert c.entries == {}
    assert c.compile(pattern) == re.compile(pattern) and c.misses == 1
