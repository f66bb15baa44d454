"""Build the .docx and .odt press releases communication services send, from plain texts.

Both lay out the parts `docbuild.article_parts` finds (title, headings, paragraphs, bulleted and
numbered lists) as a word processor does: headings in heading styles, real lists (Word's List
Bullet / List Number numbering, each numbered list restarting at 1; ODF list styles), the last
paragraph as a contact table ("Contact presse | …" when its lines are "label : value"), and a
running header and footer that a reader must leave out. A paragraph of several lines is either
one paragraph with line breaks or, as people also type, one paragraph per line with an empty
paragraph between blocks (`lines_as_paragraphs`).
"""

from __future__ import annotations

import html
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docbuild import HEADER, article_parts

FOOTER = "www.ars.sante.fr – Service communication"


def _table_rows(lines: list[str]) -> list[list[str]]:
    """A contact box: 'label : value' lines as two cells when all of them are, else one cell a line."""
    if all(" : " in x for x in lines):
        return [x.split(" : ", 1) for x in lines]
    return [[x] for x in lines]


def _layout(text: str, table: bool) -> list[tuple[str, list[str]]]:
    parts = [(tag, [html.unescape(x) for x in lines]) for tag, lines in article_parts(text)]
    last = max((i for i, (tag, _) in enumerate(parts) if tag in ("p", "h2")), default=None)
    if table and last is not None:
        parts[last] = ("table", parts[last][1])
    return parts


# --- .docx, with python-docx ------------------------------------------------------------------


def docx_document(text: str, path: Path, *, lines_as_paragraphs: bool = False, table: bool = True) -> Path:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = HEADER
    d.sections[0].footer.paragraphs[0].text = FOOTER
    numbering = d.part.numbering_part.element
    list_number = d.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(list_number).abstractNumId.val

    def lines_in(paragraph: object, lines: list[str]) -> None:
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)  # type: ignore[attr-defined]
            if i < len(lines) - 1:
                run.add_break()

    def restarted_num() -> int:
        """A new numbering instance of List Number's definition that starts again at 1, as Word makes."""
        num = numbering.add_num(abstract)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        return num.numId

    for tag, lines in _layout(text, table):
        if tag in ("h1", "h2"):
            d.add_heading(lines[0], level=0 if tag == "h1" else 2)
        elif tag == "p":
            if lines_as_paragraphs:
                for line in lines:
                    d.add_paragraph(line)
            else:
                lines_in(d.add_paragraph(), lines)
        elif tag in ("ul", "ol"):
            num_id = restarted_num() if tag == "ol" else None
            for item in lines:
                p = d.add_paragraph(style="List Bullet" if tag == "ul" else "List Number")
                if num_id is not None:
                    p._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id
                lines_in(p, item.split("\n"))
        else:
            rows = _table_rows(lines)
            t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for row, cells in zip(t.rows, rows):
                for cell, value in zip(row.cells, cells):
                    cell.text = value
        if lines_as_paragraphs:
            d.add_paragraph()  # Enter pressed twice: the blank line
    d.save(str(path))
    return path


# --- .odt, its XML written out ----------------------------------------------------------------

_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"'
)
_LIST_STYLES = (
    '<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="●"/>'
    '<text:list-level-style-bullet text:level="2" text:bullet-char="○"/></text:list-style>'
    '<text:list-style style:name="L2"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>'
    '<text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"/></text:list-style>'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _odf_text(line: str) -> str:
    """Characters as ODF writes them: a run of spaces as one space and text:s for the others."""
    out = escape(line).replace("\t", "<text:tab/>")
    while "  " in out:
        out = out.replace("  ", ' <text:s/>', 1)
    return out


def odt_body(text: str, *, lines_as_paragraphs: bool = False, table: bool = True) -> str:
    """The office:text of the text's parts (lists with styles L1 and L2 of `odt_package`)."""

    def para(lines: list[str], tag: str = "text:p", attrs: str = "") -> str:
        return f"<{tag}{attrs}>" + "<text:line-break/>".join(_odf_text(x) for x in lines) + f"</{tag}>"

    out: list[str] = []
    for tag, lines in _layout(text, table):
        if tag in ("h1", "h2"):
            out.append(para(lines, "text:h", f' text:outline-level="{tag[1]}"'))
        elif tag == "p":
            out += [para([x]) for x in lines] if lines_as_paragraphs else [para(lines)]
        elif tag in ("ul", "ol"):
            items = "".join(f"<text:list-item>{para(x.split(chr(10)))}</text:list-item>" for x in lines)
            out.append(f'<text:list text:style-name="{"L1" if tag == "ul" else "L2"}">{items}</text:list>')
        else:
            rows = _table_rows(lines)
            cols = max(len(r) for r in rows)
            cells = "".join("<table:table-row>" + "".join(f"<table:table-cell>{para([c])}</table:table-cell>" for c in r) + "</table:table-row>" for r in rows)
            out.append(f'<table:table table:name="Contact"><table:table-column table:number-columns-repeated="{cols}"/>{cells}</table:table>')
        if lines_as_paragraphs:
            out.append("<text:p/>")  # Enter pressed twice: the blank line
    return "".join(out)


def odt_package(body: str, path: Path, *, manifest: str = _MANIFEST, extra: dict[str, bytes] | None = None) -> Path:
    """An .odt around an office:text body: mimetype first and stored, as ODF requires."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        f"<office:automatic-styles>{_LIST_STYLES}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODF_NS}><office:master-styles>'
        f'<style:master-page style:name="Standard"><style:header><text:p>{escape(HEADER)}</text:p></style:header>'
        f"<style:footer><text:p>{escape(FOOTER)}</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
        z.writestr("styles.xml", styles)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def odt_document(text: str, path: Path, **layout: bool) -> Path:
    return odt_package(odt_body(text, **layout), path)


# --- hand-written parts, for what python-docx does not write (tracked changes, text boxes…) -----

W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def rezip(data: bytes, parts: dict[str, bytes]) -> bytes:
    """The zip with some parts replaced (or added)."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info, src.read(info.filename))
        for name, value in parts.items():
            dst.writestr(name, value)
    return out.getvalue()


def docx_with_body(body: str, path: Path, numbering: str | None = None) -> Path:
    """A .docx (python-docx's template: its styles and numbering) whose body is `body`, in w: markup;
    `numbering` the w:abstractNum and w:num elements of its numbering part."""
    import io

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    parts = {"word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'.encode()}
    if numbering is not None:
        parts["word/numbering.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W_NS}>{numbering}</w:numbering>'.encode()
    path.write_bytes(rezip(buf.getvalue(), parts))
    return path
