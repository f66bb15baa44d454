"""Inputs -> decoded documents, or a clear error for the ones that cannot be read.

Folders are walked in sorted order, following symbolic links but never round a loop; every
file is read at most once and never past `max_bytes`; only regular files and stdin are read
(a named pipe or a device would block or never end). Decoding is `encoding.py`'s.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from .encoding import control_share, decode, has_bom, unlikely_share, utf16_without_bom

MAX_BYTES = 5 * 1024 * 1024
STDIN = "-"


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
    warnings: list[str] = field(default_factory=list)


DEFAULT_GLOB = "*.txt,*.html,*.htm,*.pdf,*.docx,*.odt"


def expand(paths: Iterable[str], pattern: str = DEFAULT_GLOB) -> Iterator[str]:
    """Files as given, folders walked recursively for `pattern` (sorted; several patterns
    separated by commas, matched in any case: ARTICLE.TXT is a *.txt), '-' for stdin.

    A path that does not exist is passed on, and so is anything in a folder that cannot be
    read as a file (a broken link, a link looping back to a folder above, an unreadable
    folder): reading it gives its error record.
    """
    patterns = patterns_of(pattern)
    for p in paths:
        if p != STDIN and os.path.isdir(p):
            yield from _walk(p, patterns)
        else:
            yield p


def patterns_of(pattern: str) -> list[str]:
    """'*.txt, *.HTML' -> ['*.txt', '*.html']: the patterns of a --glob, matched in any case."""
    return [x.strip().lower() for x in pattern.split(",") if x.strip()]


def yields_nothing(path: str, pattern: str = DEFAULT_GLOB) -> bool:
    """Whether `path` is a folder in which `expand` finds no input (the walk stops at the first)."""
    return path != STDIN and os.path.isdir(path) and next(expand([path], pattern), None) is None


def nothing_found(folder: str, pattern: str = DEFAULT_GLOB, examples: int = 3) -> str:
    """Why a folder gave no input, in one line: 'no *.txt, *.html file in corpus/: 12 files
    skipped, e.g. notes.md, a/old.doc'. The files are counted the way a plain walk finds them
    (links to folders not followed), named from the folder, in sorted order."""
    skipped: list[str] = []
    for where, folders, files in os.walk(folder):
        folders.sort()
        skipped += sorted(os.path.relpath(os.path.join(where, f), folder) for f in files)
    head = f"no {', '.join(patterns_of(pattern))} file in {folder}"
    if not skipped:
        return f"{head}: the folder holds no file"
    some = ", ".join(skipped[:examples]) + (", …" if len(skipped) > examples else "")
    return f"{head}: {len(skipped)} file{'s' if len(skipped) > 1 else ''} skipped, e.g. {some}"


def _walk(top: str, patterns: list[str]) -> Iterator[str]:
    """Depth first, entries sorted by name: the order of sorted paths. A stack, not recursion:
    folders may nest deeper than Python's recursion limit. Folders and files are known by
    (device, inode), which costs one stat where a real path costs one per path component."""
    seen: set[object] = set()
    stack: list[tuple[str, tuple[object, ...] | None]] = [(top, ())]  # (folder, folders above) or (file, None)
    while stack:
        path, above = stack.pop()
        key = _identity(path)
        if above is None:
            if key not in seen:  # a file reached twice through links is read once
                seen.add(key)
                yield path
            continue
        if key in above:
            yield path  # a link back to a folder above: reading it reports the loop
            continue
        if key in seen:
            continue  # a second way into the same folder
        seen.add(key)
        try:
            names = sorted(os.listdir(path))
        except OSError:
            yield path  # an unreadable folder: reading it says so
            continue
        children: list[tuple[str, tuple[object, ...] | None]] = []
        for name in names:
            child = os.path.join(path, name)
            if os.path.isdir(child):
                children.append((child, (*above, key)))
            elif any(PurePath(child.lower()).match(p) for p in patterns):
                children.append((child, None))
        stack.extend(reversed(children))


def _identity(path: str) -> object:
    """What a path leads to: (device, inode), or the path itself when it leads nowhere."""
    try:
        st = os.stat(path)
    except OSError:
        return path
    return (st.st_dev, st.st_ino)


def read_bytes(path: str, max_bytes: int = MAX_BYTES, listed: bool = False) -> bytes:
    """At most `max_bytes` of one input; `listed` says the path existed when the batch began."""
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        data = _read_file(path, max_bytes, listed)
    if len(data) > max_bytes:
        raise InputError("too_large", f"over the limit of {max_bytes} bytes (--max-bytes)")
    return data


def _read_file(path: str, max_bytes: int, listed: bool) -> bytes:
    try:
        st = os.stat(path)
        _check_kind(path, st.st_mode)
        # O_NONBLOCK: should a named pipe replace the file after the stat, opening it must not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as e:
        if os.path.islink(path):
            raise InputError("broken_link", f"symbolic link to a missing file: {path} -> {os.readlink(path)}") from e
        if listed:
            raise InputError("vanished", f"the file vanished during the run: {path}") from e
        raise InputError("not_found", f"no such file: {path}") from e
    except OSError as e:
        raise _os_error(path, e) from e
    try:
        st = os.fstat(fd)
        _check_kind(path, st.st_mode)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        if st.st_size > max_bytes:
            raise InputError("too_large", f"{st.st_size} bytes, over the limit of {max_bytes} (--max-bytes): {path}")
        try:
            return f.read(max_bytes + 1)
        except OSError as e:
            raise _os_error(path, e) from e


def _check_kind(path: str, mode: int) -> None:
    """Only regular files are read: a named pipe blocks, a device may never end."""
    if stat.S_ISDIR(mode):
        raise _folder_error(path)
    if not stat.S_ISREG(mode):
        what = "named pipe" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
        raise InputError("not_regular_file", f"not a regular file but a {what}: {path} (pipe it to 'clsx extract -' instead)")


def _os_error(path: str, e: OSError) -> InputError:
    if e.errno == errno.ELOOP:
        return InputError("symlink_loop", f"symbolic links loop without reaching a file: {path}")
    if isinstance(e, IsADirectoryError):
        return _folder_error(path)
    if isinstance(e, PermissionError):
        return InputError("unreadable", f"permission denied: {path}")
    return InputError("unreadable", f"{e.strerror or e}: {path}")


def _folder_error(path: str) -> InputError:
    real, above = os.path.realpath(path), os.path.realpath(os.path.dirname(path) or ".")
    if os.path.islink(path) and (above == real or above.startswith(real.rstrip(os.sep) + os.sep)):
        return InputError("symlink_loop", f"symbolic link back to a folder above it: {path} -> {os.readlink(path)}")
    try:
        os.listdir(path)
    except OSError as e:
        return InputError("unreadable", f"cannot list the folder ({e.strerror or e}): {path}")
    return InputError("is_directory", f"is a directory: {path}")


def load(path: str, encoding: str | None = None, max_bytes: int = MAX_BYTES, listed: bool = False) -> Document:
    """Read and decode one input; raises InputError with a clear kind and message."""
    return parse(read_bytes(path, max_bytes, listed), path, encoding)


def from_bytes(path: str, data: bytes, encoding: str | None = None) -> Document:
    """Decode the bytes read from `path` as a plain text (the converters' entry point)."""
    return parse(data, path, encoding)


def parse(data: bytes, path: str = STDIN, encoding: str | None = None) -> Document:
    """Bytes -> decoded document; raises InputError (empty, binary, decode) for what is not text."""
    if not data.strip():
        raise InputError("empty", "the document is empty" if not data else "the document holds only whitespace")
    if encoding is None and b"\x00" in data and not has_bom(data) and not utf16_without_bom(data):
        raise InputError("binary", "the document looks binary (it holds NUL bytes), not text")
    try:
        decoded = decode(data, encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise InputError("decode", f"cannot decode as {encoding}: {e}") from e
    text = decoded.text
    if not text.strip():
        raise InputError("empty", "the document holds no text, only whitespace or a byte order mark")
    if control_share(text) > 0.1:
        raise InputError("binary", "the document looks binary (over 10% control characters), not text")
    if decoded.encoding not in ("utf-8", "utf-8-sig") and unlikely_share(text) > 0.3:
        raise InputError("binary", f"the document looks binary: no encoding reads it as text (tried {decoded.encoding})")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path=path, text=text, encoding=decoded.encoding, sha256=sha, size=len(data), warnings=decoded.warnings)
