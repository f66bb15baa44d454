"""spaCy's tokenizer regexes, compiled once and kept in the user's cache folder.

Loading the French pipeline compiles a dozen long patterns (prefixes, suffixes, infixes, URLs,
the token matcher): about 0.2 s of every start, a tenth of a one-file run. Python cannot pickle
a compiled pattern, but its regex compiler only turns the pattern into a list of integers that
`_sre.compile` makes into the pattern object in microseconds. This module keeps those lists on
disk, keyed by the pattern and its flags, in one file per Python version and regex engine
(`_sre.MAGIC`), so another Python never reads them.

A pattern built from the cache compares equal to the one `re.compile` makes (same pattern,
flags and code; tests/test_regex_cache.py). Whatever goes wrong (another Python without these
internals, a corrupt or unwritable file) falls back to `re.compile`. The folder is
$CLSX_CACHE_DIR, else $XDG_CACHE_HOME/clsx, else ~/.cache/clsx; CLSX_CACHE_DIR=off disables it.

The file can never hurt a start: it is read only when it is a regular file of a plausible size
(opened without blocking, so a named pipe or a device in its place is skipped, not waited on),
and only when its checksum holds (a damaged file could otherwise give a pattern that matches
differently); it is written to a temporary file renamed over the old one.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

ENV = "CLSX_CACHE_DIR"
MIN_LENGTH = 100  # shorter patterns compile in a fraction of a millisecond: not worth a lookup
MAX_FILE = 64 * 1024 * 1024  # the tokenizer's patterns take about 0.3 MB: a larger file is not ours
_HEADER = b"clsx regex cache 2\n"  # then the SHA-256 of the marshal data, then the data

try:  # CPython's regex internals (re._parser and re._compiler since 3.11)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python
    _sre = None


def folder() -> Path | None:
    """Where the cache lives, or None when it is off."""
    where = os.environ.get(ENV)
    if where:
        return None if where == "off" else Path(where)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "clsx"


def _file(where: Path) -> Path:
    impl = sys.implementation
    return where / f"regex-v2-{impl.name}{impl.version.major}{impl.version.minor}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"


def _key(pattern: str, flags: int) -> str:
    return hashlib.sha256(f"{flags}:{pattern}".encode("utf-8", "surrogatepass")).hexdigest()


class RegexCache:
    """`compile(pattern, flags)` as `re.compile`, from the cache when it holds the pattern."""

    def __init__(self, where: Path | None = None, fallback: Any = re.compile) -> None:
        self.fallback = fallback  # the real re.compile, even while it is patched to call this
        self.path = _file(where) if where is not None and _sre is not None else None
        self.entries: dict[str, tuple[Any, ...]] = {}
        self.hits = self.misses = 0
        if self.path is not None:
            self.entries = _load(self.path)  # no cache yet, or a damaged one: empty, and rewritten

    def compile(self, pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        if self.path is None or not isinstance(pattern, str) or len(pattern) < MIN_LENGTH:
            return self.fallback(pattern, flags)
        key = _key(pattern, flags)
        entry = self.entries.get(key)
        if entry is not None:
            try:
                compiled = _sre.compile(pattern, *entry)
                self.hits += 1
                return compiled
            except (TypeError, ValueError, RuntimeError):
                self.entries.pop(key)
        compiled = self.fallback(pattern, flags)
        entry = _entry(pattern, flags)
        if entry is not None and _sre.compile(pattern, *entry) == compiled:
            self.entries[key] = entry
            self.misses += 1
        return compiled

    def save(self) -> None:
        """Write the cache if this run compiled patterns it did not hold (atomically: another
        clsx process reads the old file or the new one, never half of one)."""
        if self.path is None or not self.misses:
            return
        tmp = None
        try:
            data = marshal.dumps(self.entries)
            data = _HEADER + hashlib.sha256(data).digest() + data
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".regex-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.path)
            self.misses = 0
        except (OSError, ValueError):  # a read-only home: compile every time, as without the cache
            if tmp:
                Path(tmp).unlink(missing_ok=True)


def _read(path: Path) -> bytes | None:
    """The file's bytes, or None when it is missing, unreadable, not a regular file or too large.
    O_NONBLOCK: opening a named pipe put in its place must not wait for a writer."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE:
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(MAX_FILE + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _load(path: Path) -> dict[str, tuple[Any, ...]]:
    """The entries of a cache file whose header and checksum hold, else none."""
    data = _read(path)
    if data is None or not data.startswith(_HEADER):
        return {}
    digest, body = data[len(_HEADER) : len(_HEADER) + 32], data[len(_HEADER) + 32 :]
    if hashlib.sha256(body).digest() != digest:
        return {}
    try:
        entries = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(entries, dict) or not all(isinstance(k, str) and isinstance(v, tuple) for k, v in entries.items()):
        return {}
    return entries


def _entry(pattern: str, flags: int) -> tuple[Any, ...] | None:
    """What `re._compiler.compile` hands to `_sre.compile` after the pattern (CPython 3.11-3.13)."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        return (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - internals of another Python: no cache, not an error
        return None
