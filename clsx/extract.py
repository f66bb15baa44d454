"""Path -> one JSON line: the record, or the error record when the document cannot be read or processed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import traceback
from collections.abc import Sequence
from typing import Any

from . import language, mojibake
from .limits import MAX_TOKENS, cut
from .model import ErrorInfo, ErrorRecord, Record, Source
from .record import doc_id, extract_text
from .source import MAX_BYTES, InputError


def record_for_text(
    text: str,
    path: str = "-",
    encoding: str = "utf-8",
    size: int | None = None,
    converter: str | None = None,
    published: dt.date | None = None,
    max_tokens: int = MAX_TOKENS,
    notes: Sequence[str] = (),
) -> Record:
    """The record of a decoded text; `notes` are warnings from reading it (decoding)."""
    from .pipeline import load as pipeline

    source = Source(
        path=path,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        chars=len(text),
        encoding=encoding,
        bytes=size,
        converter=converter,
        published=published.isoformat() if published else None,
    )
    read, too_long = cut(text, pipeline().tokenizer, max_tokens)
    rec = extract_text(read, source, published)
    warnings = [*notes, *([too_long] if too_long else [])]
    if n := mojibake.count(read):
        warnings.append(mojibake.warning(n))
    if not_french := language.warning(read):
        warnings.append(not_french)
    if not warnings:
        return rec
    # The model read a prefix at most: the record still identifies the whole text.
    return rec.model_copy(update={"doc_id": doc_id(text), "warnings": list(dict.fromkeys([*warnings, *rec.warnings]))})


def extract_path(
    path: str,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_tokens: int = MAX_TOKENS,
    listed: bool = False,
    with_text: bool = False,
    keep_text: str | None = None,
) -> dict[str, Any]:
    """Never raises: a failure becomes an error record, so the batch goes on.

    `listed`: the path existed when the batch began (a missing file then "vanished");
    `with_text`: the record carries the text its spans index (`text`); `keep_text`: a file
    where the text extracted from a page or a PDF is written.
    """
    from .convert import read_document

    shown = display_path(path)
    try:
        doc, conv = read_document(path, encoding, max_bytes, listed)
    except InputError as e:
        return _error(shown, e.kind, str(e))
    except Exception as e:  # a reader bug must not lose the document either
        return _error(shown, "unreadable", f"{type(e).__name__}: {e}")
    if conv and keep_text:
        try:
            with open(keep_text, "w", encoding="utf-8", newline="") as f:  # newline="": the text as it is
                f.write(doc.text)
        except OSError as e:
            return _error(shown, "keep_text_failed", f"cannot write {keep_text}: {e.strerror or e}")
    try:
        rec = record_for_text(
            doc.text,
            shown,
            doc.encoding,
            doc.size,
            conv.converter if conv else None,
            conv.published if conv else None,
            max_tokens,
            doc.warnings,
        )
    except Exception as e:  # an extractor bug must not lose the document
        return _error(shown, "extraction_failed", f"{type(e).__name__}: {e} ({traceback.extract_tb(e.__traceback__)[-1].name})")
    if with_text:
        rec = rec.model_copy(update={"text": doc.text})
    return rec.model_dump(mode="json")


def display_path(path: str) -> str:
    """The path as text: bytes of a file name that are not UTF-8 are shown as \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _error(path: str, kind: str, message: str) -> dict[str, Any]:
    message = display_path(message)
    return ErrorRecord(source={"path": path}, error=ErrorInfo(type=kind, message=message)).model_dump(mode="json")


def to_line(record: dict[str, Any]) -> str:
    """One JSON line, always encodable as UTF-8 (a stray surrogate is escaped rather than fatal)."""
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record, ensure_ascii=True, separators=(",", ":"))
    return line
