"""Path -> one JSON line: the record, or the error record when the document cannot be read or processed."""

from __future__ import annotations

import json
import traceback
from typing import Any

from .model import ErrorInfo, ErrorRecord, Record, Source
from .record import extract_text
from .source import MAX_BYTES, InputError, load


def record_for_text(text: str, path: str = "-", encoding: str = "utf-8", size: int | None = None) -> Record:
    import hashlib

    source = Source(
        path=path, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), chars=len(text), encoding=encoding, bytes=size
    )
    return extract_text(text, source)


def extract_path(path: str, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """Never raises: a failure becomes an error record, so the batch goes on."""
    try:
        doc = load(path, encoding, max_bytes)
    except InputError as e:
        return _error(path, e.kind, str(e))
    try:
        rec = record_for_text(doc.text, path, doc.encoding, doc.size)
    except Exception as e:  # an extractor bug must not lose the document
        return _error(path, "extraction_failed", f"{type(e).__name__}: {e} ({traceback.extract_tb(e.__traceback__)[-1].name})")
    return rec.model_dump(mode="json")


def _error(path: str, kind: str, message: str) -> dict[str, Any]:
    return ErrorRecord(source={"path": path}, error=ErrorInfo(type=kind, message=message)).model_dump(mode="json")


def to_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
