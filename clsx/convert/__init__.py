"""Web pages and PDFs -> the plain text clsx reads.

The record's spans index the text a converter returns (not the HTML or PDF bytes), so that
text is what `--keep-text` writes and what the review page shows. Each converter says who it
is (`converter`, recorded in `source.converter`) and, for a page, the publication date its
metadata gives (the reference for dates written without a year).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..source import Document

Kind = Literal["text", "html", "pdf"]

_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Converted:
    text: str
    converter: str  # "trafilatura 2.3.1", "selectolax 1.0.2 (fallback)", "pdfminer.six 20260107"
    encoding: str  # of the HTML as read; "pdf" for a PDF
    published: dt.date | None = None  # from the page's metadata
    warnings: tuple[str, ...] = ()  # what the record should say about reading it (a charset overruled, a cut)


def kind_of(path: str, data: bytes) -> Kind:
    """By extension, else sniffed from the first bytes (a saved page without .html, stdin)."""
    ext = Path(path).suffix.lower()
    if ext == ".pdf" or data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if ext in _HTML_EXT or _HTML_START.match(data[:2048]):
        return "html"
    return "text"


def convert(data: bytes, kind: Kind, encoding: str | None = None) -> Converted:
    """Raises clsx.source.InputError ('no_text', 'unreadable_pdf', 'empty') when nothing can be read."""
    if kind == "html":
        from .html import html_to_text

        return html_to_text(data, encoding)
    if kind == "pdf":
        from .pdf import pdf_to_text

        return pdf_to_text(data)
    raise ValueError(f"not a converted kind: {kind}")


def read_document(
    path: str, encoding: str | None = None, max_bytes: int | None = None, listed: bool = False
) -> tuple["Document", Converted | None]:
    """Any input -> (the document whose text the record's spans index, the conversion if it was
    a page or a PDF). Raises clsx.source.InputError."""
    import hashlib

    from ..source import MAX_BYTES, Document, InputError, from_bytes, read_bytes

    data = read_bytes(path, MAX_BYTES if max_bytes is None else max_bytes, listed)
    kind = kind_of(path, data)
    if kind == "text":
        return from_bytes(path, data, encoding), None
    if not data.strip():
        raise InputError("empty", "the document is empty")
    try:
        conv = convert(data, kind, encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise InputError("decode", f"cannot decode as {encoding}: {e}") from e
    sha = hashlib.sha256(conv.text.encode("utf-8")).hexdigest()
    return Document(path=path, text=conv.text, encoding=conv.encoding, sha256=sha, size=len(data), warnings=list(conv.warnings)), conv
