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
from pathlib import Path
from typing import Any


class RecordsError(Exception):
    pass


def read_records(path: Path) -> list[dict[str, Any]]:
    """A JSONL file (or one JSON array, as `--format json` writes) of records."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise RecordsError(f"cannot read {path}: {e}") from e
    if raw.lstrip().startswith("["):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            raise RecordsError(f"{path}: not a JSON array of records: {e}") from e
        rows = data if isinstance(data, list) else []
    else:
        rows = []
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise RecordsError(f"{path}:{n}: not a JSON line: {e.msg}") from e
    bad = [i for i, r in enumerate(rows, 1) if not isinstance(r, dict) or not isinstance(r.get("source"), dict)]
    if bad:
        raise RecordsError(f"{path}: record {bad[0]} is not a clsx record (no source)")
    return rows


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

