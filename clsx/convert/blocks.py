"""The blocks of a word-processor document -> text laid out like the plain texts clsx was written on.

The .docx and .odt readers only say what a document holds (paragraphs and headings, list items
with their labels, tables); this module writes it the way `convert/html.py` writes a page: one
block per paragraph, a blank line between blocks, list items one per line ("• …", "1. …") right
under the paragraph that announces them with a colon, table rows as lines with their cells
joined by " | ". A table row whose only filled cell holds paragraphs (a layout table: the whole
release set in a box) is written as those paragraphs, not as one long line.

People type a document in one of two ways: one paragraph per paragraph (the gaps come from the
paragraph spacing), or one paragraph per line with an empty paragraph between blocks (Enter
pressed twice). In the second, the empty paragraphs are the blank lines: a document where they
stand between a quarter or more of its paragraphs has its other paragraphs written as the lines
of one block ("Ont signé :" and a signatory per line stay together).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

BULLET = "•"
_SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class Para:
    text: str  # may hold "\n" (a line break inside the paragraph); "" for an empty paragraph
    heading: bool = False


@dataclass(frozen=True)
class Item:
    label: str  # "•", "1.", "a)"
    text: str


@dataclass(frozen=True)
class Table:
    rows: list[list[list["Block"]]]  # row -> cell -> the blocks in the cell


Block = Union[Para, Item, Table]


def lines_of(text: str) -> str:
    """Runs of spaces and tabs as one space, lines stripped, empty lines dropped."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# Empty paragraphs between this share of the paragraphs or more: they are the blank lines.
_TYPED_LINES = 0.25


def _paragraphs(blocks: list[Block]) -> list[Para]:
    out: list[Para] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(b)
        elif isinstance(b, Table):
            out += [p for row in b.rows for cell in row for p in _paragraphs(cell)]
    return out


def typed_as_lines(blocks: list[Block]) -> bool:
    """Whether empty paragraphs separate the blocks (one paragraph per line otherwise)."""
    paras = _paragraphs(blocks)
    full = [i for i, p in enumerate(paras) if p.text.strip()]
    gaps = sum(1 for a, b in zip(full, full[1:]) if b > a + 1)
    return gaps >= 2 and gaps >= _TYPED_LINES * (len(full) - 1)


@dataclass
class Writer:
    lines: bool = False  # empty paragraphs are the blank lines (typed_as_lines)
    blocks: list[str] = field(default_factory=list)
    _in_list: bool = False
    _open: bool = False  # the last block is a paragraph the next one goes on (`lines` only)

    def add(self, block: str, attach: bool = False) -> None:
        """A block, or with `attach` a list under the paragraph that announces it with a colon."""
        if not block:
            return
        if attach and self.blocks and self.blocks[-1].rstrip().endswith(":"):
            self.blocks[-1] += "\n" + block
        else:
            self.blocks.append(block)

    def write(self, blocks: list[Block]) -> None:
        for b in blocks:
            if isinstance(b, Item):
                text = lines_of(b.text)
                if not text:
                    continue
                line = f"{b.label} {text}".strip()
                if self._in_list:
                    self.blocks[-1] += "\n" + line
                else:
                    self.add(line, attach=True)
                self._in_list, self._open = True, False
            elif isinstance(b, Para):
                self._para(b)
            else:
                self._in_list = self._open = False
                self._table(b)

    def _para(self, p: Para) -> None:
        text = lines_of(p.text)
        if not text:
            self._open = False  # an empty paragraph: a blank line
            return
        if self._open and not p.heading:
            self.blocks[-1] += "\n" + text
        else:
            self.add(text)
        self._in_list = False
        self._open = self.lines and not p.heading

    def _table(self, table: Table) -> None:
        lines: list[str] = []
        for row in table.rows:
            cells = [c for c in row if cell_text(c)]
            if len(cells) == 1 and len(cells[0]) > 1:
                self.add("\n".join(lines))
                lines = []
                self.write(cells[0])
                self._in_list = self._open = False
            elif cells:
                lines.append(" | ".join(cell_text(c) for c in cells))
        self.add("\n".join(lines))

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n" if self.blocks else ""


def cell_text(blocks: list[Block]) -> str:
    """A table cell on one line: its paragraphs and items joined by spaces."""
    parts: list[str] = []
    for b in blocks:
        if isinstance(b, Table):
            parts += [cell_text(c) for row in b.rows for c in row]
        else:
            parts.append(lines_of(f"{b.label} {b.text}" if isinstance(b, Item) else b.text).replace("\n", " "))
    return " ".join(p for p in parts if p)


def render(blocks: list[Block]) -> str:
    w = Writer(lines=typed_as_lines(blocks))
    w.write(blocks)
    return w.text()


# --- list labels ------------------------------------------------------------------------------

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def counter(n: int, style: str) -> str:
    """A list counter in ODF's num-format terms: '1', 'a', 'A', 'i', 'I' ('' writes nothing)."""
    if style == "":
        return ""
    if style in ("a", "A"):
        s = _letters(n)
    elif style in ("i", "I"):
        s = _roman(n)
    else:
        return str(n)
    return s.upper() if style.isupper() else s


@dataclass
class Counters:
    """Counters of nested list levels: an item at one level resets the levels below it."""

    values: dict[int, int] = field(default_factory=dict)

    def step(self, level: int, start: int = 1) -> list[int]:
        """Count an item at `level`; the counters of levels 0..level after it."""
        for deeper in [k for k in self.values if k > level]:
            del self.values[deeper]
        self.values[level] = self.values[level] + 1 if level in self.values else start
        return [self.values.get(k, 1) for k in range(level + 1)]
