"""Hostile documents: texts built to make regexes backtrack, the tokenizer or parser crawl, or
the line and sentence logic go quadratic. Shared by tests/test_hostile.py and bench/adversarial.py.

Each builder takes a scale (1.0 = the full size the issue names) so the benchmark can show how
time grows with size.
"""

from __future__ import annotations

from collections.abc import Callable

MB = 1_000_000


def _fill(unit: str, chars: int) -> str:
    return unit * max(1, chars // len(unit))


def _times(unit: str, n: int) -> str:
    return unit * max(1, n)


HOSTILE: dict[str, Callable[[float], str]] = {
    "1 MB without a space": lambda s: _fill("contratlocaldesanté", int(MB * s)),
    "1 MB of one letter": lambda s: "a" * int(MB * s),
    "200,000 x 'a-a-'": lambda s: _times("a-a-", int(200_000 * s)),
    "200,000 x 'a-a- '": lambda s: _times("a-a- ", int(200_000 * s)),
    "50,000 bullet lines": lambda s: _times("• Améliorer l'accès aux soins de premier recours\n", int(50_000 * s)),
    "50,000 dash lines": lambda s: _times("- \n", int(50_000 * s)),
    "100,000 digits": lambda s: "".join(str(i % 10) for i in range(int(100_000 * s))),
    "100,000 spaced digits": lambda s: _times("1 ", int(100_000 * s)) + "€",
    "10,000 'Axe 1 :' on one line": lambda s: _times("Axe 1 : ", int(10_000 * s)),
    "10,000 'Axe 1 :' lines": lambda s: _times("Axe 1 :\n", int(10_000 * s)),
    "'M. M. M.' repeated": lambda s: _times("M. ", int(100_000 * s)),
    "'Mme Mme' repeated": lambda s: _times("Mme ", int(50_000 * s)),
    "capitalised names": lambda s: _times("Jean-Jacques COIPLET ", int(20_000 * s)),
    "'A-' hyphen chain": lambda s: _times("A-", int(200_000 * s)),
    "'de la ' repeated": lambda s: "Communauté de communes " + _times("de la ", int(100_000 * s)),
    "'contrat local de santé' repeated": lambda s: _times("contrat local de santé ", int(20_000 * s)),
    "dates without year": lambda s: _times("mardi 15 mars ", int(30_000 * s)),
    "slashes '12/'": lambda s: _times("12/", int(200_000 * s)),
    "years '2018-2020 '": lambda s: _times("2018-2020 ", int(50_000 * s)),
    "open parentheses": lambda s: _times("(", int(200_000 * s)),
    "'(ex : ' repeated": lambda s: "Axe 1 : " + _times("(ex : ", int(50_000 * s)),
    "open brackets": lambda s: "Axe 1 : " + _times("[", int(200_000 * s)),
    "HTML entities": lambda s: _times("&amp;", int(100_000 * s)) + _times("&#", int(50_000 * s)),
    "hyphenated line breaks": lambda s: _times("santé-\n", int(100_000 * s)),
    "blank lines": lambda s: "santé" + _times("\n \n", int(200_000 * s)) + "fin",
    "one long sentence": lambda s: _times("santé ", int(150_000 * s)),
    "dots": lambda s: "." * int(MB * s),
    "French quotes": lambda s: _times("« ", int(100_000 * s)),
    "combining accents": lambda s: "e" + "\u0301" * int(200_000 * s),
    "emoji": lambda s: _times("🏥 ", int(100_000 * s)),
    "NBSP and narrow spaces": lambda s: _times("\u00a0\u202f:", int(200_000 * s)),
    "signature words": lambda s: _times("signé signature signera ", int(30_000 * s)),
    "ARS and region": lambda s: _times("ARS Pays de la Loire ", int(30_000 * s)),
    "fiches actions": lambda s: _times("12 fiches actions ", int(30_000 * s)),
    "coordinator cues": lambda s: _times("coordinatrice du CLS, ", int(30_000 * s)),
    "apostrophes": lambda s: _times("l'", int(200_000 * s)),
    "90,000 spaces in a line": lambda s: "Axe 1 : santé" + " " * int(90_000 * s) + "(ex fin",
    "90,000 tabs then a line break": lambda s: "Le contrat local de santé" + "\t" * int(90_000 * s) + "\nsigné",
    "spaces in an axis aside": lambda s: "Trois axes :\n• Axe 1 : accès aux soins" + " " * int(90_000 * s) + "[",
    "partner list of 10,000 names": lambda s: "Le CLS est signé en partenariat avec " + _times("la Mairie, ", int(10_000 * s)),
    "brackets in an axis line": lambda s: "Axe 1 : " + _times("[ ", int(100_000 * s)),
}


# --- Web pages and PDFs: documents built to make the converters crawl (bytes, with a file name) ---

LEAD = "<h1>Signature du contrat local de santé</h1><p>Le contrat local de santé de la communauté de communes du Val a été signé le 3 mai 2022 à Valdor.</p>"
PARAGRAPH = "<p>Le contrat local de santé de la communauté de communes du Val a été signé le 3 mai 2022 à Valdor par la présidente.</p>\n"


def page(body: str, head: str = "<meta charset='utf-8'><title>CLS</title>") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{LEAD}{body}</article></body></html>".encode("utf-8")


def _sized(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def raw_pdf(contents: list[bytes], compress: bool = True, extra: list[bytes] | None = None, resources: bytes = b"") -> bytes:
    """A PDF with one page per content stream (Helvetica as /F1), written by hand: what
    reportlab would not write (a cut stream, a bomb, millions of operators). `extra`: more
    objects, numbered after the pages' (for forms drawn with `resources`)."""
    import zlib

    n_pages = len(contents)
    first_page = 3
    font = first_page + 2 * n_pages
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n_pages))
    objs.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages))
    for i, content in enumerate(contents):
        body = zlib.compress(content, 9) if compress else content
        flate = b" /Filter /FlateDecode" if compress else b""
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> %s >> >>"
            % (first_page + 2 * i + 1, font, resources)
        )
        objs.append(b"<< /Length %d%s >>\nstream\n" % (len(body), flate) + body + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objs += extra or []
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def text_ops(lines: list[str], x: float = 56, top: float = 500, leading: float = 13, size: float = 10) -> bytes:
    """Content drawing each line at its own position (from the middle of the page down: not where
    running headers sit), in cp1252 (Helvetica's WinAnsi)."""
    out = [b"BT /F1 %g Tf" % size]
    for i, line in enumerate(lines):
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252", "replace")
        out.append(b"1 0 0 1 %g %g Tm (%s) Tj" % (x, top - i * leading, esc))
    out.append(b"ET")
    return b"\n".join(out)


ARTICLE_LINES = [
    "Le contrat local de santé de la communauté de communes du Val a été signé",
    "le 3 mai 2022 à Valdor par la présidente de la communauté de communes.",
]


def _fragments(n: int) -> bytes:
    import random

    rnd = random.Random(13)
    ops = [b"BT /F1 6 Tf"] + [b"1 0 0 1 %.1f %.1f Tm (sant\xe9) Tj" % (rnd.uniform(20, 560), rnd.uniform(20, 820)) for _ in range(n)]
    return b"\n".join([*ops, b"ET"])


def _cut_stream() -> bytes:
    """A page whose Flate stream is cut in its middle (an interrupted download)."""
    import zlib

    body = text_ops(ARTICLE_LINES * 3000, top=800, leading=0.25)
    packed = zlib.compress(body, 9)
    pdf = raw_pdf([b""], compress=False)
    cut = packed[: len(packed) // 3]
    return pdf.replace(b"<< /Length 0 >>\nstream\n", b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(cut) + cut)


def _bomb(unpacked: int) -> bytes:
    """A page whose content stream is tiny packed and `unpacked` bytes of spaces unpacked."""
    import zlib

    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(packer.compress(chunk) for _ in range(unpacked >> 20)) + packer.flush()
    pdf = raw_pdf([b""], compress=False)
    return pdf.replace(b"<< /Length 0 >>\nstream\n", b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed)


def _forms(uses: int) -> bytes:
    """A page drawing one form (a text of 2 lines) `uses` times."""
    form = text_ops(ARTICLE_LINES)
    n_objs = 2 + 2 + 1  # catalog, pages, page and its content, font: the form is object 6
    obj = b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n" % len(form) + form + b"\nendstream"
    draw = b"\n".join(b"q /X1 Do Q" for _ in range(uses))
    return raw_pdf([draw], extra=[obj], resources=b"/XObject << /X1 %d 0 R >>" % (n_objs + 1))


def _self_drawing_form() -> bytes:
    """A page with its text and a form that draws itself (object 6): a loop, not a document."""
    form = b"/X1 Do"
    obj = b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 6 0 R >> >> /Length %d >>\nstream\n" % len(form) + form + b"\nendstream"
    return raw_pdf([text_ops(ARTICLE_LINES) + b"\n/X1 Do"], extra=[obj], resources=b"/XObject << /X1 6 0 R >>")


HOSTILE_FILES: dict[str, tuple[str, Callable[[float], bytes]]] = {
    # the cases
    "a 20 MB page (--max-bytes 25M)": ("page.html", lambda s: page(_sized(PARAGRAPH, int(20 * MB * s)))),
    "a 4.9 MB page of links and spans": ("page.html", lambda s: page(_sized("<p><span>Le contrat</span> <a href='/cls'>local</a> de <b>santé</b></p>\n", int(4.9 * MB * s)))),
    "20,000 short paragraphs": ("page.html", lambda s: page(_times("<p>Un paragraphe court du contrat local de santé.</p>\n", int(20_000 * s)))),
    "100,000 nested <div>": ("page.html", lambda s: page(_times("<div>", int(100_000 * s)) + "santé" + _times("</div>", int(100_000 * s)))),
    "a 3,000-page PDF": ("doc.pdf", lambda s: raw_pdf([text_ops(ARTICLE_LINES)] * max(1, int(3_000 * s)))),
    "4,000 text fragments on a PDF page": ("doc.pdf", lambda s: raw_pdf([text_ops(ARTICLE_LINES), _fragments(int(4_000 * s))])),
    # ours
    "8,000 links in one paragraph": ("page.html", lambda s: page("<p>" + _times("<a href='/x'>santé</a> ", int(8_000 * s)) + "</p>")),
    "formatting elements never closed": ("page.html", lambda s: page("".join(f"<p><b id={i}>x</p>" for i in range(int(10_000 * s))))),
    "nested tables": ("page.html", lambda s: page(_times("<table><tr><td>", int(30_000 * s)) + "santé")),
    "self-closed <div/>": ("page.html", lambda s: page(_times("<div/>", int(100_000 * s)) + "<p>santé</p>")),
    "500,000 end tags": ("page.html", lambda s: page(_times("</i>", int(500_000 * s)))),
    "a comment never closed": ("page.html", lambda s: page("<!-- " + _times("<p>santé</p>", int(300_000 * s)))),
    "a script never closed": ("page.html", lambda s: page("<script>" + _times("<p>x</p>", int(300_000 * s)))),
    "a 4 MB attribute": ("page.html", lambda s: page("<p title='" + "x" * int(4 * MB * s) + "'>santé</p>")),
    "100,000 list items": ("page.html", lambda s: page("<ul>" + _times("<li>Axe santé</li>", int(100_000 * s)) + "</ul>")),
    "4,000 lines stacked on a PDF page": ("doc.pdf", lambda s: raw_pdf([text_ops(["santé publique"] * int(4_000 * s), leading=0.2, size=1)])),
    "a PDF stream cut short": ("doc.pdf", lambda s: _cut_stream()),
    "a PDF stream that unpacks to 2 GB": ("doc.pdf", lambda s: _bomb(int(2048 * MB * s))),
    "a PDF page of 1,000,000 'q Q'": ("doc.pdf", lambda s: raw_pdf([b"q Q " * int(1_000_000 * s)])),
    "a PDF form drawn 20,000 times": ("doc.pdf", lambda s: _forms(int(20_000 * s))),
    "a PDF form that draws itself": ("doc.pdf", lambda s: _self_drawing_form()),
    "a page declaring utf-16": ("page.html", lambda s: page(_times(PARAGRAPH, 50), head="<meta charset='utf-16'><title>CLS</title>")),
}
MAX_BYTES = {"a 20 MB page (--max-bytes 25M)": 25 * 1024 * 1024}  # the others run at the default limit
