""".docx and .odt press releases: paragraphs, headings, lists and tables become lines as in the
plain texts, what a reader does not see is left out, and a damaged, encrypted or oversized file
gives a clear error."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from officebuild import docx_document, docx_with_body, odt_body, odt_document, odt_package, rezip

from clsx.convert.docx import docx_to_text
from clsx.convert.odt import odt_to_text
from clsx.source import InputError

RELEASE = """Signature du Contrat local de santé des Coteaux de Lisière

Le 4 juillet 2024, à Lisière-sur-Orne, la communauté de communes des Coteaux de Lisière et l'Agence régionale de santé (ARS) Normandie ont signé leur deuxième Contrat local de santé (CLS) pour la période 2024-2028.

Trois axes

Le CLS s'articule autour de trois axes :
- Renforcer l'offre de soins de premier recours
- Accompagner le vieillissement à domicile
- Prévenir les conduites addictives chez les jeunes

Les étapes :
1. Installer le comité de pilotage
2. Recruter une coordinatrice

Le contrat a été signé par M. Hervé DUMONTEL, président de la communauté de communes, et Mme Claire VASSAL, directrice de la délégation départementale de l'ARS.

Contact presse : Service communication des Coteaux de Lisière
"""
MAX = 5 * 1024 * 1024


def _p(text: str, style: str = "", num: tuple[int, int] | None = None) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("office")


@pytest.mark.parametrize("build", [docx_document, odt_document])
@pytest.mark.parametrize("lines_as_paragraphs", [False, True])
def test_a_release_reads_as_its_plain_text(folder: Path, build: Any, lines_as_paragraphs: bool) -> None:
    path = build(RELEASE, folder / f"r{lines_as_paragraphs}.{'docx' if build is docx_document else 'odt'}", lines_as_paragraphs=lines_as_paragraphs)
    read = docx_to_text if path.suffix == ".docx" else odt_to_text
    got = read(path.read_bytes(), MAX)
    assert got.text == (
        "Signature du Contrat local de santé des Coteaux de Lisière\n\n"
        "Le 4 juillet 2024, à Lisière-sur-Orne, la communauté de communes des Coteaux de Lisière et l'Agence régionale de santé (ARS) "
        "Normandie ont signé leur deuxième Contrat local de santé (CLS) pour la période 2024-2028.\n\n"
        "Trois axes\n\n"
        "Le CLS s'articule autour de trois axes :\n"
        "• Renforcer l'offre de soins de premier recours\n"
        "• Accompagner le vieillissement à domicile\n"
        "• Prévenir les conduites addictives chez les jeunes\n\n"
        "Les étapes :\n"
        "1. Installer le comité de pilotage\n"
        "2. Recruter une coordinatrice\n\n"
        "Le contrat a été signé par M. Hervé DUMONTEL, président de la communauté de communes, et Mme Claire VASSAL, "
        "directrice de la délégation départementale de l'ARS.\n\n"
        "Contact presse | Service communication des Coteaux de Lisière\n"  # the contact table's row
    )
    assert "Communiqué de presse" not in got.text and "www.ars.sante.fr" not in got.text  # running header, footer
    assert got.encoding == path.suffix[1:]
    assert got.converter.startswith("python-docx " if path.suffix == ".docx" else "xml.etree (Python ")


def test_the_record_of_a_docx_and_an_odt(folder: Path, nlp: Any) -> None:
    from clsx.extract import extract_path

    for path in (docx_document(RELEASE, folder / "cls.docx"), odt_document(RELEASE, folder / "cls.odt")):
        rec = extract_path(str(path))
        assert rec["territory"]["name"] == "communauté de communes des Coteaux de Lisière"
        assert rec["signature"]["date"] == "2024-07-04"
        assert rec["cls_number"] == 2
        assert [a["label"] for a in rec["axes"]] == [
            "Renforcer l'offre de soins de premier recours",
            "Accompagner le vieillissement à domicile",
            "Prévenir les conduites addictives chez les jeunes",
        ]
        assert [s["name"] for s in rec["signatories"]] == ["Hervé Dumontel", "Claire Vassal"]
        assert rec["source"]["bytes"] == path.stat().st_size


# --- .docx ------------------------------------------------------------------------------------

_NUMBERING = (
    '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%2 -"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>'
)


def test_word_numbering_labels_nesting_continuing_and_restarting(tmp_path: Path) -> None:
    body = "".join(
        [
            _p("Les axes :"),
            _p("Accès aux soins", num=(1, 0)),
            _p("Médecins", num=(1, 1)),
            _p("Infirmiers", num=(1, 1)),
            _p("Prévention", num=(1, 0)),
            _p("Dépistage", num=(1, 1)),
            _p("Suite du texte."),
            _p("Santé mentale", num=(2, 0)),  # another list of the same definition goes on counting
            _p("Nouvelle liste :"),
            _p("Premier", num=(3, 0)),  # Word's "restart at 1"
            _p("Puces :"),
            _p("Une puce", num=(4, 0)),
            _p("Sous-point", num=(4, 1)),
            _p("Sans numéro", num=(0, 0)),  # numId 0 switches numbering off
        ]
    )
    got = docx_to_text(docx_with_body(body, tmp_path / "n.docx", _NUMBERING).read_bytes(), MAX).text
    assert got == (
        "Les axes :\n1. Accès aux soins\n1.a) Médecins\n1.b) Infirmiers\n2. Prévention\n2.a) Dépistage\n\n"
        "Suite du texte.\n\n3. Santé mentale\n\n"
        "Nouvelle liste :\n1. Premier\n\n"
        "Puces :\n• Une puce\nI - Sous-point\n\nSans numéro\n"
    )


def test_python_docx_list_styles_and_headings(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Titre du communiqué", level=0)
    d.add_paragraph("Deux axes :")
    d.add_paragraph("Premier axe", style="List Bullet")
    d.add_paragraph("Second axe", style="List Bullet")
    d.add_heading("Les signataires", level=1)
    p = d.add_paragraph("M. Paul GIRARD, président ;")
    p.add_run().add_break()
    p.add_run("Mme Anne LEROUX, directrice.\t(ARS)")
    d.save(str(tmp_path / "h.docx"))
    assert docx_to_text((tmp_path / "h.docx").read_bytes(), MAX).text == (
        "Titre du communiqué\n\nDeux axes :\n• Premier axe\n• Second axe\n\nLes signataires\n\n"
        "M. Paul GIRARD, président ;\nMme Anne LEROUX, directrice. (ARS)\n"
    )


def test_tables_rows_as_lines_and_a_layout_table_as_its_paragraphs(tmp_path: Path) -> None:
    def cell(*paras: str) -> str:
        return "<w:tc>" + "".join(_p(x) for x in paras) + "</w:tc>"

    body = (
        _p("Contacts")
        + f"<w:tbl><w:tr>{cell('Presse')}{cell('Julie MARTIN', '06 00 00 00 00')}</w:tr><w:tr>{cell('')}{cell('ARS')}</w:tr></w:tbl>"
        + f"<w:tbl><w:tr>{cell('Le CLS a été signé.', 'Il court pour cinq ans.')}</w:tr></w:tbl>"
    )
    assert docx_to_text(docx_with_body(body, tmp_path / "t.docx").read_bytes(), MAX).text == (
        "Contacts\n\nPresse | Julie MARTIN 06 00 00 00 00\nARS\n\nLe CLS a été signé.\n\nIl court pour cinq ans.\n"
    )


def test_what_a_reader_does_not_see_is_left_out(tmp_path: Path) -> None:
    box = '<w:txbxContent><w:p><w:r><w:t>Encadré : 12 communes</w:t></w:r></w:p></w:txbxContent>'
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Le CLS a été signé </w:t></w:r>'
        '<w:del w:id="1" w:author="x"><w:r><w:delText>hier </w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve">le 3 mai 2022 </w:t></w:r></w:ins>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://ars.fr" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>à Valdor</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:hyperlink r:id="x"><w:r><w:t>.</w:t></w:r></w:hyperlink>'
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        '<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Dans un contrôle de contenu.</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        "<w:p/>"
    )
    assert docx_to_text(docx_with_body(body, tmp_path / "x.docx").read_bytes(), MAX).text == (
        "Le CLS a été signé le 3 mai 2022 à Valdor.\n\nEncadré : 12 communes\n\nDans un contrôle de contenu.\n"
    )


# --- .odt -------------------------------------------------------------------------------------


def test_odt_lists_nesting_continuing_and_inline_elements(tmp_path: Path) -> None:
    body = (
        '<text:h text:outline-level="1">Le <text:span>CLS</text:span>\n   signé</text:h>'
        "<text:p>Axes :</text:p>"
        '<text:list text:style-name="L2"><text:list-item><text:p>Accès aux soins</text:p>'
        '<text:list><text:list-item><text:p>Médecins</text:p></text:list-item><text:list-item><text:p>Infirmiers</text:p></text:list-item></text:list>'
        "</text:list-item><text:list-item><text:p>Prévention</text:p><text:p>suite de l'item</text:p></text:list-item></text:list>"
        "<text:p>Puis :</text:p>"
        '<text:list text:style-name="L2" text:continue-numbering="true"><text:list-item><text:p>Santé mentale</text:p></text:list-item></text:list>'
        '<text:list text:style-name="L2"><text:list-item text:start-value="5"><text:p>Cinquième</text:p></text:list-item></text:list>'
        '<text:list text:style-name="L1"><text:list-item><text:p>Une puce</text:p></text:list-item></text:list>'
        "<text:p>Signé<text:s text:c=\"3\"/>par<text:tab/>Mme Anne LEROUX<text:line-break/>et M. Paul GIRARD"
        '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Une note.</text:p></text:note-body></text:note>'
        '<office:annotation><text:p>Un commentaire</text:p></office:annotation>.</text:p>'
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>Texte effacé</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        '<text:table-of-content><text:index-body><text:p>Le CLS signé 1</text:p></text:index-body></text:table-of-content>'
        '<text:section><text:p>Dans une section.</text:p></text:section>'
    )
    got = odt_to_text(odt_package(body, tmp_path / "l.odt").read_bytes(), MAX).text
    assert got == (
        "Le CLS signé\n\nAxes :\n1. Accès aux soins\na) Médecins\nb) Infirmiers\n2. Prévention\nsuite de l'item\n\n"
        "Puis :\n3. Santé mentale\n5. Cinquième\n• Une puce\n\n"  # lists one after the other: one block
        "Signé par Mme Anne LEROUX\net M. Paul GIRARD.\n\nDans une section.\n"
    )


def test_odt_tables_and_text_boxes(tmp_path: Path) -> None:
    body = (
        '<text:p>Contact<draw:frame><draw:text-box><text:p>Encadré : 12 communes</text:p></draw:text-box></draw:frame></text:p>'
        '<table:table><table:table-column/><table:table-header-rows><table:table-row><table:table-cell><text:p>Presse</text:p></table:table-cell>'
        "<table:table-cell><text:p>Julie MARTIN</text:p></table:table-cell></table:table-row></table:table-header-rows>"
        "<table:table-row><table:table-cell><text:p>ARS</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>"
    )
    assert odt_to_text(odt_package(body, tmp_path / "t.odt").read_bytes(), MAX).text == (
        "Contact\n\nEncadré : 12 communes\n\nPresse | Julie MARTIN\nARS\n"
    )


# --- what cannot be read ----------------------------------------------------------------------


def _broken(folder: Path) -> dict[str, tuple[bytes, str, str]]:
    """name -> (bytes, error type, words of the message)."""
    good = docx_document(RELEASE, folder / "good.docx").read_bytes()
    odt = odt_document(RELEASE, folder / "good.odt").read_bytes()
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    bomb = rezip(good, {"word/media/padding.bin": b"\x00" * (MAX * 4)})
    encrypted_zip = bytearray(good)
    at = good.rindex(b"PK\x01\x02", 0, good.rindex(b"[Content_Types].xml"))
    encrypted_zip[at + 8] |= 0x1  # an entry's "encrypted" flag, in the zip's directory
    manifest = odt_package(odt_body(RELEASE), folder / "enc.odt", manifest='<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>').read_bytes()
    laughs = rezip(odt, {"content.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'})
    return {
        "cut.docx": (good[: len(good) // 2], "unreadable_docx", "damaged or cut short"),
        "text.docx": (b"Le contrat local de sant\xc3\xa9 n'est pas un zip.", "unreadable_docx", "damaged or cut short"),
        "no-content-types.docx": (_without(good, "[Content_Types].xml"), "unreadable_docx", "not a readable .docx"),
        "bad-xml.docx": (rezip(good, {"word/document.xml": b"<w:document"}), "unreadable_docx", "not a readable .docx"),
        "protected.docx": (ole + "EncryptedPackage".encode("utf-16-le") + bytes(64), "encrypted", "password-protected"),
        "zip-encrypted.docx": (bytes(encrypted_zip), "encrypted", "password-protected"),
        "bomb.docx": (bomb, "too_large", "a zip bomb"),
        "macros.docm": (rezip(good, {"[Content_Types].xml": _content_types(good).replace(b"wordprocessingml.document.main", b"ms-word.document.macroEnabled.main")}), "unsupported_format", "macro-enabled"),
        "cut.odt": (odt[: len(odt) // 2], "unreadable_odt", "damaged or cut short"),
        "no-content.odt": (_without(odt, "content.xml"), "unreadable_odt", "has no content.xml"),
        "protected.odt": (manifest, "encrypted", "password-protected"),
        "laughs.odt": (laughs, "unreadable_odt", "declares XML entities"),
        "spreadsheet.odt": (rezip(odt, {"content.xml": b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:spreadsheet/></office:body></office:document-content>'}), "unreadable_odt", "no office:text body"),
        "empty.docx": (docx_with_body("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>", folder / "e.docx").read_bytes(), "empty", "holds no text"),
        "empty.odt": (odt_package("<text:p/>", folder / "e.odt").read_bytes(), "empty", "holds no text"),
    }


def _without(data: bytes, name: str) -> bytes:
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info.filename))
    return out.getvalue()


def _content_types(data: bytes) -> bytes:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("[Content_Types].xml")


@pytest.fixture(scope="module")
def broken(folder: Path) -> dict[str, tuple[bytes, str, str]]:
    return _broken(folder)


@pytest.mark.parametrize(
    "name",
    ["cut.docx", "text.docx", "no-content-types.docx", "bad-xml.docx", "protected.docx", "zip-encrypted.docx", "bomb.docx",
     "macros.docm", "cut.odt", "no-content.odt", "protected.odt", "laughs.odt", "spreadsheet.odt", "empty.docx", "empty.odt"],
)
def test_a_document_that_cannot_be_read_is_a_clear_error(folder: Path, broken: dict[str, tuple[bytes, str, str]], name: str) -> None:
    from clsx.convert import read_document

    data, kind, words = broken[name]
    path = folder / name
    path.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_document(str(path))
    assert e.value.kind == kind
    assert words in str(e.value)


def test_a_zip_bomb_is_refused_from_its_directory_without_unpacking(folder: Path, broken: dict[str, tuple[bytes, str, str]]) -> None:
    from clsx.convert.zipped import open_zip

    data = broken["bomb.docx"][0]
    assert len(data) < MAX // 50  # 20 MB of zeros packed in a few kB
    with pytest.raises(InputError) as e:
        open_zip(data, MAX, "docx")
    assert e.value.kind == "too_large" and "4 x --max-bytes" in str(e.value)
    open_zip(data, 2 * MAX, "docx").close()  # a higher --max-bytes lets it through
