"""Build the web pages and PDFs users actually have, from plain texts, for the converter tests.

A page wraps the text's lines in the markup a news site uses (h1/h2 headings, paragraphs, ul/ol
lists for bulleted lines) inside the clutter around an article: a menu, a cookie banner, share
buttons, a "read also" box naming another contract, a footer. A PDF lays the lines out with
reportlab the way a communiqué is printed: a repeated header and footer, justified-looking
wrapped lines hyphenated at the margin, and optionally a page in two columns.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

_BULLET = re.compile(r"^\s*(?:[•●▪◦·\-–—*]|>>|\d{1,2}[.)])\s+")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")


def _blocks(text: str) -> list[list[str]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _heading(line: str) -> bool:
    return len(line) <= 70 and not line.rstrip().endswith((".", ",", ";", ":")) and not _BULLET.match(line)


def _inline(line: str) -> str:
    # A page shows entities decoded; the text's own '&#8217;' leftovers are what a page holds escaped.
    return html.escape(html.unescape(line), quote=False)


def article_parts(text: str) -> list[tuple[str, list[str]]]:
    """The text as an article's parts, in order: ("h1", [line]) for the first line, ("h2", [line])
    for a short lone line, ("p", lines) for a paragraph, ("ul" or "ol", items) for bulleted or
    numbered lines (an item wrapped onto the next line holds a "\n"). Every builder lays these out."""
    out: list[tuple[str, list[str]]] = []
    first = True
    for block in _blocks(text):
        if first:
            out.append(("h1", [block[0]]))
            block = block[1:]
            first = False
            if not block:
                continue
        if len(block) == 1 and _heading(block[0]):
            out.append(("h2", [block[0]]))
            continue
        para: list[str] = []
        items: list[str] = []
        ordered = False

        def flush() -> None:
            if para:
                out.append(("p", para[:]))
                para.clear()
            if items:
                out.append(("ol" if ordered else "ul", items[:]))
                items.clear()

        for line in block:
            m = _BULLET.match(line)
            if m:
                if para:
                    flush()
                ordered = bool(_NUMBERED.match(line))
                items.append(line[m.end() :])
            elif items and line[:1].islower() and not items[-1].rstrip().endswith((".", ";")):
                items[-1] += "\n" + line  # a list item wrapped onto the next line
            else:
                if items:
                    flush()
                para.append(line)
        flush()
    return out


def article_html(text: str) -> str:
    """The text as article markup: first line h1, short lone lines h2, bulleted lines a list."""
    out: list[str] = []
    for tag, lines in article_parts(text):
        if tag in ("h1", "h2"):
            out.append(f"<{tag}>{_inline(lines[0])}</{tag}>")
        elif tag == "p":
            out.append("<p>" + "<br>\n".join(_inline(x) for x in lines) + "</p>")
        else:
            out.append(f"<{tag}>" + "".join("<li>" + "<br>\n".join(_inline(y) for y in x.split("\n")) + "</li>" for x in lines) + f"</{tag}>")
    return "\n".join(out)


COOKIE_BANNER = (
    '<div id="cookie-banner" class="cookie-consent" role="dialog"><p>Ce site utilise des cookies pour '
    "mesurer l'audience et améliorer votre expérience. En poursuivant votre navigation, vous acceptez "
    "l'utilisation des cookies.</p><button>Tout accepter</button> <button>Tout refuser</button> "
    "<a href=\"/cookies\">Personnaliser mes choix</a></div>"
)
MENU = (
    '<header><a class="logo" href="/">Agence régionale de santé</a><nav class="menu"><ul>'
    '<li><a href="/">Accueil</a></li><li><a href="/actualites">Actualités</a></li>'
    '<li><a href="/cls">Contrats locaux de santé</a></li><li><a href="/offre-de-soins">Offre de soins</a></li>'
    '<li><a href="/prevention">Prévention</a></li><li><a href="/contact">Nous contacter</a></li></ul></nav>'
    '<form class="search"><input type="search" placeholder="Rechercher"></form></header>'
)
SHARE = (
    '<div class="share"><span>Partager :</span> <a href="#">Facebook</a> <a href="#">Twitter</a> '
    '<a href="#">LinkedIn</a> <a href="#">Envoyer par e-mail</a> <a href="#">Imprimer</a></div>'
)
RELATED = (
    '<aside class="related"><h3>À lire aussi</h3><ul>'
    '<li><a href="/a1">Le contrat local de santé de Villebrune signé le 3 mars 2016 pour 2016-2020</a></li>'
    '<li><a href="/a2">Trois axes pour la santé mentale : appel à projets</a></li></ul></aside>'
)
FOOTER = (
    '<footer><ul><li><a href="/mentions">Mentions légales</a></li><li><a href="/plan">Plan du site</a></li>'
    '<li><a href="/access">Accessibilité : non conforme</a></li></ul><p>© Agence régionale de santé</p></footer>'
)


def html_page(text: str, *, published: str | None = None, charset: str = "utf-8") -> str:
    """A whole news page around the text; `published` (ISO) goes in the page's metadata."""
    title = html.escape(html.unescape(_blocks(text)[0][0]))
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="{charset}"><title>{title} | ARS</title>{meta}'
        '<meta name="viewport" content="width=device-width"><link rel="stylesheet" href="/s.css">'
        "<script>window.dataLayer=[];</script></head>\n<body>"
        f"{COOKIE_BANNER}{MENU}"
        '<nav class="breadcrumb"><a href="/">Accueil</a> › <a href="/actualites">Actualités</a></nav>'
        f'<main><article class="post">\n{article_html(text)}\n</article>{SHARE}{RELATED}</main>{FOOTER}'
        "</body></html>\n"
    )


# --- PDF -------------------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN = 56.0
HEADER = "Agence régionale de santé – Communiqué de presse"
FONT, SIZE, LEADING = "Helvetica", 10.5, 13.0


def _hyphenate(word: str, room: float, width: "object") -> tuple[str, str] | None:
    """Cut a word at the margin after a vowel, keeping at least three letters each side."""
    for i in range(len(word) - 3, 2, -1):
        head, tail = word[:i], word[i:]
        if not (head[-1].lower() in "aeiouéèêy" and head.isalpha() and tail[:1].islower() and tail.isalpha()):
            continue
        if width(head + "-") <= room:  # type: ignore[operator]
            return head + "-", tail
    return None


def _wrap(line: str, width: float, hyphenate: bool, rest_width: float | None = None) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def w(s: str) -> float:
        return stringWidth(s, FONT, SIZE)

    out: list[str] = []
    cur = ""
    for word in line.split():
        if out and rest_width is not None:
            width = rest_width  # continuation lines of a list item are indented
        trial = f"{cur} {word}" if cur else word
        if w(trial) <= width:
            cur = trial
            continue
        if hyphenate and cur:
            cut = _hyphenate(word, width - w(cur + " "), w)
            if cut:
                out.append(f"{cur} {cut[0]}")
                cur = cut[1]
                continue
        if cur:
            out.append(cur)
        cur = word
    if cur:
        out.append(cur)
    return out


def _pdf_lines(text: str) -> list[str]:
    """The text's lines, '' between blocks, entities decoded as a PDF shows them."""
    out: list[str] = []
    for block in _blocks(text):
        out += [html.unescape(line).replace("\u00a0", " ").replace("\u202f", " ") for line in block]
        out.append("")
    return out


def _vera() -> str:
    """Bitstream Vera, shipped with reportlab: a TrueType font with the ﬁ and ﬂ ligature glyphs."""
    import os

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))
    return "Vera"


def pdf_document(
    text: str, path: Path, *, two_columns: bool = False, hyphenate: bool = True, ligatures: bool = False
) -> Path:
    """The text as a printed communiqué: header and page footer on every page, lines wrapped and
    hyphenated at the margin, a gap between paragraphs; `two_columns` sets the body of every page
    in two columns below a full-width title; `ligatures` sets "fi" and "fl" as the ﬁ and ﬂ
    glyphs (in a TrueType font that has them), as typesetting software does."""
    from reportlab.pdfgen.canvas import Canvas

    global FONT
    FONT = _vera() if ligatures else "Helvetica"
    if ligatures:
        text = text.replace("fi", "ﬁ").replace("fl", "ﬂ")
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setTitle("communiqué")
    blocks = _blocks(text)
    title, rest = blocks[0][0], "\n\n".join("\n".join(b) for b in [blocks[0][1:], *blocks[1:]] if b)
    page = 1
    top = PAGE_H - MARGIN - 30

    def chrome() -> None:
        c.setFont("Helvetica", 8)
        c.drawString(MARGIN, PAGE_H - MARGIN + 10, HEADER)
        c.drawRightString(PAGE_W - MARGIN, MARGIN - 24, f"Page {page}")
        c.drawString(MARGIN, MARGIN - 24, "www.ars.sante.fr")

    chrome()
    y = top
    # title, full width, bigger
    c.setFont("Helvetica-Bold", 14)
    for t in _wrap_title(title, PAGE_W - 2 * MARGIN):
        c.drawString(MARGIN, y, t)
        y -= 18
    y -= 10
    col_w = (PAGE_W - 2 * MARGIN - 24) / 2 if two_columns else PAGE_W - 2 * MARGIN
    cols = [MARGIN, MARGIN + col_w + 24] if two_columns else [MARGIN]
    col = 0
    col_top = y
    c.setFont(FONT, SIZE)
    for line in _pdf_lines(rest):
        if not line:
            y -= LEADING * 0.8
            continue
        bullet = _BULLET.match(line)
        indent = 12.0 if bullet else 0.0
        wrapped = _wrap(line, col_w, hyphenate, col_w - indent)
        for i, piece in enumerate(wrapped):
            if y < MARGIN:
                col += 1
                if col >= len(cols):
                    c.showPage()
                    page += 1
                    chrome()
                    col = 0
                    col_top = top
                y = col_top
                c.setFont(FONT, SIZE)
            c.drawString(cols[col] + (indent if i else 0.0), y, piece)
            y -= LEADING
    c.showPage()
    c.save()
    return path


def _wrap_title(title: str, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out, cur = [], ""
    for word in html.unescape(title).split():
        trial = f"{cur} {word}" if cur else word
        if stringWidth(trial, "Helvetica-Bold", 14) <= width or not cur:
            cur = trial
        else:
            out.append(cur)
            cur = word
    return [*out, cur] if cur else out


def scanned_pdf(path: Path) -> Path:
    """A PDF of one page holding only an image (a scan): no text layer at all."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas
    from PIL import Image, ImageDraw

    img = Image.new("L", (400, 200), 255)
    d = ImageDraw.Draw(img)
    for i in range(8):
        d.line((20, 20 + i * 20, 380, 20 + i * 20), fill=0, width=3)
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.drawImage(ImageReader(img), MARGIN, PAGE_H / 2, width=400, height=200)
    c.showPage()
    c.save()
    return path


def encrypted_pdf(text: str, path: Path, password: str) -> Path:
    """A one-page PDF encrypted with this user password ('' : anyone may open it, as permission-
    only PDFs are), copying and printing forbidden."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt=StandardEncryption(password, ownerPassword="owner", canPrint=0, canCopy=0))
    c.setFont(FONT, SIZE)
    y = PAGE_H - MARGIN
    for line in text.splitlines():
        c.drawString(MARGIN, y, line)
        y -= LEADING
    c.showPage()
    c.save()
    return path
