"""Inputs -> decoded documents, or a clear error for the ones that cannot be read.

Decoding keeps the text exactly as decoded (offsets refer to it): UTF-8 with or without BOM,
UTF-16/32 with BOM, else the legacy French encodings (cp1252, then latin-1).
"""

from __future__ import annotations

import codecs
import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
STDIN = "-"

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


class InputError(Exception):
    """A document that cannot be read; `kind` becomes the error record's type."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    encoding: str
    sha256: str
    size: int


DEFAULT_GLOB = "*.txt,*.html,*.htm,*.pdf"


def expand(paths: Iterable[str], pattern: str = DEFAULT_GLOB) -> Iterator[str]:
    """Files as given, folders walked recursively for `pattern` (sorted; several patterns
    separated by commas), '-' for stdin.

    A path that does not exist is passed on: reading it gives its error record.
    """
    patterns = [x.strip() for x in pattern.split(",") if x.strip()]
    for p in paths:
        path = Path(p)
        if p != STDIN and path.is_dir():
            seen: set[Path] = set()
            for f in sorted({f for pat in patterns for f in path.rglob(pat)}):
                real = f.resolve()
                if f.is_file() and real not in seen:
                    seen.add(real)
                    yield str(f)
        else:
            yield p


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding used)."""
    if encoding:
        return data.decode(encoding), encoding
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith(tuple(bom for bom, _ in _BOMS)):
        return False  # UTF-16/32 text is full of NULs
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and control / len(head) > 0.1


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        try:
            if not p.exists():
                raise InputError("not_found", f"no such file: {path}")
            if p.is_dir():
                raise InputError("is_directory", f"is a directory: {path}")
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError("too_large", f"{size} bytes, over the limit of {max_bytes} (--max-bytes)")
            data = p.read_bytes()
        except PermissionError as e:
            raise InputError("unreadable", f"permission denied: {path}") from e
        except FileNotFoundError as e:
            raise InputError("not_found", f"file vanished while reading: {path}") from e
        except OSError as e:
            raise InputError("unreadable", f"{e.strerror or e}: {path}") from e
    if len(data) > max_bytes:
        raise InputError("too_large", f"over the limit of {max_bytes} bytes (--max-bytes)")
    return data


def load(path: str, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read and decode one input; raises InputError with a clear kind and message."""
    return from_bytes(path, read_bytes(path, max_bytes), encoding)


def from_bytes(path: str, data: bytes, encoding: str | None = None) -> Document:
    """Decode the bytes read from `path` as a plain text."""
    if not data.strip():
        raise InputError("empty", "the document is empty" if not data else "the document holds only whitespace")
    if encoding is None and _looks_binary(data):
        raise InputError("binary", "the document looks binary (NUL or control bytes), not text")
    try:
        text, enc = decode(data, encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise InputError("decode", f"cannot decode as {encoding}: {e}") from e
    if not text.strip():
        raise InputError("empty", "the document holds only whitespace")
    return Document(path=path, text=text, encoding=enc, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), size=len(data))
