"""A Word .docx -> its text: paragraphs and headings as blocks, Word's own lists as "• …" and
"1. …" lines, table rows as lines, text boxes after the paragraph that holds them.

python-docx opens the package (relationships, styles, the numbering part) and gives the XML of
the body, which is walked in document order. What a reader sees is kept: tracked insertions,
hyperlinks, fields' results, content controls. What it does not see is left out: deleted text,
the copy of a text box Word keeps for old readers (mc:Fallback), field codes, and the running
header and footer (like the PDF reader's). A list item's label is computed as Word does, from
the numbering definitions: the level's format and text ("%1.", "%1.%2)"), restarts, and the
counter shared by the lists of one definition.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

from ..source import InputError
from . import Converted
from .blocks import BULLET, Block, Counters, Item, Para, Table, counter, render
from .formats import unsupported
from .zipped import open_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
P, R, TBL, TR, TC, TXBX = (f"{_W}{t}" for t in ("p", "r", "tbl", "tr", "tc", "txbxContent"))
# wrappers whose content is read as if they were not there
_WRAPPERS = {f"{_W}{t}" for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "hyperlink", "smartTag", "fldSimple", "dir", "bdo")}
# what a reader does not see
_HIDDEN = {f"{_W}{t}" for t in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "tblPr", "tblGrid", "trPr", "tcPr")} | {_MC_FALLBACK}
# Word's numFmt -> the counter styles of blocks.counter
_HEADING_STYLES = ("heading", "title", "subtitle", "titre", "sous-titre")
_FORMATS = {"lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i", "upperRoman": "I", "none": "", "bullet": BULLET}


def docx_to_text(data: bytes, max_bytes: int) -> Converted:
    open_zip(data, max_bytes, "docx").close()  # the sizes, before python-docx unpacks anything
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as e:  # "… is not a Word file, content type is '…macroEnabled…'"
        raise unsupported("docm") from e
    except Exception as e:  # python-docx and lxml raise many kinds on a damaged package
        raise InputError("unreadable_docx", f"not a readable .docx: {type(e).__name__}: {e}") from e
    reader = _Reader(document)
    text = render(reader.blocks(document.element.body))
    if not text.strip():
        raise InputError("empty", "the .docx holds no text")
    return Converted(text, f"python-docx {version('python-docx')}", "docx")


def _children(el: Any, tag: str) -> Iterator[Any]:
    """The children with `tag`, looking through content controls and custom XML around them."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


class _Reader:
    def __init__(self, document: Any) -> None:
        styles = list(document.styles.element.iterchildren(f"{_W}style"))
        self.styles = {s.get(f"{_W}styleId"): s for s in styles}
        self.default = next((s for s in styles if s.get(f"{_W}type") == "paragraph" and s.get(f"{_W}default") in ("1", "true")), None)
        self.numbering = _Numbering(document, self.styles)

    def blocks(self, container: Any) -> list[Block]:
        out: list[Block] = []
        for child in container:
            if child.tag == P:
                out += self.paragraph(child)
            elif child.tag == TBL:
                rows = [[self.blocks(tc) for tc in _children(tr, TC)] for tr in _children(child, TR)]
                out.append(Table(rows))
            elif child.tag in _WRAPPERS:
                out += self.blocks(child)
        return out

    def paragraph(self, p: Any) -> list[Block]:
        parts: list[str] = []
        boxes: list[Any] = []
        _runs(p, parts, boxes)
        text = "".join(parts)
        chain = list(self._pprs(p))
        num = next((n for n in map(_num_pr, chain) if n), None)
        if num and num[0] != "0" and text.strip():  # numId 0: numbering switched off
            first: Block = Item(self.numbering.label(*num), text)
        else:
            first = Para(text, heading=any(map(_heading, chain)))
        return [first, *(b for box in boxes for b in self.blocks(box))]

    def _pprs(self, p: Any) -> Iterator[Any]:
        """The paragraph's properties, then its style's, then the styles that style is based on."""
        ppr = p.find(f"{_W}pPr")
        if ppr is not None:
            yield ppr
        ref = ppr.find(f"{_W}pStyle") if ppr is not None else None
        style = self.styles.get(ref.get(f"{_W}val")) if ref is not None else self.default
        seen: set[int] = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            yield style
            based = style.find(f"{_W}basedOn")
            style = self.styles.get(based.get(f"{_W}val")) if based is not None else None


def _ppr(props: Any) -> Any:
    """A paragraph's or a style's paragraph properties (w:pPr), or None."""
    return props if props.tag == f"{_W}pPr" else props.find(f"{_W}pPr")


def _heading(props: Any) -> bool:
    """A heading or title style, or a paragraph given an outline level."""
    ppr = _ppr(props)
    level = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if level is not None and level.get(f"{_W}val", "9") < "9":
        return True
    name = props.find(f"{_W}name")
    return name is not None and name.get(f"{_W}val", "").lower().startswith(_HEADING_STYLES)


def _num_pr(props: Any) -> tuple[str, int] | None:
    ppr = _ppr(props) if props is not None else None
    numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
    if numpr is None or numpr.find(f"{_W}numId") is None:
        return None
    ilvl = numpr.find(f"{_W}ilvl")
    level = ilvl.get(f"{_W}val") if ilvl is not None else "0"
    return numpr.find(f"{_W}numId").get(f"{_W}val"), int(level) if level.isdigit() else 0


def _runs(el: Any, parts: list[str], boxes: list[Any]) -> None:
    """The paragraph's visible text into `parts`; its text boxes into `boxes`."""
    for child in el:
        if child.tag in _HIDDEN:
            continue
        if child.tag == R:
            parts.append(child.text)  # python-docx's CT_R: w:t, tabs, breaks, no-break hyphens
            _boxes(child, boxes)
        elif child.tag != P:
            _runs(child, parts, boxes)


def _boxes(el: Any, boxes: list[Any]) -> None:
    for child in el:
        if child.tag == TXBX:
            boxes.append(child)
        elif child.tag != _MC_FALLBACK:
            _boxes(child, boxes)


class _Numbering:
    """Labels of list items from word/numbering.xml."""

    def __init__(self, document: Any, styles: dict[str, Any]) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId -> level -> (format, text, start)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, restarts)
        self.counters: dict[str, Counters] = {}
        self.used: set[tuple[str, int]] = set()  # (numId, level) already counted: a restart applies once
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: no lists
            return
        links: dict[str, str] = {}
        for a in root.iterchildren(f"{_W}abstractNum"):
            aid = a.get(f"{_W}abstractNumId")
            link = a.find(f"{_W}numStyleLink")
            if link is not None:
                links[aid] = link.get(f"{_W}val")
            self.levels[aid] = {int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in a.iterchildren(f"{_W}lvl")}
        for n in root.iterchildren(f"{_W}num"):
            ref = n.find(f"{_W}abstractNumId")
            restarts = {
                int(o.get(f"{_W}ilvl", "0")): int(s.get(f"{_W}val", "1"))
                for o in n.iterchildren(f"{_W}lvlOverride")
                if (s := o.find(f"{_W}startOverride")) is not None
            }
            self.nums[n.get(f"{_W}numId")] = (ref.get(f"{_W}val") if ref is not None else "", restarts)
        for aid, style_id in links.items():  # a list style: the definition is the style's numbering
            num = _num_pr(styles[style_id]) if style_id in styles else None
            target = self.nums.get(num[0], ("", {}))[0] if num else ""
            if self.levels.get(target):
                self.levels[aid] = self.levels[target]

    def label(self, num_id: str, level: int) -> str:
        aid, restarts = self.nums.get(num_id, ("", {}))
        levels = self.levels.get(aid, {})
        fmt, text, start = levels.get(level, (BULLET, BULLET, 1))
        if fmt == BULLET:
            return BULLET
        counters = self.counters.setdefault(aid, Counters())
        if (num_id, level) not in self.used and level in restarts:
            counters.values.pop(level, None)
            start = restarts[level]
        self.used.add((num_id, level))
        values = counters.step(level, start)

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            return counter(values[k], levels.get(k, ("1", "", 1))[0]) if k < len(values) else ""

        return re.sub(r"%([1-9])", sub, text).strip()


def _level(lvl: Any) -> tuple[str, str, int]:
    def val(tag: str, default: str) -> str:
        el = lvl.find(f"{_W}{tag}")
        return el.get(f"{_W}val", default) if el is not None else default

    fmt = val("numFmt", "decimal")
    start = val("start", "1")
    return _FORMATS.get(fmt, "1"), val("lvlText", f"%{int(lvl.get(f'{_W}ilvl', '0')) + 1}."), int(start) if start.isdigit() else 1
