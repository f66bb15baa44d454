"""A PDF's pages as pdfminer's text lines, read within the budget (clsx/convert/budget.py).

pdfminer is driven page by page here, not through `extract_pages`, so that what a PDF costs is
counted while it is read, and reading stops where a budget is spent:
- every content stream (a page's, and a form's each time a page draws it) is unpacked here, up to
  what is left of the document's budget at most: a stream that would unpack to gigabytes is never
  unpacked whole, and one cut short is read up to the cut in linear time (pdfminer's own fallback
  for a damaged stream reads it byte by byte, in quadratic time);
- characters, drawn forms and images are counted as the interpreter makes them;
- paths are not kept (clsx reads the text only);
- pdfminer groups the characters into lines (linear), but not the lines into boxes nor the boxes
  into a hierarchy, which is quadratic in the lines and boxes of a page: clsx/convert/pdf.py
  orders the lines itself.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTPage, LTTextLine
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, list_value, resolve1
from pdfminer.utils import MATRIX_IDENTITY, Matrix

from .budget import BUDGET, Budget


class _Spent(Exception):
    """A budget is spent: the interpreter stops where it is, inside the page (and, when the
    budget is the document's, no other page is read)."""

    def __init__(self, document: bool):
        super().__init__()
        self.document = document


@dataclass
class Spending:
    """What the document has cost so far, and what the budget cut."""

    chars: int = 0
    content: int = 0  # bytes of content streams run
    lines: int = 0
    page_objects: int = 0  # characters, forms and images of the page being read
    notes: set[str] = field(default_factory=set)


class _Device(PDFPageAggregator):
    """pdfminer's page aggregator, counting: past a page's or the document's budget it stops the
    interpreter (the page keeps what was read)."""

    def __init__(self, rsrcmgr: PDFResourceManager, budget: Budget) -> None:
        super().__init__(rsrcmgr, laparams=None)
        self.budget = budget
        self.spent = Spending()

    def begin_page(self, page: PDFPage, ctm: Matrix) -> None:
        super().begin_page(page, ctm)
        self.spent.page_objects = 0

    def _object(self) -> None:
        if self.spent.page_objects >= self.budget.pdf_page_objects:
            self.spent.notes.add(f"a page holds over {self.budget.pdf_page_objects:,} characters, forms and images: the rest of it was not read")
            raise _Spent(document=False)
        self.spent.page_objects += 1

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        if self.spent.chars >= self.budget.pdf_chars:
            self.spent.notes.add(f"the PDF holds over {self.budget.pdf_chars:,} characters: only the first {self.budget.pdf_chars:,} were read")
            raise _Spent(document=True)
        self._object()
        self.spent.chars += 1
        return super().render_char(*args, **kwargs)  # type: ignore[no-any-return]

    def begin_figure(self, *args: Any, **kwargs: Any) -> None:
        self._object()
        super().begin_figure(*args, **kwargs)

    def render_image(self, *args: Any, **kwargs: Any) -> None:
        self._object()
        super().render_image(*args, **kwargs)

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        """Not kept: clsx reads the text only (a page of a map is millions of path segments)."""

    def run(self, stream: PDFStream) -> None:
        """Before the interpreter runs a content stream: unpack it here, within what is left."""
        left = self.budget.pdf_content_bytes - self.spent.content
        if left <= 0:
            raise _Spent(document=True)
        data = unpacked(stream, left)
        if len(data) > left:
            self.spent.notes.add(
                f"the PDF's content streams unpack to over {self.budget.pdf_content_bytes:,} bytes: the text after that was not read"
            )
            data = data[:left]
        stream.data = data  # what pdfminer's get_data() returns from now on: it does not unpack it again
        self.spent.content += len(data)

    def page_read(self, page: PDFPage) -> LTPage:
        """The page as read, after the interpreter finished it or was stopped inside it."""
        while self._stack:  # stopped inside a form: close it, keeping what it drew
            self.end_figure("")
        self.end_page(page)
        return self.get_result()


class _Interpreter(PDFPageInterpreter):
    def render_contents(self, resources: dict[object, object], streams: Any, ctm: Matrix = MATRIX_IDENTITY) -> None:
        device = self.device
        assert isinstance(device, _Device)
        for s in list_value(streams):
            stream = resolve1(s)
            if isinstance(stream, PDFStream):
                device.run(stream)
        super().render_contents(resources, streams, ctm=ctm)


def unpacked(stream: PDFStream, limit: int) -> bytes:
    """A stream's data, unpacked up to `limit` bytes and a little more at most (a longer result
    means it unpacks to more). Flate, nearly every PDF's, is unpacked here; other filters by
    pdfminer when the packed data is within the limit (else nothing is read of it)."""
    if stream.data is not None:
        return stream.data
    filters = stream.get_filters()
    raw = stream.rawdata or b""
    if stream.decipher:  # what pdfminer does first, for an encrypted PDF
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    if not filters:
        return raw
    if len(filters) == 1 and filters[0][0] in LITERALS_FLATE_DECODE:
        data = _inflate(raw, limit)
        params = filters[0][1]
        if len(data) > limit or not (isinstance(params, dict) and params.get("Predictor", 1) != 1):
            return data
    elif len(raw) > limit:
        return raw  # over the limit already: its end is not read
    return stream.get_data()  # type: ignore[no-any-return]


def _inflate(raw: bytes, limit: int) -> bytes:
    """zlib data unpacked up to `limit` + 1 bytes at most, in linear time. Data cut short or
    damaged gives what comes before the damage (pdfminer gives that too for a cut stream)."""
    d = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    buf = raw
    try:
        while buf and size <= limit and not d.eof:
            piece = d.decompress(buf, limit + 1 - size)
            out.append(piece)
            size += len(piece)
            buf = d.unconsumed_tail
        if size <= limit and not d.eof:
            out.append(d.flush())
    except zlib.error:
        pass
    return b"".join(out)


@dataclass
class PageLines:
    lines: list[LTTextLine]
    height: float


def read_pages(data: bytes, budget: Budget = BUDGET) -> tuple[Iterator[PageLines], Spending]:
    """The text lines of each page (lazily: a page is read when asked for), and what was spent
    and cut, filled in as the pages are read."""
    import io

    rsrc = PDFResourceManager(caching=True)
    device = _Device(rsrc, budget)
    interpreter = _Interpreter(rsrc, device)
    laparams = LAParams()

    def pages() -> Iterator[PageLines]:
        spent = device.spent
        for n, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), 1):
            if n > budget.pdf_pages:
                spent.notes.add(f"the PDF has over {budget.pdf_pages:,} pages: only the first {budget.pdf_pages:,} were read")
                return
            last = False
            try:
                interpreter.process_page(page)
                layout = device.get_result()
            except _Spent as e:
                layout, last = device.page_read(page), e.document
            yield PageLines(_lines(layout, laparams, budget, spent), layout.height)
            if last:
                return
            if spent.lines >= budget.pdf_lines:
                spent.notes.add(f"the PDF holds over {budget.pdf_lines:,} lines: only the first {budget.pdf_lines:,} were read")
                return

    return pages(), device.spent


def _lines(layout: LTPage, laparams: LAParams, budget: Budget, spent: Spending) -> list[LTTextLine]:
    """The page's characters as text lines (pdfminer's grouping, in the order it makes them)."""
    chars = [o for o in layout if isinstance(o, LTChar)]
    if not chars:
        return []  # a scan, a blank page
    room = min(budget.pdf_page_lines, budget.pdf_lines - spent.lines)
    out: list[LTTextLine] = []
    for line in layout.group_objects(laparams, chars):
        if line.is_empty():
            continue
        if len(out) >= room:
            if room == budget.pdf_page_lines:
                spent.notes.add(f"a page holds over {budget.pdf_page_lines:,} lines: the rest of it was not read")
            break
        line.analyze(laparams)
        out.append(line)
    spent.lines += len(out)
    return out
