"""A PDF with a text layer -> its text in reading order, as clsx's rules expect it.

pdfminer.six gives the text lines with their boxes (pypdf is known to lose spaces in French
text). The layout decides the rest:
- reading order: the lines are cut recursively at the widest blank band, across or down the
  page, so a two-column page reads left column then right column, under a full-width title;
- headers and footers: a line at the top or bottom of a page that comes back on other pages
  (digits aside: "Page 2/3") is dropped, and so is a lone page number there;
- paragraphs: a gap taller than the line spacing starts a new block (a blank line); inside a
  block a line that was wrapped (the next line's first word would not have fitted after it)
  is joined to the next with a space, or with nothing after an end-of-line hyphen between
  lower-case letters ("Direc-" + "teur"); other lines (headings, list items) stay lines;
- ligatures (ﬁ, ﬂ, ﬀ…) become their letters.
A PDF whose pages hold no text (a scan) raises InputError('no_text').
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version

from ..lexicon import lexicon
from ..source import InputError
from . import Converted

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "Ĳ": "IJ", "ĳ": "ij", "Œ": "Œ"}
_LIGATURE = re.compile("|".join(map(re.escape, LIGATURES)))
_CID = re.compile(r"\(cid:\d+\)")
# A glyph with no Unicode mapping (or a Symbol-font private-use one, U+F0B7) opening a line is a bullet.
_GLYPH_BULLET = re.compile(r"^(?:\(cid:\d+\)|[\uf000-\uf0ff])\s*")
_HYPHENS = ("-", "\u00ad", "\u2010")
_LIST_ITEM = lexicon().expression("list.line_item")
_LABELLED = re.compile(r"^([A-ZÀ-Ü][\w’']+)\s+[\w°]+\s*[–—:.-]\s")  # 'Axe 5 – ', 'Priorité 2 : '

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:/|sur|of)\s*\d{1,4})?\s*[-–—]?$", re.IGNORECASE)
_LOWER = "a-zàâäçéèêëîïôöùûüÿœæ"
# A run starts where the character before is not of it: tried only there, these stay linear on
# a line of 40,000 spaces or letters (bench/regex_audit.py), where a bare `[ \t]+\n` is quadratic.
_TRAILING_SPACES = re.compile(r"(?<![ \t])[ \t]+\n")
_LAST_WORD = re.compile(rf"(?<![{_LOWER}])[{_LOWER}]+$")
# The band of a page (share of its height) where running headers and footers sit.
_EDGE = 0.12


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page, growing downwards
    bottom: float
    first_word: float  # width of the first word, to tell a wrapped line from a short one
    space: float  # width of a space in this line's font
    size: float  # font size of its first character
    right: float = 0.0  # right edge of the column the line belongs to

    @property
    def height(self) -> float:
        return self.bottom - self.top


def pdf_to_text(data: bytes) -> Converted:
    pages, heights, notes = _read(data)
    _drop_running_lines(pages, heights)
    text = _text([ln for lines in pages for ln in _order(lines)])
    text = _LIGATURE.sub(lambda m: LIGATURES[m.group(0)], text)
    text = _CID.sub("", text)
    text = _TRAILING_SPACES.sub("\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not re.search(r"\w", text):
        cut = f" ({'; '.join(notes)})" if notes else ""
        raise InputError(
            "no_text", f"the PDF has no text layer on its {len(pages)} page(s) (a scan?): run OCR on it first{cut}"
        )
    return Converted(text + "\n", f"pdfminer.six {version('pdfminer.six')}", "pdf", warnings=tuple(notes))


def _read(data: bytes) -> tuple[list[list[Line]], list[float], list[str]]:
    """The text lines of each page, the pages' heights, and what the budget cut (in the order
    the notes say it), read page by page within clsx/convert/budget.py's limits."""
    import logging

    from pdfminer.layout import LTChar
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    from .pdf_pages import read_pages

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not the user's business
    pages: list[list[Line]] = []
    heights: list[float] = []
    try:
        read, spent = read_pages(data)
        for page in read:
            h = page.height
            lines: list[Line] = []
            for tl in page.lines:
                text = _GLYPH_BULLET.sub("• ", tl.get_text().strip())
                if not text.strip():
                    continue
                chars = [c for c in tl if isinstance(c, LTChar)]
                lines.append(Line(text.strip(), tl.x0, tl.x1, h - tl.y1, h - tl.y0, *_measure(chars)))
            pages.append(lines)
            heights.append(h)
    except PDFPasswordIncorrect as e:
        raise InputError("encrypted", "the PDF is encrypted and needs a password to be read: decrypt it first (qpdf --decrypt)") from e
    except PDFEncryptionError as e:
        raise InputError("encrypted", f"the PDF is encrypted in a way clsx cannot read ({_said(e)}): decrypt it first (qpdf --decrypt)") from e
    except (PDFSyntaxError, PSException) as e:
        raise InputError("unreadable_pdf", f"not a readable PDF: {_said(e)}") from e
    except Exception as e:  # pdfminer raises many kinds on broken or encrypted files
        raise InputError("unreadable_pdf", f"cannot read the PDF: {type(e).__name__}: {e}") from e
    return pages, heights, sorted(spent.notes)


def _said(e: Exception) -> str:
    """An exception's message, or its kind when it has none (pdfminer raises some bare)."""
    return str(e).strip() or type(e).__name__


def _measure(chars: list[object]) -> tuple[float, float, float]:
    """(width of the first word, width of a space, font size) from the line's characters."""
    start = next((c for c in chars if c.get_text().strip()), None)  # type: ignore[attr-defined]
    if start is None:
        return 0.0, 3.0, 10.0
    end = start
    for c in chars[chars.index(start) :]:
        if not c.get_text().strip():  # type: ignore[attr-defined]
            break
        end = c
    size = getattr(start, "size", 10.0)
    return end.x1 - start.x0, 0.28 * size, size  # type: ignore[attr-defined]


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _drop_running_lines(pages: list[list[Line]], heights: list[float]) -> None:
    """Remove headers and footers: top/bottom lines that repeat across pages at the same height,
    page numbers, and lines there set apart in a smaller font than the body."""

    def edge(ln: Line, i: int) -> bool:
        return ln.top <= _EDGE * heights[i] or ln.bottom >= (1 - _EDGE) * heights[i]

    seen: dict[str, list[tuple[int, float]]] = {}
    for i, p in enumerate(pages):
        for ln in p:
            if edge(ln, i):
                seen.setdefault(_key(ln.text), []).append((i, ln.top))
    # running lines sit at the same height on each page (a caption split over a page break does not)
    repeated = {k for k, at in seen.items() if _on_two_pages_at_one_height(at)}
    body = _body_size([[ln for ln in p if not edge(ln, i)] for i, p in enumerate(pages)]) or _body_size(pages)
    for i, p in enumerate(pages):
        apart = _apart(p, body)
        p[:] = [ln for ln in p if not (edge(ln, i) and (_key(ln.text) in repeated or _PAGE_NUMBER.match(ln.text) or apart(ln)))]


def _on_two_pages_at_one_height(at: list[tuple[int, float]], within: float = 6) -> bool:
    """Whether two of these (page, top) are on different pages and at most `within` apart: a
    window over them sorted by height (each pair against all the others would be quadratic)."""
    at = sorted(at, key=lambda x: x[1])
    pages: dict[int, int] = {}  # pages in the window, with how many of its lines
    lo = 0
    for page, top in at:
        while at[lo][1] < top - within:
            old = at[lo][0]
            pages[old] -= 1
            if not pages[old]:
                del pages[old]
            lo += 1
        pages[page] = pages.get(page, 0) + 1
        if len(pages) > 1:
            return True
    return False


def _body_size(pages: list[list[Line]]) -> float:
    """The font size most of the text is set in (weighted by characters)."""
    weight: dict[float, int] = {}
    for p in pages:
        for ln in p:
            weight[round(ln.size, 1)] = weight.get(round(ln.size, 1), 0) + len(ln.text)
    return max(weight, key=lambda k: weight[k]) if weight else 0.0


def _apart(page: list[Line], body: float) -> Callable[[Line], bool]:
    """The test for a one-page running line: in a smaller font than the body and set apart from
    it by a gap. The nearest body line is found by bisection: a page of a thousand lines is not
    a million distances."""
    others = [o for o in page if o.size >= 0.85 * body]
    tops = sorted(o.top for o in others)
    bottoms = sorted(o.bottom for o in others)

    def nearest(values: list[float], x: float) -> float:
        i = bisect.bisect_left(values, x)
        return min(abs(values[j] - x) for j in (i - 1, i) if 0 <= j < len(values))

    def test(ln: Line) -> bool:
        if ln.size >= 0.85 * body or not others:
            return False
        return min(nearest(tops, ln.bottom), nearest(bottoms, ln.top)) > 1.0 * ln.height

    return test


def _order(lines: list[Line], region: list[Line] | None = None) -> list[Line]:
    """Reading order by repeated cuts at the widest blank band. Sets each line's column edge:
    the right end of the longest line in the same font size between the gutters around it
    (a title in a bigger font, or the empty half of a two-column page, does not count).
    A loop over a stack of regions, not recursion: a page of a thousand lines each set apart
    is a thousand cuts deep."""
    out: list[Line] = []
    edges: dict[tuple[int, float], tuple[list[Line], float]] = {}
    stack = [(lines, lines if region is None else region)]
    while stack:
        part, where = stack.pop()
        parts = _cut(part, where)
        if parts is None:
            out += _with_edges(sorted(part, key=lambda ln: (round(ln.top, 1), ln.x0)), where, edges)
        else:
            stack += reversed(parts)
    return out


def _cut(lines: list[Line], region: list[Line]) -> list[tuple[list[Line], list[Line]]] | None:
    """The two parts (with the region each belongs to) of a cut at the widest blank band, or
    None when there is none to cut at."""
    if len(lines) <= 1:
        return None
    across = _gaps([(ln.top, ln.bottom) for ln in lines])
    down = _gutters(lines)
    widest_across = max((b - a for a, b in across), default=0.0)
    widest_down = max((b - a for a, b in down), default=0.0)
    # a gutter counts more than a gap between lines: columns first, then the blocks in them
    if widest_down >= 8 and 1.5 * widest_down > widest_across:
        cut = max(down, key=lambda g: g[1] - g[0])[0]
        left = [ln for ln in lines if ln.x0 < cut]  # a line running over the gutter stays left
        rest = [ln for ln in lines if ln.x0 >= cut]
        return [(left, left), (rest, rest)]
    if widest_across > 0:
        cut = max(across, key=lambda g: g[1] - g[0])[0]
        return [([ln for ln in lines if ln.bottom <= cut], region), ([ln for ln in lines if ln.bottom > cut], region)]
    return None


def _with_edges(lines: list[Line], region: list[Line], known: dict[tuple[int, float], tuple[list[Line], float]] | None = None) -> list[Line]:
    """Set each line's `right`; it depends only on the region and the line's size, so it is
    worked out once for each (kept in `known`, with the region, so that an id is never reused)."""
    known = {} if known is None else known
    for ln in lines:
        hit = known.get((id(region), ln.size))
        if hit is None or hit[0] is not region:
            hit = (region, _right_edge(region, ln.size))
            known[(id(region), ln.size)] = hit
        ln.right = hit[1]
    return lines


def _right_edge(region: list[Line], size: float) -> float:
    ends = sorted((o.x1 for o in region if abs(o.size - size) < 0.5), reverse=True)
    # one or two lines running past the others (a long web address) are not the margin
    ref = ends[2] if len(ends) >= 5 else ends[0]
    return max(x for x in ends if x <= ref + 1.5 * size)


def _gutters(lines: list[Line]) -> list[tuple[float, float]]:
    """Blank bands down the region; in a column of ten lines or more, up to two lines may run
    over a gutter (a long web address, a title across both columns)."""
    gaps = _gaps([(ln.x0, ln.x1) for ln in lines])
    if gaps or len(lines) < 10:
        return gaps
    widest = sorted(lines, key=lambda ln: ln.x1 - ln.x0)
    for drop in (1, 2):
        rest = widest[:-drop]
        gaps = [g for g in _gaps([(ln.x0, ln.x1) for ln in rest]) if any(ln.x1 <= g[0] for ln in rest)]
        if gaps:
            return gaps
    return []


def _gaps(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Blank bands between the union of intervals."""
    out: list[tuple[float, float]] = []
    spans = sorted(intervals)
    end = spans[0][1]
    for a, b in spans[1:]:
        if a > end:
            out.append((end, a))
        end = max(end, b)
    return out


def _text(ordered: list[Line]) -> str:
    if not ordered:
        return ""
    whole = " ".join(ln.text for ln in ordered)
    parts = [ordered[0].text]
    start = ordered[0].text  # the first line of the line of text being written
    for prev, cur in zip(ordered, ordered[1:]):
        sep, unhyphen = _joint(prev, cur, whole, start)
        if unhyphen:
            parts[-1] = parts[-1][:-1]
        parts += [sep, cur.text]
        if sep.startswith("\n"):
            start = cur.text
    return "".join(parts)


def _parallel(start: str, cur: str) -> bool:
    """'Axe 5 – …' then 'Axe transversal – …': one more item of a list, however full the line before."""
    a, b = _LABELLED.match(start), _LABELLED.match(cur)
    return bool(a and b and a.group(1) == b.group(1))


def _joint(prev: Line, cur: Line, whole: str, start: str = "") -> tuple[str, bool]:
    """What goes between two lines read one after the other ('', ' ', '\\n' or '\\n\\n'), and
    whether the hyphen ending the first is a line-end hyphenation to remove. `start`: the first
    line of the line of text `prev` ends."""
    same_column = cur.top > prev.top and cur.x0 < prev.x1 and prev.x0 < cur.x1
    wrapped = prev.x1 + prev.space + cur.first_word > prev.right + 0.5 and not _LIST_ITEM.match(cur.text)
    wrapped = wrapped and not _parallel(start or prev.text, cur.text)
    if not same_column:
        # next column or page: a sentence cut at the foot of a column goes on at the top of the next
        if _LIST_ITEM.match(start or prev.text) and _LIST_ITEM.match(cur.text):
            return "\n", False  # a list going on
        if not (wrapped and abs(prev.size - cur.size) < 0.1 and not prev.text.endswith((".", "!", "?", ":", ";"))):
            return "\n\n", False
        if not (cur.text[:1].islower() or prev.text.endswith((*_HYPHENS, ","))):
            return "\n", False  # not sure: a line break, which clsx's reader reflows if it must
    elif cur.top - prev.bottom > 0.5 * max(prev.height, cur.height):
        return "\n\n", False
    elif not wrapped:
        return "\n", False
    if len(prev.text) > 1 and prev.text.endswith(_HYPHENS):
        word_a = _LAST_WORD.search(prev.text[:-1])
        word_b = re.match(rf"[{_LOWER}]+", cur.text)
        if word_a and word_b:
            # 'porte-' + 'parole' stays hyphenated when the text writes 'porte-parole' elsewhere
            return "", f"{word_a.group(0)}-{word_b.group(0)}" not in whole
        return "", prev.text.endswith("\u00ad")  # 'Hauts-de-' + 'France': the hyphen stays
    return " ", False
