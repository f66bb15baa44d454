"""An OpenDocument text (.odt, LibreOffice's format) -> its text, read from its XML directly.

An .odt is a zip whose content.xml holds the body: headings (text:h) and paragraphs (text:p)
become blocks, lists (text:list) "• …" or "1. …" lines labelled from their list style (in
content.xml or styles.xml: bullet or number, its format, prefix, suffix and start; nested
levels; "continue numbering"), tables (table:table) rows as lines, text boxes (draw:text-box)
blocks after their paragraph. Whitespace is ODF's: runs of spaces in the XML are one space,
text:s, text:tab and text:line-break are the spaces, tabs and breaks. Left out, as a reader does
not see them: tracked deletions, notes, comments, tables of contents (a copy of the headings)
and the running header and footer (in styles.xml).

Only the standard library reads it (zipfile, xml.etree); a document that declares XML entities
(a "billion laughs" bomb; office suites never write one) is refused before parsing.
"""

from __future__ import annotations

import platform
import re
import xml.etree.ElementTree as ET
from typing import Any

from ..source import InputError
from . import Converted
from .blocks import BULLET, Block, Counters, Item, Para, Table, counter, render
from .formats import encrypted
from .zipped import open_zip, read_part

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


P, H, LIST, ITEM, HEADER = (_q(f"text:{t}") for t in ("p", "h", "list", "list-item", "list-header"))
TABLE, ROW, CELL = _q("table:table"), _q("table:table-row"), _q("table:table-cell")
TEXT_BOX = _q("draw:text-box")
# containers whose content is read as if they were not there
_SECTIONS = {_q(t) for t in ("text:section", "office:text", "text:soft-page-break", "text:numbered-paragraph")}
_ROW_GROUPS = {_q(t) for t in ("table:table-header-rows", "table:table-rows", "table:table-row-group")}
# inline elements whose content a reader does not see
_UNSEEN = {_q(t) for t in ("text:note", "office:annotation", "text:number", "text:tracked-changes", "text:bookmark-ref")}
_WHITESPACE = re.compile(r"[ \t\r\n]+")


def odt_to_text(data: bytes, max_bytes: int) -> Converted:
    with open_zip(data, max_bytes, "odt") as z:
        names = set(z.namelist())
        if "META-INF/manifest.xml" in names and b"encryption-data" in read_part(z, "META-INF/manifest.xml", "odt"):
            raise encrypted("the .odt")
        content = _parse(read_part(z, "content.xml", "odt"), "content.xml")
        styles = _parse(read_part(z, "styles.xml", "odt"), "styles.xml") if "styles.xml" in names else None
    body = content.find("office:body/office:text", _NS)
    if body is None:
        raise InputError("unreadable_odt", "not a readable .odt: its content.xml has no office:text body (another OpenDocument kind?)")
    reader = _Reader([x for x in (content, styles) if x is not None])
    try:
        text = render(reader.blocks(body))
    except RecursionError as e:
        raise InputError("unreadable_odt", "not a readable .odt: its elements nest deeper than any document does") from e
    if not text.strip():
        raise InputError("empty", "the .odt holds no text")
    return Converted(text, f"xml.etree (Python {platform.python_version()})", "odt")


def _parse(xml: bytes, name: str) -> Any:
    if b"<!ENTITY" in xml:
        raise InputError("unreadable_odt", f"not a readable .odt: its {name} declares XML entities, which office suites never write")
    try:
        return ET.fromstring(xml)
    except ET.ParseError as e:
        raise InputError("unreadable_odt", f"not a readable .odt: its {name} is not well-formed XML ({e})") from e


class _Reader:
    def __init__(self, roots: list[Any]) -> None:
        # list style name -> level (1-based) -> (format, prefix, suffix, start, levels shown); format BULLET for bullets
        self.list_styles: dict[str, dict[int, tuple[str, str, str, int, int]]] = {}
        for root in roots:
            for style in root.iter(_q("text:list-style")):
                self.list_styles[style.get(_q("style:name"), "")] = {
                    int(lvl.get(_q("text:level"), "1")): _level(lvl) for lvl in style
                }
        self.counters: dict[str, Counters] = {}

    def blocks(self, container: Any) -> list[Block]:
        out: list[Block] = []
        for child in container:
            if child.tag in (P, H):
                out += self.paragraph(child)
            elif child.tag == LIST:
                out += self.list(child, 1, "")
            elif child.tag == TABLE:
                out.append(Table([[self.blocks(cell) for cell in row if cell.tag == CELL] for row in _rows(child)]))
            elif child.tag in _SECTIONS:
                out += self.blocks(child)
        return out

    def paragraph(self, p: Any, label: str | None = None) -> list[Block]:
        parts: list[str] = []
        boxes: list[Any] = []
        _inline(p, parts, boxes)
        text = "".join(parts)
        first: Block = Para(text, heading=p.tag == H) if label is None else Item(label, text)
        return [first, *(b for box in boxes for b in self.blocks(box))]

    def list(self, el: Any, level: int, style: str) -> list[Block]:
        style = el.get(_q("text:style-name")) or style
        counters = self.counters.setdefault(style, Counters())
        if level == 1 and el.get(_q("text:continue-numbering")) != "true" and el.get(_q("text:continue-list")) is None:
            counters.values.clear()
        out: list[Block] = []
        for item in el:
            if item.tag not in (ITEM, HEADER):
                continue
            label = self._label(item, level, style, counters) if item.tag == ITEM else ""
            for child in item:
                if child.tag in (P, H):
                    out += self.paragraph(child, label)
                    label = ""  # a second paragraph of the item goes on under it
                elif child.tag == LIST:
                    out += self.list(child, level + 1, style)
                else:
                    out += self.blocks([child])
        return out

    def _label(self, item: Any, level: int, style: str, counters: Counters) -> str:
        fmt, prefix, suffix, start, shown = self.list_styles.get(style, {}).get(level, (BULLET, "", "", 1, 1))
        if fmt == BULLET:
            return BULLET
        given = item.get(_q("text:start-value"))
        if given and given.isdigit():
            counters.values.pop(level - 1, None)
            start = int(given)
        values = counters.step(level - 1, start)
        return f"{prefix}{'.'.join(counter(v, fmt) for v in values[-shown:])}{suffix}".strip()


def _level(lvl: Any) -> tuple[str, str, str, int, int]:
    if lvl.tag != _q("text:list-level-style-number"):
        return BULLET, "", "", 1, 1
    start, shown = lvl.get(_q("text:start-value"), "1"), lvl.get(_q("text:display-levels"), "1")
    return (
        lvl.get(_q("style:num-format"), "1"),
        lvl.get(_q("style:num-prefix"), ""),
        lvl.get(_q("style:num-suffix"), ""),
        int(start) if start.isdigit() else 1,
        max(1, int(shown)) if shown.isdigit() else 1,
    )


def _rows(table: Any) -> list[Any]:
    rows: list[Any] = []
    for child in table:
        if child.tag == ROW:
            rows.append(child)
        elif child.tag in _ROW_GROUPS:
            rows += _rows(child)
    return rows


def _inline(el: Any, parts: list[str], boxes: list[Any]) -> None:
    """An element's visible text into `parts`, ODF whitespace rules applied; text boxes into `boxes`."""
    if el.text:
        parts.append(_WHITESPACE.sub(" ", el.text))
    for child in el:
        tag = child.tag
        if tag == _q("text:s"):
            c = child.get(_q("text:c"), "1")
            parts.append(" " * min(int(c) if c.isdigit() else 1, 100))
        elif tag == _q("text:tab"):
            parts.append("\t")
        elif tag == _q("text:line-break"):
            parts.append("\n")
        elif tag.startswith(f"{{{_NS['draw']}}}"):
            boxes += child.iter(TEXT_BOX)  # a frame: its text boxes, not its images or captions
        elif tag not in _UNSEEN:
            _inline(child, parts, boxes)
        if child.tail:
            parts.append(_WHITESPACE.sub(" ", child.tail))
