"""Records read back, and the text each one's spans index, for the review page and `clsx show`.

The text comes from the record itself when it was extracted with `--with-text` (field `text`),
else from reading `source.path` again through the same reader and converter (relative paths
are tried from the current folder, then from the records file's folder). A text whose SHA-256
is not `source.sha256` (the file changed, or another converter version) is not used: the
spans would point at the wrong characters.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class RecordsError(Exception):
    pass


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")  # how a surrogate, lone or paired, is written in JSON


def json_lines(raw: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of JSONL text, blank lines left out. Split on "\\n" only: U+2028,
    U+2029, NEL and the other characters `str.splitlines()` also breaks at are text inside a
    JSON string (clsx writes them as they are), not line ends."""
    for n, line in enumerate(raw.split("\n"), 1):
        if line.strip():
            yield n, line


def read_records(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL file (or of one JSON array, as `--format json` writes), for
    `clsx review`, `clsx show` and anything else that reads clsx's output.

    A line that is not JSON means the file is not records: RecordsError naming it. A JSON value
    that is not a valid record of this version (a string offset, a span without `end`, a
    territory that is a string…) becomes an error record of type `bad_record` naming the line
    and what is wrong, so that the other records can still be drawn; RecordsError when no line
    at all is a record. A lone surrogate (escaped in the JSON) is read as U+FFFD, one for one,
    so the offsets hold."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise RecordsError(f"cannot read {path}: {e}") from e
    values = _array(path, raw)
    if values is None:
        values = []
        for n, line in json_lines(raw):
            try:
                value = json.loads(line)
                values.append((f"{path}:{n}", _without_lone_surrogates(value) if _ESCAPED_SURROGATE.search(line) else value))
            except json.JSONDecodeError as e:
                raise RecordsError(f"{path}:{n}: not a JSON line: {e.msg}") from e
            except (ValueError, RecursionError) as e:  # JSON, but nested too deep or a number too long for Python
                values.append((f"{path}:{n}", e))
    rows = [checked(where, value) for where, value in values]
    if rows and all(_is_bad(r) for r in rows):
        raise RecordsError(rows[0]["error"]["message"])
    return rows


def _array(path: Path, raw: str) -> list[tuple[str, Any]] | None:
    """The values of a file that is one JSON array (`--format json`), else None (JSON lines)."""
    if not raw.lstrip().startswith("["):
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        if raw.lstrip().split("\n", 1)[0].strip() in ("[", "[]"):
            raise RecordsError(f"{path}: not a JSON array of records (cut short?)") from None
        return None  # JSON lines, the first of which is not an object
    if not isinstance(data, list):
        return None
    values = [(f"{path}: record {n}", v) for n, v in enumerate(data, 1)]
    if _ESCAPED_SURROGATE.search(raw):
        values = [(where, _without_lone_surrogates(v)) for where, v in values]
    return values


def checked(where: str, value: Any) -> dict[str, Any]:
    """The record, if it is a valid clsx record (strictly: types as clsx writes them), else an
    error record of type `bad_record` that says `where` it was and what is wrong."""
    from pydantic import ValidationError

    from .model import ErrorRecord, Record

    if isinstance(value, Exception):
        return _bad_record(where, {}, f"unreadable JSON ({type(value).__name__}: {str(value)[:200]})")
    if not isinstance(value, dict):
        return _bad_record(where, {}, f"not a JSON object but {type(value).__name__}")
    try:
        (ErrorRecord if "error" in value else Record).model_validate(value, strict=True)
    except ValidationError as e:
        first = e.errors()[0]
        at = ".".join(str(x) for x in first["loc"]) or "the record"
        more = f" (and {e.error_count() - 1} more)" if e.error_count() > 1 else ""
        return _bad_record(where, value, f"{at}: {first['msg']}{more}")
    return value


def _bad_record(where: str, value: dict[str, Any], why: str) -> dict[str, Any]:
    src = value.get("source")
    path = src.get("path") if isinstance(src, dict) else None
    return {
        "schema_version": "1",
        "source": {"path": path if isinstance(path, str) else where},
        "error": {"type": "bad_record", "message": f"{where}: not a clsx record: {why}"},
    }


def _is_bad(record: dict[str, Any]) -> bool:
    return (record.get("error") or {}).get("type") == "bad_record"


def bad_lines(records: list[dict[str, Any]]) -> list[str]:
    """What `read_records` said of each line that is not a valid record."""
    return [r["error"]["message"] for r in records if _is_bad(r)]


def _without_lone_surrogates(value: Any) -> Any:
    """The JSON value with every lone surrogate in its strings (keys too) read as U+FFFD: one
    character for one, and text that can be written out as UTF-8. Iterative: JSON can nest deep."""
    fix = lambda x: _LONE_SURROGATE.sub("\ufffd", x) if isinstance(x, str) else x  # noqa: E731
    if not isinstance(value, (dict, list)):
        return fix(value)
    root: list[Any] = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        parent, key = stack.pop()
        item = parent[key]
        if isinstance(item, dict):
            fixed = {fix(k): v for k, v in item.items()}
            parent[key] = fixed
            stack.extend((fixed, k) for k in fixed)
        elif isinstance(item, list):
            stack.extend((item, i) for i in range(len(item)))
        else:
            parent[key] = fix(item)
    return root[0]


def text_of(record: dict[str, Any], base: Path | None = None) -> tuple[str | None, str | None]:
    """(the text the record's spans index, or None; a note saying why there is none)."""
    if record.get("error"):
        return None, None
    if isinstance(record.get("text"), str):
        return record["text"], None
    src = record.get("source") or {}
    path = src.get("path")
    if not path or path == "-":
        return None, "the text of stdin is not kept: extract with --with-text to review it"
    candidates = [Path(path)] + ([base / path] if base and not Path(path).is_absolute() else [])
    found = next((p for p in candidates if p.is_file()), None)
    if found is None:
        return None, f"{path} is not found from here: extract with --with-text, or review from the folder extraction ran in"
    from .convert import read_document
    from .source import InputError

    try:
        doc, _ = read_document(str(found))  # detection is deterministic: the same bytes give the same text
    except (InputError, UnicodeDecodeError, LookupError) as e:
        return None, f"{path} cannot be read again: {e}"
    if src.get("sha256") and hashlib.sha256(doc.text.encode("utf-8")).hexdigest() != src["sha256"]:
        return None, f"{path} has changed since extraction (its text is not the one the spans index)"
    return doc.text, None

