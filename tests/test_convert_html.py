"""Web pages: the article's text without the page around it, headings and list items kept as
lines, the cookie-banner fallback, the page's charset, and its metadata date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from docbuild import html_page

from clsx.convert import kind_of
from clsx.convert.html import decode_html, html_to_text, looks_like_banner
from clsx.source import InputError

ARTICLE = """Signature du Contrat local de santé de la Vallée du Lys

Le 14 mars 2023, à Lysville, la communauté de communes de la Vallée du Lys et l'Agence régionale de santé (ARS) Bretagne ont signé leur premier Contrat local de santé (CLS) pour la période 2023-2027.

Quatre axes

Le CLS s'articule autour de quatre axes :
- Favoriser l'accès aux soins de proximité
- Promouvoir la santé mentale des jeunes
- Prévenir la perte d'autonomie
- Agir pour un environnement favorable à la santé

Le contrat a été signé par Mme Anne LEROUX, présidente de la communauté de communes, et M. Paul GIRARD, délégué départemental de l'ARS.
"""


@pytest.fixture(scope="module")
def record_of_page(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Callable[[str], dict[str, Any]]:
    """page markup -> the record `clsx extract page.html` gives."""
    from clsx.extract import extract_path

    folder = tmp_path_factory.mktemp("pages")

    def make(markup: str, name: str = "page.html") -> dict[str, Any]:
        path = folder / name
        path.write_text(markup, encoding="utf-8")
        return extract_path(str(path))

    return make


@pytest.fixture(scope="module")
def converted() -> str:
    return html_to_text(html_page(ARTICLE).encode("utf-8")).text


def test_the_page_around_the_article_is_left_out(converted: str) -> None:
    for clutter in ("cookies", "Tout accepter", "Nous contacter", "Partager", "LinkedIn", "Mentions légales", "Villebrune", "À lire aussi"):
        assert clutter not in converted


def test_headings_paragraphs_and_list_items_stay_lines(converted: str) -> None:
    lines = converted.splitlines()
    assert lines[0] == "Signature du Contrat local de santé de la Vallée du Lys"
    assert "Quatre axes" in lines
    i = lines.index("Le CLS s'articule autour de quatre axes :")
    assert lines[i + 1 : i + 5] == [
        "• Favoriser l'accès aux soins de proximité",
        "• Promouvoir la santé mentale des jeunes",
        "• Prévenir la perte d'autonomie",
        "• Agir pour un environnement favorable à la santé",
    ]
    # a blank line between blocks, as in the plain texts
    assert "\n\nQuatre axes\n\n" in converted


def test_the_record_of_the_page(record_of_page: Callable[[str], dict[str, Any]]) -> None:
    rec = record_of_page(html_page(ARTICLE))
    assert rec["territory"]["name"] == "communauté de communes de la Vallée du Lys"
    assert rec["signature"]["date"] == "2023-03-14"
    assert [a["label"] for a in rec["axes"]] == [
        "Favoriser l'accès aux soins de proximité",
        "Promouvoir la santé mentale des jeunes",
        "Prévenir la perte d'autonomie",
        "Agir pour un environnement favorable à la santé",
    ]
    assert [s["name"] for s in rec["signatories"]] == ["Anne Leroux", "Paul Girard"]
    assert rec["source"]["converter"].startswith("trafilatura ")


def test_a_page_that_trafilatura_reads_as_its_cookie_banner_falls_back_to_selectolax() -> None:
    page = (
        '<html><head><title>x</title></head><body><div id="cookie-banner"><p>Ce site utilise des cookies pour '
        "mesurer l'audience. En poursuivant votre navigation, vous acceptez l'utilisation des cookies et autres "
        'traceurs.</p><button>Tout accepter</button></div><div><span>Signature du CLS</span><br>'
        "<span>Le CLS de la CC du Val a été signé le 3 mai 2022 à Valdor.</span></div></body></html>"
    )
    got = html_to_text(page.encode())
    assert got.converter.startswith("selectolax ")
    assert got.text == "Signature du CLS\nLe CLS de la CC du Val a été signé le 3 mai 2022 à Valdor.\n"


@pytest.mark.parametrize(
    ("text", "banner"),
    [
        ("Nous utilisons des cookies. Tout accepter / Tout refuser", True),
        ("Ce site utilise des traceurs pour mesurer l'audience.", True),
        ("Le CLS de la CC du Val a été signé le 3 mai 2022.", False),
        ("cookies " + "Le contrat local de santé. " * 40, False),  # a long text that mentions cookies is an article
    ],
)
def test_banner_test(text: str, banner: bool) -> None:
    assert looks_like_banner(text) is banner


def test_a_page_with_no_text_is_an_error() -> None:
    with pytest.raises(InputError) as e:
        html_to_text(b"<html><head><title></title></head><body><nav><a href='/'>Accueil</a></nav><script>x()</script></body></html>")
    assert e.value.kind == "no_text"


def test_the_declared_charset_decodes_the_page() -> None:
    page = html_page(ARTICLE, charset="windows-1252").encode("cp1252")
    assert decode_html(page)[1] == "windows-1252"
    got = html_to_text(page)
    assert "Agence régionale de santé" in got.text
    assert got.encoding == "windows-1252"


def test_a_wrong_charset_declaration_gives_way_to_utf8() -> None:
    page = html_page(ARTICLE, charset="ascii").encode("utf-8")
    assert decode_html(page) == (page.decode("utf-8"), "utf-8")


def test_the_metadata_date_is_the_pages_publication_date() -> None:
    assert html_to_text(html_page(ARTICLE, published="2023-03-15T09:30:00+01:00").encode()).published == dt.date(2023, 3, 15)
    assert html_to_text(html_page(ARTICLE).encode()).published is None  # not guessed from the article's dates


@pytest.mark.parametrize(
    ("path", "data", "kind"),
    [
        ("a.html", b"anything", "html"),
        ("a.HTM", b"anything", "html"),
        ("saved_page", b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
        ("-", b"<!-- saved --><html lang='fr'>", "html"),
        ("x.txt", b"<html><body>", "html"),
        ("a.pdf", b"whatever", "pdf"),
        ("-", b"%PDF-1.7\n...", "pdf"),
        ("a.txt", b"Le contrat local de sant\xc3\xa9 <b>", "text"),
        ("notes", b"Le <CLS> de 2020", "text"),
    ],
)
def test_kind_by_extension_or_first_bytes(path: str, data: bytes, kind: str) -> None:
    assert kind_of(path, data) == kind


@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "utf-32", "utf-7", "cp037"])
def test_a_charset_that_cannot_have_spelt_the_meta_is_read_as_utf8(declared: str) -> None:
    """The HTML standard: a page without a BOM whose <meta> says UTF-16 is UTF-8 (browsers ignore
    it); the same for any encoding that does not read ASCII as ASCII."""
    page = html_page(ARTICLE, charset=declared).encode("utf-8")
    got = html_to_text(page)
    assert got.encoding == "utf-8"
    assert "Agence régionale de santé (ARS) Bretagne" in got.text
    assert got.warnings == (f"the page declares charset {declared.lower()} but it does not read ASCII as ASCII (and the page has no byte order mark): read as the bytes say",)


def test_utf8_bytes_win_over_a_legacy_charset_declaration() -> None:
    page = html_page(ARTICLE, charset="iso-8859-1").encode("utf-8")
    got = html_to_text(page)
    assert (got.encoding, got.warnings) == ("utf-8", ("the page declares charset iso-8859-1 but its bytes are UTF-8: read as the bytes say",))
    assert "Agence régionale de santé" in got.text and "Ã©" not in got.text


def test_a_correct_declaration_gives_no_warning() -> None:
    assert html_to_text(html_page(ARTICLE).encode("utf-8")).warnings == ()
    assert html_to_text(html_page(ARTICLE, charset="windows-1252").encode("cp1252")).warnings == ()
    ascii_page = "<html><head><meta charset='windows-1252'></head><body><p>Le contrat local de sant&eacute;.</p></body></html>"
    assert decode_html(ascii_page.encode("ascii")) == (ascii_page, "windows-1252")  # as declared: the same text


def test_a_utf8_declaration_the_bytes_do_not_fit_is_said() -> None:
    got = html_to_text(html_page(ARTICLE).encode("cp1252"))
    assert got.encoding == "cp1252" and "Agence régionale de santé" in got.text
    assert got.warnings == ("the page declares charset utf-8 but its bytes do not decode in it: read as the bytes say",)


def test_a_page_with_a_bom_and_a_lone_surrogate_is_read_with_a_warning() -> None:
    import codecs

    before, after = html_page(ARTICLE).split("Quatre axes", 1)
    page = codecs.BOM_UTF16_LE + (before + "Quatre axes ").encode("utf-16-le") + b"\x00\xd8" + after.encode("utf-16-le")
    got = html_to_text(page)
    assert got.encoding == "utf-16" and "Quatre axes \ufffd" in got.text
    assert got.warnings == ("1 invalid UTF-16 sequence(s) (a lone surrogate, a cut character) read as U+FFFD",)


def test_the_record_of_a_page_says_its_charset_was_overruled(record_of_page: Callable[[str], dict[str, Any]]) -> None:
    rec = record_of_page(html_page(ARTICLE, charset="utf-16"), "meta-utf16.html")
    assert rec["territory"]["name"] == "communauté de communes de la Vallée du Lys"
    assert rec["source"]["encoding"] == "utf-8"
    assert rec["warnings"][0].startswith("the page declares charset utf-16 but")
