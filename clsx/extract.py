"""Path -> one JSON line: the record, or the error record when the document cannot be read or processed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from . import language, mojibake
from .doc import Ctx, PartialDate
from .limits import MAX_TOKENS, cut
from .model import ErrorInfo, ErrorRecord, Record, Source
from .candidate import Trace
from .record import build_traced, doc_id
from .source import MAX_BYTES, InputError
from .text import Text

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Options:
    """How every input of a run is read: a forced encoding, the size and token limits, and whether
    a record carries the text its spans index."""

    encoding: Optional[str] = None
    max_bytes: int = MAX_BYTES
    max_tokens: int = MAX_TOKENS
    with_text: bool = False


@dataclass(frozen=True)
class Task:
    """One input of a batch: its path, whether it existed when the batch began (a missing file then
    'vanished'), and where its extracted text goes (--keep-text)."""

    path: str
    options: Options = Options()
    listed: bool = False
    keep_text: Optional[str] = None


# Documents the model parses together (nlp.pipe): 4 to 16 gave the best throughput on a
# 2-core machine (bench/run.py), and a batch is lost at most when interrupted.
BATCH = 8


@dataclass
class Pending:
    """A document read and cut to what the model reads, waiting for its parse."""

    text: str  # the whole decoded text: the record identifies it
    clean: Text  # the part the model reads, cleaned, with the map back to raw offsets
    source: Source
    published: dt.date | None
    warnings: list[str]


def pending_for_text(
    text: str,
    path: str = "-",
    encoding: str = "utf-8",
    size: int | None = None,
    converter: str | None = None,
    published: dt.date | None = None,
    max_tokens: int = MAX_TOKENS,
    notes: Sequence[str] = (),
) -> Pending:
    """A decoded text made ready for the model; `notes` are warnings from reading it (decoding)."""
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
    read, clean, too_long = cut(text, pipeline().tokenizer, max_tokens)
    warnings = [*notes, *([too_long] if too_long else [])]
    if n := mojibake.count(read):
        warnings.append(mojibake.warning(n))
    if not_french := language.warning(read):
        warnings.append(not_french)
    return Pending(text, clean, source, published, warnings)


def finish(pending: Pending, doc: Doc) -> Record:
    """The record of a pending document, from its parse."""
    return finish_traced(pending, doc)[0]


def finish_traced(pending: Pending, doc: Doc) -> tuple[Record, Trace]:
    """The record of a pending document and every candidate behind it (the rule report's input)."""
    p = pending
    published = PartialDate(p.published.year, p.published.month, p.published.day) if p.published else None
    rec, trace = build_traced(Ctx(p.clean, doc, published=published), p.source)
    if not p.warnings:
        return rec, trace
    # The model read a prefix at most: the record still identifies the whole text.
    return rec.model_copy(update={"doc_id": doc_id(p.text), "warnings": list(dict.fromkeys([*p.warnings, *rec.warnings]))}), trace


def record_for_text(text: str, *args: Any, **kwargs: Any) -> Record:
    """The record of one decoded text (arguments as `pending_for_text`)."""
    from .pipeline import load as pipeline

    p = pending_for_text(text, *args, **kwargs)
    return finish(p, pipeline()(p.clean.clean))


def prepare(task: Task) -> Pending | dict[str, Any]:
    """Read, decode, convert and cut one input: what the model will read, or the error record."""
    o = task.options
    from .convert import read_document

    shown = display_path(task.path)
    keep_text = task.keep_text
    try:
        doc, conv = read_document(task.path, o.encoding, o.max_bytes, task.listed)
    except InputError as e:
        return _error(shown, e.kind, str(e))
    except Exception as e:  # a reader bug must not lose the document either; it is a bug, not the file's fault
        return _failed(shown, e)
    if conv and keep_text:
        try:
            with open(keep_text, "w", encoding="utf-8", newline="") as f:  # newline="": the text as it is
                f.write(doc.text)
        except OSError as e:
            return _error(shown, "keep_text_failed", f"cannot write {keep_text}: {e.strerror or e}")
    try:
        return pending_for_text(
            doc.text,
            shown,
            doc.encoding,
            doc.size,
            conv.converter if conv else None,
            conv.published if conv else None,
            o.max_tokens,
            doc.warnings,
        )
    except Exception as e:  # an extractor bug must not lose the document
        return _failed(shown, e)


def extract_batch(tasks: Sequence[Task]) -> list[dict[str, Any]]:
    """One record (or error record) per task, in order. Never raises: a failure becomes an
    error record, so the batch goes on.

    The model parses the readable documents together (`nlp.pipe`), inside a memory zone: the
    strings and lexemes of these documents are freed once their records are built, so memory
    stays flat over any number of batches.
    """
    from .pipeline import load as pipeline

    nlp = pipeline()
    items = [prepare(t) for t in tasks]
    out = [x if isinstance(x, dict) else {} for x in items]
    ready = [i for i, x in enumerate(items) if isinstance(x, Pending)]
    with nlp.memory_zone():
        docs = _parse(nlp, [items[i].clean.clean for i in ready])  # type: ignore[union-attr]
        for i, doc in zip(ready, docs):
            out[i] = _record(items[i], doc, with_text=tasks[i].options.with_text)  # type: ignore[arg-type]
    return out


def _record(p: Pending, doc: Any, with_text: bool) -> dict[str, Any]:
    """The record as JSON-ready data; `doc` is the parse, or the exception the model raised."""
    try:
        if isinstance(doc, Exception):
            raise doc
        rec = finish(p, doc)
    except Exception as e:  # an extractor bug must not lose the document
        return _failed(p.source.path, e)
    if with_text:  # the text the spans index
        rec = rec.model_copy(update={"text": p.text})
    return rec.model_dump(mode="json")


def _parse(nlp: Any, texts: list[str]) -> list[Any]:
    """The parses of `texts`, in one nlp.pipe; if that fails, one at a time, so that only the
    document at fault gets an error (its exception in place of a doc)."""
    try:
        return list(nlp.pipe(texts, batch_size=max(1, len(texts))))
    except Exception:
        out: list[Any] = []
        for t in texts:
            try:
                out.append(nlp(t))
            except Exception as e:
                out.append(e)
        return out


def extract_path(
    path: str,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_tokens: int = MAX_TOKENS,
    listed: bool = False,
    with_text: bool = False,
    keep_text: str | None = None,
) -> dict[str, Any]:
    """One input's record or error record (see `prepare`); `with_text`: the record carries the
    text its spans index (`text`). Never raises."""
    return extract_batch([Task(path, Options(encoding, max_bytes, max_tokens, with_text), listed, keep_text)])[0]


def display_path(path: str) -> str:
    """The path as text: bytes of a file name that are not UTF-8 are shown as \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def worker_died(path: str, message: str) -> dict[str, Any]:
    """The error record of an input whose worker process died on it (clsx.workers)."""
    return _error(display_path(path), "extraction_failed", message)


def _failed(path: str, e: Exception) -> dict[str, Any]:
    where = traceback.extract_tb(e.__traceback__)[-1].name if e.__traceback__ else "?"
    return _error(path, "extraction_failed", f"{type(e).__name__}: {e} ({where})")


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
