"""What a web page or a PDF may cost before the model reads it, counted while reading.

The model reads at most `--max-tokens` of a text (clsx/limits.py), but the readers before it
(lxml and trafilatura, lexbor, pdfminer) have costs of their own that grow faster than the
document: trafilatura's work on the children of one element and lexbor's on nesting are
quadratic, so is pdfminer's grouping of the text boxes of one page, and Python's recursion
ends in an error on a page nested deep enough. So each converter counts what it reads and stops
at a budget, far above any press release (or any CLS contract, for PDFs), before the cost
shows: the document is cut there and its record says so in `warnings`. The budgets are
measured in things counted, not in seconds, so a document always gives the same record.

A page is counted by one linear pass over its markup (`bound_markup`), before any parser sees
it: elements, nesting and runs of inline elements, as an HTML parser would open and close
them (near enough: the pass only has to bound, not to parse). PDFs are counted by the reader
itself (clsx/convert/pdf.py): pages, characters per page and in all, and what their content
streams unpack to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Budget:
    """The limits, and why each is where it is (bench/adversarial.py times documents at each)."""

    # A page: the press releases we have seen hold 1,500 to 4,000 elements with their menus.
    html_chars: int = 8_000_000  # markup characters read (a page past --max-bytes is refused before)
    html_elements: int = 10_000  # trafilatura spends 0.1 to 0.2 ms on each
    html_tags: int = 30_000  # start and end tags, comments, declarations: what the pass reads
    html_depth: int = 200  # deeper elements lose their tags (not their text): lxml stops at 255
    html_inline_run: int = 1_000  # inline elements (span, a, b…) in one element: their merging is quadratic
    # A PDF: the model reads about 45,000 characters, 12 to 15 pages of a report; pdfminer takes
    # about 17 µs a character and 2 to 4 s a megabyte of content stream.
    pdf_pages: int = 150  # at the character budget, 670 a page: sparser than any text page (2,000 to 3,500)
    pdf_chars: int = 100_000  # characters of the whole document
    pdf_content_bytes: int = 600_000  # what the content streams run unpack to (a text page: 7 to 30 kB)
    pdf_lines: int = 20_000  # text lines of the whole document
    pdf_page_lines: int = 1_000  # on one page (a dense one holds 100): the layout works on them in pairs
    pdf_page_objects: int = 10_000  # characters, drawn forms and images on one page


BUDGET = Budget()

# HTML's void elements (never closed) and raw-text elements (no markup inside until their end tag).
_VOID = frozenset(
    "area base basefont bgsound br col command embed frame hr image img input isindex keygen link meta param source track wbr".split()
)
_RAW = frozenset("script style textarea title xmp iframe noembed noframes".split())
_INLINE = frozenset(
    "a abbr acronym b bdi bdo big cite code data dfn em font i kbd label mark nobr q s samp small span strike strong sub sup time tt u var".split()
)
# The elements an HTML5 parser re-opens after every block they were left open in (lexbor does,
# lxml does not): a few hundred left open make a page of a few thousand elements millions of nodes.
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
_FORMATTING_OPEN = 20  # more than any page leaves open
# An open <p> ends where one of these starts (the HTML standard's list, the common part).
_CLOSES_P = frozenset(
    "address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul".split()
)
# An element that a sibling of its kind ends: <li> ends an open <li>, <td> an open <td> or <th>…
_ENDED_BY = {"li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "td": ("td", "th"), "th": ("td", "th"), "tr": ("tr", "td", "th"), "option": ("option",)}
_TAG = re.compile(r"<(?:(!--)|(/?)([A-Za-z][^\s/>]*)|[!?/])")
_COMMENT_END = re.compile(r"--!?>")
_RAW_END: dict[str, re.Pattern[str]] = {}


@dataclass
class _Open:
    """An element the pass has opened: `dropped` when its tags are taken out (its text stays)."""

    name: str
    depth: int  # kept elements from the root to it, itself included when kept
    dropped: bool
    inline: int = 0  # inline children kept in it (in a dropped one: in the kept element holding it)
    holder: "_Open | None" = None  # the kept element its children end up in


@dataclass
class Bounded:
    markup: str
    warnings: list[str] = field(default_factory=list)
    elements: int = 0  # opened by the pass: about the elements a parser makes
    depth: int = 0  # the deepest nesting left, as the pass sees it


class _Pass:
    """The state of one pass: the open elements, as an HTML parser would have them, near enough
    (a parser may close some that the pass keeps open: the pass then counts more, never fewer)."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.root = _Open("#root", 0, False)
        self.root.holder = self.root
        self.stack: list[_Open] = [self.root]
        self.names: dict[str, int] = {}  # open elements by name
        self.formatting: dict[str, int] = {}  # formatting elements opened and not yet ended
        self.foreign = 0  # open <svg> and <math>: there a "/>" ends the element
        self.drop: list[tuple[int, int]] = []  # spans of markup to take out, in order
        self.elements = self.deepest = 0
        self.dropped = {"deep": 0, "inline": 0, "formatting": 0}

    def open(self, name: str, start: int, end: int, self_closing: bool) -> _Open | None:
        """A start tag at markup[start:end]; the element if it stays open (not void)."""
        self.elements += 1
        ended = (("p",) if name in _CLOSES_P else ()) + _ENDED_BY.get(name, ())
        while len(self.stack) > 1 and self.stack[-1].name in ended:
            self.pop()
        holder = self.stack[-1].holder
        assert holder is not None
        why = self._drop_why(name, holder)
        if why:
            self.drop.append((start, end))
            self.dropped[why] += 1
        elif name in _INLINE:
            holder.inline += 1
        if name in _FORMATTING and not why:
            self.formatting[name] = self.formatting.get(name, 0) + 1
        if name in _VOID or (self.foreign and self_closing):
            return None
        el = _Open(name, holder.depth + (0 if why else 1), bool(why))
        el.holder = holder if why else el
        self.deepest = max(self.deepest, el.depth)
        self.stack.append(el)
        self.names[name] = self.names.get(name, 0) + 1
        self.foreign += name in ("svg", "math")
        return el

    def _drop_why(self, name: str, holder: _Open) -> str | None:
        if holder.depth + 1 > self.budget.html_depth:
            return "deep"
        if name in _INLINE and holder.inline >= self.budget.html_inline_run:
            return "inline"
        if name in _FORMATTING and sum(self.formatting.values()) >= _FORMATTING_OPEN:
            return "formatting"
        return None

    def close(self, name: str, start: int, end: int) -> None:
        """An end tag: it closes the innermost open element of its name and those opened inside
        it (ignored when none is open, as HTML does); its tag goes with its element's."""
        if not self.names.get(name):
            if self.formatting.get(name):  # one the pass closed with its block: the parser ends it here
                self.formatting[name] -= 1
            return
        while len(self.stack) > 1:
            el = self.pop()
            if el.name == name:
                if el.dropped:  # the parser never sees this end tag: what it has open stays open
                    self.drop.append((start, end))
                elif self.formatting.get(name):
                    self.formatting[name] -= 1
                return

    def pop(self) -> _Open:
        el = self.stack.pop()
        self.names[el.name] -= 1
        self.foreign -= el.name in ("svg", "math")
        return el


def bound_markup(markup: str, budget: Budget = BUDGET) -> Bounded:
    """The markup within the budget, in one pass over it: past `html_elements` elements or
    `html_chars` characters it is cut at a tag; elements deeper than `html_depth`, inline
    elements of one element past `html_inline_run` and formatting elements past a few dozen left
    open lose their tags but keep their text. A page within the budget comes back as it was."""
    notes: list[str] = []
    if len(markup) > budget.html_chars:
        cut = markup.rfind("<", 0, budget.html_chars)
        markup = markup[: cut if cut > 0 else budget.html_chars]
        notes.append(f"the page is over {budget.html_chars:,} characters of markup: only the first {len(markup):,} were read")
    run = _Pass(budget)
    pos = tags = 0
    while (m := _TAG.search(markup, pos)) is not None:
        tags += 1
        if tags > budget.html_tags:
            markup = markup[: m.start()]
            notes.append(f"the page has over {budget.html_tags:,} tags: only the text before the next one was read")
            break
        if m.group(1):  # a comment ends at the first "-->" or "--!>", "<!-->" included (HTML's rule)
            close = _COMMENT_END.search(markup, m.start() + 2)
            pos = len(markup) if close is None else close.end()
            continue
        gt = markup.find(">", m.end())
        if gt < 0:
            break  # an unfinished tag: the rest is text
        pos = gt + 1
        name = (m.group(3) or "").lower()
        if not name:
            continue  # <!doctype>, <?xml?>, </ >: not elements
        if m.group(2):
            run.close(name, m.start(), pos)
            continue
        if run.elements >= budget.html_elements:
            markup = markup[: m.start()]
            notes.append(f"the page has over {budget.html_elements:,} elements: only the text of the first {budget.html_elements:,} was read")
            break
        el = run.open(name, m.start(), pos, markup[gt - 1] == "/")
        if el is not None and name in _RAW:  # its content is text: on to its end tag
            ends = _RAW_END.setdefault(name, re.compile(rf"</{name}[\s/>]", re.IGNORECASE))
            end_tag = ends.search(markup, pos)
            if end_tag is None:
                break
            gt = markup.find(">", end_tag.start())
            pos = len(markup) if gt < 0 else gt + 1
            if el.dropped:  # a script or style has no text to keep: out with its content
                run.drop[-1] = (m.start(), pos)
                run.pop()
            else:
                run.close(name, end_tag.start(), pos)
    notes += _dropped_notes(run, budget)
    return Bounded(_without(markup, run.drop), notes, run.elements, run.deepest)


def _dropped_notes(run: _Pass, budget: Budget) -> list[str]:
    notes = []
    if run.dropped["deep"]:
        notes.append(f"the page nests elements over {budget.html_depth} deep: {run.dropped['deep']:,} deeper ones were read as their text")
    if run.dropped["inline"]:
        notes.append(f"an element of the page holds over {budget.html_inline_run:,} inline elements: {run.dropped['inline']:,} more were read as their text")
    if run.dropped["formatting"]:
        notes.append(f"the page leaves over {_FORMATTING_OPEN} formatting elements open: {run.dropped['formatting']:,} more were read as their text")
    return notes


def _without(markup: str, spans: list[tuple[int, int]]) -> str:
    """The markup with these (sorted, disjoint) spans taken out."""
    if not spans:
        return markup
    parts, at = [], 0
    for a, b in spans:
        parts.append(markup[at:a])
        at = b
    parts.append(markup[at:])
    return "".join(parts)
