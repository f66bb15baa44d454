"""Web pages, PDFs, .docx and .odt documents -> the plain text clsx reads.

The record's spans index the text a converter returns (not the HTML, PDF or zip bytes), so that
text is what `--keep-text` writes and what the review page shows. Each converter says who it
is (`converter`, recorded in `source.converter`) and, for a page, the publication date its
metadata gives (the reference for dates written without a year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from ..source import Document

Kind = Literal["text", "html", "pdf", "docx", "odt"]


@dataclass(frozen=True)
class Converted:
    text: str
    converter: str  # "trafilatura 2.3.1", "selectolax 1.0.2 (fallback)", "pdfminer.six 20260107", "python-docx 1.2.0"
    encoding: str  # of the HTML as read; "pdf", "docx", "odt" for those
    published: dt.date | None = None  # from the page's metadata
    warnings: tuple[str, ...] = ()  # what the record should say about reading it (a charset overruled, a cut)


def kind_of(path: str, data: bytes) -> Kind:
    """By the first bytes, else the extension (a saved page without .html, stdin); raises
    InputError ('unsupported_format', 'encrypted') for a format clsx does not read."""
    from .formats import identify

    return cast(Kind, identify(path, data))


def convert(data: bytes, kind: Kind, encoding: str | None = None, max_bytes: int | None = None) -> Converted:
    """Raises clsx.source.InputError ('no_text', 'unreadable_pdf', 'unreadable_docx', 'empty'…)
    when nothing can be read; `max_bytes` bounds what a zipped document may unpack to."""
    from ..source import MAX_BYTES

    if kind == "html":
        from .html import html_to_text

        return html_to_text(data, encoding)
    if kind == "pdf":
        from .pdf import pdf_to_text

        return pdf_to_text(data)
    if kind == "docx":
        from .docx import docx_to_text

        return docx_to_text(data, max_bytes or MAX_BYTES)
    if kind == "odt":
        from .odt import odt_to_text

        return odt_to_text(data, max_bytes or MAX_BYTES)
    raise ValueError(f"not a converted kind: {kind}")


def read_document(
    path: str, encoding: str | None = None, max_bytes: int | None = None, listed: bool = False
) -> tuple["Document", Converted | None]:
    """Any input -> (the document whose text the record's spans index, the conversion if it was
    a page, a PDF, a .docx or an .odt). Raises clsx.source.InputError."""
    import hashlib

    from ..source import MAX_BYTES, Document, InputError, from_bytes, read_bytes

    limit = MAX_BYTES if max_bytes is None else max_bytes
    data = read_bytes(path, limit, listed)
    if not data.strip():
        return from_bytes(path, data, encoding), None  # raises 'empty'
    kind = kind_of(path, data)
    if kind == "text":
        return from_bytes(path, data, encoding), None
    try:
        conv = convert(data, kind, encoding, limit)
    except (UnicodeDecodeError, LookupError) as e:
        if kind != "html":  # only a page is decoded with the --encoding given
            raise
        raise InputError("decode", f"cannot decode as {encoding}: {e}") from e
    sha = hashlib.sha256(conv.text.encode("utf-8")).hexdigest()
    return Document(path=path, text=conv.text, encoding=conv.encoding, sha256=sha, size=len(data), warnings=list(conv.warnings)), conv
