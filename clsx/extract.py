"""Path -> one JSON line: the record, or the error record when the document cannot be read or processed."""

from __future__ import annotations

import datetime as dt
import json
import traceback
from typing import Any

from .model import ErrorInfo, ErrorRecord, Record, Source
from .record import extract_text
from .source import MAX_BYTES, InputError


def record_for_text(
    text: str,
    path: str = "-",
    encoding: str = "utf-8",
    size: int | None = None,
    converter: str | None = None,
    published: dt.date | None = None,
) -> Record:
    import hashlib

    source = Source(
        path=path,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        chars=len(text),
        encoding=encoding,
        bytes=size,
        converter=converter,
        published=published.isoformat() if published else None,
    )
    return extract_text(text, source, published)


def extract_path(
    path: str, encoding: str | None = None, max_bytes: int = MAX_BYTES, with_text: bool = False, keep_text: str | None = None
) -> dict[str, Any]:
    """Never raises: a failure becomes an error record, so the batch goes on.

    `with_text`: the record carries the text its spans index (`text`); `keep_text`: a file
    where the text extracted from a page or a PDF is written.
    """
    from .convert import read_document

    try:
        doc, conv = read_document(path, encoding, max_bytes)
    except InputError as e:
        return _error(path, e.kind, str(e))
    if conv and keep_text:
        try:
            with open(keep_text, "w", encoding="utf-8", newline="") as f:  # newline="": the text as it is
                f.write(doc.text)
        except OSError as e:
            return _error(path, "keep_text_failed", f"cannot write {keep_text}: {e.strerror or e}")
    try:
        rec = record_for_text(
            doc.text, path, doc.encoding, doc.size, conv.converter if conv else None, conv.published if conv else None
        )
    except Exception as e:  # an extractor bug must not lose the document
        return _error(path, "extraction_failed", f"{type(e).__name__}: {e} ({traceback.extract_tb(e.__traceback__)[-1].name})")
    if with_text:
        rec = rec.model_copy(update={"text": doc.text})
    return rec.model_dump(mode="json")


def _error(path: str, kind: str, message: str) -> dict[str, Any]:
    return ErrorRecord(source={"path": path}, error=ErrorInfo(type=kind, message=message)).model_dump(mode="json")


def to_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
