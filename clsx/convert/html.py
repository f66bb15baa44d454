"""A saved web page -> the article's text, with headings and list items kept as lines.

trafilatura finds the main content (it drops menus, share buttons, "read also" boxes and
footers); its XML tree is written out here so that headings, paragraphs and list items stay
lines, with a blank line between blocks, as in the plain texts the rules were written on. When
trafilatura keeps nothing, or only a cookie banner, selectolax's text of the page's article
(or body, without its navigation) is used instead, and `converter` says so.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

from ..encoding import decode_replacing
from ..source import InputError
from . import Converted
from .blocks import Writer
from .budget import bound_markup

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_COOKIE = re.compile(r"\bcookies?\b|consentement|traceurs|vie privée|accepter|tout refuser", re.IGNORECASE)
# Below this many characters, a text that talks of cookies is the banner, not the article.
_BANNER_MAX = 600
_BLOCKS = {"head", "p", "list", "quote", "code", "table", "row"}
_DROP = "script, style, noscript, template, svg, nav, header, footer, aside, form, button, iframe, select"
_CLUTTER = re.compile(r"cookie|consent|gdpr|rgpd|share|partage|social|breadcrumb|fil-ariane|menu|newsletter|related", re.I)
_SELECTOLAX_BLOCKS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "tr", "table", "blockquote", "dd", "dt", "dl", "pre", "figcaption", "figure", "address",
}


def decode_html(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Bytes -> (markup, encoding); see `read_markup`."""
    markup, enc, _ = read_markup(data, encoding)
    return markup, enc


def read_markup(data: bytes, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Bytes -> (markup, encoding, warnings), decided as a browser would: a forced encoding, a
    BOM, then the <meta charset> unless the bytes contradict it, else UTF-8, else cp1252.

    A declaration the bytes contradict is overruled, with a warning. UTF-16 (or any encoding
    that does not read ASCII as ASCII) declared on a page without a BOM is read as UTF-8, as the
    HTML standard says: the <meta> could not have been read otherwise. Non-ASCII bytes that are
    valid UTF-8 are UTF-8 whatever the page declares (legacy French text is never valid UTF-8 by
    chance). A declaration the bytes do not decode in gives way to UTF-8, else cp1252."""
    if encoding:
        return data.decode(encoding), encoding, []
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            markup, notes = decode_replacing(data, enc)
            return markup, enc, notes
    declared = _declared(data)
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    why = None
    if declared is None or (codecs.lookup(declared).name == "utf-8" and utf8 is not None):
        pass
    elif not _reads_ascii(declared):
        why = "it does not read ASCII as ASCII (and the page has no byte order mark)"
    elif utf8 is not None and not data.isascii():
        why = "its bytes are UTF-8"
    else:
        try:
            return data.decode(declared), declared, []
        except (UnicodeDecodeError, LookupError):
            why = "its bytes do not decode in it"
    notes = [f"the page declares charset {declared} but {why}: read as the bytes say"] if why else []
    if utf8 is not None:
        return utf8, "utf-8", notes
    return data.decode("cp1252", errors="replace"), "cp1252", notes


def _declared(data: bytes) -> str | None:
    """The charset a <meta> near the start declares, if Python knows the name."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None  # a wrong declaration is common; the bytes decide
    return name


def _reads_ascii(enc: str) -> bool:
    """Whether `enc` reads the ASCII a <meta> is written in as ASCII (not UTF-16, UTF-7, EBCDIC)."""
    probe = b"<meta charset=\"x\"> abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 +-/'\n"
    try:
        return probe.decode(enc) == probe.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def html_to_text(data: bytes, encoding: str | None = None) -> Converted:
    markup, enc, notes = read_markup(data, encoding)
    if not markup.strip():
        raise InputError("empty", "the page is empty")
    bounded = bound_markup(markup)  # before any parser: what it may cost is counted here
    markup, notes = bounded.markup, [*notes, *bounded.warnings]
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    import trafilatura

    doc = trafilatura.bare_extraction(
        markup,
        include_formatting=True,
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        with_metadata=True,
        deduplicate=False,
        # only the page's own metadata, not a date guessed from the article's text
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = render(doc.body) if doc is not None and doc.body is not None else ""
    published = _date(doc.date) if doc is not None else None
    if text.strip() and not looks_like_banner(text):
        return Converted(text, f"trafilatura {version('trafilatura')}", enc, published, tuple(notes))
    text = fallback_text(markup)
    if not text.strip():
        raise InputError("no_text", "the page holds no readable text")
    return Converted(text, f"selectolax {version('selectolax')} (trafilatura found no article)", enc, published, tuple(notes))


def looks_like_banner(text: str) -> bool:
    return len(text) < _BANNER_MAX and bool(_COOKIE.search(text))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _inline(el: Any) -> str:
    """An element's text with <lb/> as a line break and runs of spaces collapsed. A loop over a
    stack, not recursion: nesting cannot exhaust Python's stack."""
    parts: list[str] = []

    def start(e: Any) -> None:
        if e.tag == "lb":
            parts.append("\n")
        elif e.tag != "graphic" and e.text:
            parts.append(e.text)

    start(el)
    stack: list[tuple[Any, Iterator[Any]]] = [(el, iter(el))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        start(child)
        stack.append((child, iter(child)))
    lines = [re.sub(r"\s+", " ", line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def render(body: Any) -> str:
    """trafilatura's XML body -> text: one block per paragraph or heading, separated by a blank
    line; list items one per line ("• …" or "1. …"), right under a paragraph that ends with a
    colon (the list it announces)."""
    out = Writer()
    add = out.add

    stack: list[Iterator[Any]] = [iter(body)]  # a stack, not recursion: any nesting
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag == "list":
            items = [_inline(item) for item in child if item.tag == "item"]
            ordered = child.get("rend") == "ol"
            lines = [f"{i}. {x}" if ordered else f"• {x}" for i, x in enumerate((x for x in items if x), 1)]
            add("\n".join(lines), attach=True)
        elif tag == "table":
            rows = [" | ".join(_inline(cell) for cell in row) for row in child if row.tag == "row"]
            add("\n".join(r for r in rows if r.strip(" |")))
        elif tag in ("head", "p", "quote", "code"):
            if any(c.tag in ("list", "table", "p") for c in child):
                stack.append(iter(child))  # a quote or paragraph holding blocks: take them one by one
            else:
                add(_inline(child))
        elif tag in ("div", "body", "main", "doc"):
            stack.append(iter(child))
        else:
            add(_inline(child))
    return out.text()


def fallback_text(markup: str) -> str:
    """The page's visible text without navigation, banners and scripts, block elements as lines."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(markup)
    for node in tree.css(_DROP):
        node.decompose()
    for node in tree.css("[id], [class], [role]"):
        marks = " ".join(node.attributes.get(a) or "" for a in ("id", "class", "role"))
        if _CLUTTER.search(marks) or "dialog" in marks:
            node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    if root is None:
        return ""
    parts: list[str] = []
    # (children left, what closes their element): a stack, not recursion, so any nesting reads
    stack: list[tuple[Iterator[Any], str]] = [(root.iter(include_text=True), "")]
    while stack:
        children, closing = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            parts.append(closing)
            continue
        tag = child.tag
        if tag == "-text":
            parts.append(re.sub(r"\s+", " ", child.text_content or ""))
        elif tag == "br":
            parts.append("\n")
        elif tag in _SELECTOLAX_BLOCKS:
            sep = "\n\n" if tag not in ("li", "tr", "dd", "dt") else "\n"
            parts.append(sep + ("• " if tag == "li" else ""))
            stack.append((child.iter(include_text=True), sep))
        else:
            stack.append((child.iter(include_text=True), ""))
    lines = [line.strip() for line in "".join(parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    text = re.sub(r"^• *$\n?", "", text, flags=re.MULTILINE)
    return text + "\n" if text else ""
