"""What format an input is in (its bytes first, then its extension in any case, also on stdin),
the error a format clsx does not read gives (`unsupported_format`, naming it and saying what to
do), and folders walked for every readable extension whatever its case."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import jsonl, run_cli
from officebuild import docx_document, odt_document

from clsx.convert import kind_of
from clsx.source import DEFAULT_GLOB, InputError, expand

RELEASE = (
    "Signature du CLS du Val de Brenne\n\n"
    "Le 12 mars 2024, à Brenneville, la communauté de communes du Val de Brenne et l'ARS Centre-Val de Loire "
    "ont signé leur premier Contrat local de santé (CLS) pour la période 2024-2028.\n"
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _zip(*names: str, mimetype: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        if mimetype:
            z.writestr("mimetype", mimetype)
        for name in names:
            z.writestr(name, "<x/>")
    return out.getvalue()


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("formats")
    return {
        "docx": docx_document(RELEASE, folder / "r.docx").read_bytes(),
        "odt": odt_document(RELEASE, folder / "r.odt").read_bytes(),
    }


@pytest.mark.parametrize(
    ("path", "made", "kind"),
    [
        ("release.docx", "docx", "docx"),
        ("RELEASE.DOCX", "docx", "docx"),
        ("-", "docx", "docx"),  # stdin: known by its parts
        ("saved-as.doc", "docx", "docx"),  # the bytes say what it is, whatever the name
        ("release.odt", "odt", "odt"),
        ("Release.Odt", "odt", "odt"),
        ("-", "odt", "odt"),
        ("PAGE.HTML", "anything", "html"),
        ("notes.DOC", "<html><body><p>x</p>", "html"),  # a page saved with a Word name
        ("ARTICLE.TXT", "Le CLS", "text"),
        ("COMMUNIQUE.PDF", "whatever", "pdf"),
    ],
)
def test_readable_formats(office: dict[str, bytes], path: str, made: str, kind: str) -> None:
    assert kind_of(path, office.get(made, made.encode())) == kind


@pytest.mark.parametrize(
    ("path", "data", "words"),
    [
        ("old.doc", b"Le texte du CLS", "a Word 97-2003 document (.doc), which clsx does not read: save it as .docx, .odt or PDF"),
        ("OLD.DOC", b"Le texte du CLS", "a Word 97-2003 document (.doc)"),
        ("x.txt", OLE + "WordDocument".encode("utf-16-le"), "a Word 97-2003 document (.doc) (named .txt)"),
        ("-", OLE + "Workbook".encode("utf-16-le"), "an Excel 97-2003 workbook (.xls)"),
        ("-", OLE + "PowerPoint Document".encode("utf-16-le"), "a PowerPoint 97-2003 presentation"),
        ("-", OLE, "a Microsoft Office 97-2003 file (OLE2)"),
        ("-", _zip("[Content_Types].xml", "xl/workbook.xml"), "an Excel workbook (.xlsx)"),
        ("deck.pptx", _zip("[Content_Types].xml", "ppt/presentation.xml"), "a PowerPoint presentation (.pptx)"),
        ("-", _zip("content.xml", mimetype="application/vnd.oasis.opendocument.spreadsheet"), "an OpenDocument spreadsheet (.ods)"),
        ("book.epub", _zip("OEBPS/content.opf", mimetype="application/epub+zip"), "an EPUB e-book"),
        ("-", _zip("a.txt", "b.txt"), "a ZIP archive, which clsx does not read: unpack it and give clsx the files inside"),
        ("release.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Le CLS}", "an RTF document (.rtf)"),
        ("-", b"{\\rtf1\\ansi Le CLS}", "an RTF document (.rtf)"),
        ("scan.PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "a PNG image, which clsx does not read: run OCR on it"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), "a JPEG image"),
        ("-", b"GIF89a" + bytes(64), "a GIF image"),
        ("-", b"\x1f\x8b\x08\x00" + bytes(64), "a gzip archive"),
        ("budget.xlsx", b"pas un vrai classeur", "an Excel workbook (.xlsx)"),  # the name alone
        ("slides.PPTX", b"", "a PowerPoint presentation (.pptx)"),
    ],
)
def test_a_format_clsx_does_not_read_is_named_with_what_to_do(path: str, data: bytes, words: str) -> None:
    with pytest.raises(InputError) as e:
        kind_of(path, data)
    assert e.value.kind == "unsupported_format"
    assert words in str(e.value)


def test_a_password_protected_office_file_says_so() -> None:
    with pytest.raises(InputError) as e:
        kind_of("release.docx", OLE + "EncryptedPackage".encode("utf-16-le"))
    assert e.value.kind == "encrypted"
    assert str(e.value).startswith("the .docx file is password-protected (encrypted): open it, save a copy without the password")


def test_folders_are_walked_for_every_readable_extension_in_any_case(tmp_path: Path) -> None:
    names = ["ARTICLE.TXT", "PAGE.HTML", "b.htm", "c.Pdf", "d.DOCX", "e.odt", "notes.md", "old.doc", "sheet.xlsx"]
    for name in names:
        (tmp_path / name).write_text("x")
    assert DEFAULT_GLOB == "*.txt,*.html,*.htm,*.pdf,*.docx,*.odt"
    assert [Path(p).name for p in expand([str(tmp_path)])] == ["ARTICLE.TXT", "PAGE.HTML", "b.htm", "c.Pdf", "d.DOCX", "e.odt"]
    assert [Path(p).name for p in expand([str(tmp_path)], "*.MD, *.Doc")] == ["notes.md", "old.doc"]


def _extract_stdin(data: bytes) -> tuple[int, list[dict[str, Any]]]:
    done = run_cli("extract", "-", stdin=data)
    assert b"Traceback" not in done.stderr
    return done.returncode, jsonl(done.stdout)


def test_a_docx_and_an_odt_on_stdin_give_their_records(office: dict[str, bytes]) -> None:
    for kind, converter in (("docx", "python-docx "), ("odt", "xml.etree ")):
        code, [rec] = _extract_stdin(office[kind])
        assert code == 0, rec
        assert rec["source"]["path"] == "-" and rec["source"]["encoding"] == kind
        assert rec["source"]["converter"].startswith(converter)
        assert rec["territory"]["name"] == "communauté de communes du Val de Brenne"
        assert rec["signature"]["date"] == "2024-03-12"


def test_an_unreadable_format_on_stdin_is_an_error_record() -> None:
    code, [rec] = _extract_stdin(_zip("[Content_Types].xml", "xl/workbook.xml"))
    assert code == 1
    assert rec["error"] == {
        "type": "unsupported_format",
        "message": "an Excel workbook (.xlsx), which clsx does not read: copy the press release's text into a .txt or .docx file",
    }
