"""PDFs: reading order over two columns, running headers and footers, end-of-line hyphenation,
ligatures, bullets from unmapped glyphs, and the clear errors for scans and broken files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docbuild import HEADER, encrypted_pdf, pdf_document, scanned_pdf

from clsx.convert.pdf import LIGATURES, Line, _joint, pdf_to_text
from clsx.source import InputError

PARAGRAPH = (
    "Le Contrat local de santé de la communauté de communes du Haut-Val a été signé le 12 avril 2022 "
    "à Valmont par la présidente de la communauté de communes et le directeur général de l'Agence "
    "régionale de santé, en présence des représentants de la préfecture, du conseil départemental, "
    "de la caisse primaire d'assurance maladie et de la mutualité sociale agricole. "
)
TEXT = (
    "Le Haut-Val signe son contrat local de santé\n\n"
    + "\n\n".join(f"{n}. " + PARAGRAPH * 2 for n in range(1, 9))
    + "\n\nLe contrat s'articule autour de trois axes :\n"
    "• Améliorer l'accès aux soins de premier recours et l'attractivité du territoire pour les professionnels\n"
    "• Prévenir les maladies chroniques\n"
    "• Promouvoir la santé mentale\n"
)


@pytest.fixture(scope="module")
def two_columns(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(text pdfminer gives line by line, text clsx makes of it) for a two-page, two-column PDF."""
    from pdfminer.high_level import extract_text

    path = pdf_document(TEXT, tmp_path_factory.mktemp("pdf") / "two.pdf", two_columns=True)
    return extract_text(str(path)), pdf_to_text(path.read_bytes()).text


def test_two_columns_read_left_then_right(two_columns: tuple[str, str]) -> None:
    _, text = two_columns
    numbers = [int(m) for m in re.findall(r"^(\d)\. Le Contrat", text, re.MULTILINE)]
    assert numbers == list(range(1, 9))
    # every paragraph comes back whole, though cut across lines, columns and pages
    assert text.count(PARAGRAPH.strip()) == 16


def test_running_header_and_page_numbers_are_dropped(two_columns: tuple[str, str]) -> None:
    raw, text = two_columns
    assert raw.count(HEADER) >= 2 and "Page 2" in raw
    assert HEADER not in text
    assert not re.search(r"^Page \d", text, re.MULTILINE)
    assert "www.ars.sante.fr" not in text


def test_end_of_line_hyphenation_is_rejoined(two_columns: tuple[str, str]) -> None:
    raw, text = two_columns
    cut = re.findall(r"([a-zàâçéèêëîïôöùûü]+)-\n([a-zàâçéèêëîïôöùûü]+)", raw)
    assert len(cut) >= 5, "the PDF should hold words hyphenated at the margin"
    for a, b in cut:
        assert a + b in text
    assert not re.search(r"[a-zé]-\n[a-zé]", text)
    assert "Haut-Val" in text  # a real hyphen stays


def test_list_items_stay_lines_and_a_wrapped_item_is_one_line(two_columns: tuple[str, str]) -> None:
    _, text = two_columns
    lines = text.splitlines()
    i = lines.index("Le contrat s'articule autour de trois axes :")
    assert lines[i + 1 : i + 4] == [
        "• Améliorer l'accès aux soins de premier recours et l'attractivité du territoire pour les professionnels",
        "• Prévenir les maladies chroniques",
        "• Promouvoir la santé mentale",
    ]


def test_ligatures_become_letters(tmp_path: Path) -> None:
    from pdfminer.high_level import extract_text

    path = pdf_document("Signature officielle\n\nLe CLS fixe les objectifs et le financement, et reflète les conflits.\n", tmp_path / "lig.pdf", ligatures=True)
    assert "ﬁ" in extract_text(str(path))  # the PDF holds the glyphs
    text = pdf_to_text(path.read_bytes()).text
    assert "Le CLS fixe les objectifs et le financement, et reflète les conflits." in text
    assert not set(LIGATURES) & set(text)


def test_a_bullet_glyph_without_unicode_is_a_bullet(tmp_path: Path) -> None:
    # reportlab's Helvetica writes '•' as a code pdfminer cannot name: '(cid:127)'
    path = pdf_document("Titre\n\nDeux axes :\n• Le premier axe\n• Le second axe\n", tmp_path / "b.pdf")
    assert pdf_to_text(path.read_bytes()).text.endswith("Deux axes :\n• Le premier axe\n• Le second axe\n")


def test_a_scan_without_text_layer_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        pdf_to_text(scanned_pdf(tmp_path / "scan.pdf").read_bytes())
    assert e.value.kind == "no_text"
    assert "no text layer" in str(e.value) and "OCR" in str(e.value)


@pytest.mark.parametrize("data", [b"%PDF-1.4\nnot really a pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8])
def test_a_broken_pdf_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(InputError) as e:
        pdf_to_text(data)
    assert e.value.kind in ("unreadable_pdf", "no_text")


def _line(text: str, x1: float, top: float, first_word: float = 20.0) -> Line:
    return Line(text, 50.0, x1, top, top + 10.0, first_word, 3.0, 10.0, right=300.0)


@pytest.mark.parametrize(
    ("prev", "cur", "whole", "joint"),
    [
        (_line("signé par le Direc-", 298, 100), _line("teur général", 150, 113), "", ("", True)),
        (_line("les porte-", 298, 100), _line("parole des usagers", 150, 113), "le porte-parole", ("", False)),
        (_line("l'ARS Hauts-de-", 298, 100), _line("France et la", 150, 113), "", ("", False)),
        (_line("Un titre court", 120, 100), _line("Le texte suit", 150, 113), "", ("\n", False)),
        (_line("une ligne pleine", 295, 100), _line("qui continue", 150, 113), "", (" ", False)),
        (_line("une ligne pleine", 295, 100), _line("• un item", 150, 113), "", ("\n", False)),
        (_line("fin du paragraphe.", 295, 100), _line("Nouveau paragraphe", 150, 125), "", ("\n\n", False)),
    ],
)
def test_what_joins_two_lines(prev: Line, cur: Line, whole: str, joint: tuple[str, bool]) -> None:
    assert _joint(prev, cur, whole) == joint


def test_an_encrypted_pdf_says_it_is_encrypted(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        pdf_to_text(encrypted_pdf("Le contrat local de santé du Val est signé.", tmp_path / "locked.pdf", "secret").read_bytes())
    assert e.value.kind == "encrypted"
    assert str(e.value) == "the PDF is encrypted and needs a password to be read: decrypt it first (qpdf --decrypt)"


def test_a_pdf_encrypted_without_a_user_password_is_read(tmp_path: Path) -> None:
    path = encrypted_pdf("Le contrat local de santé du Val est signé.", tmp_path / "open.pdf", "")
    assert pdf_to_text(path.read_bytes()).text == "Le contrat local de santé du Val est signé.\n"
