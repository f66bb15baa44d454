"""normalise(): the cleaned copy the pipeline reads, and its map back to the text as decoded."""

from __future__ import annotations

import html
import random
import re

import pytest
from helpers import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from clsx.text import normalise


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # HTML entities left in scraped pages (d03)
        ("avec l&#8217;Agence r&eacute;gionale de sant&eacute;", "avec l’Agence régionale de santé"),
        ("14 novembre 2024 &#8211; Sant&eacute;, Solidarit&eacute;s", "14 novembre 2024 – Santé, Solidarités"),
        ("&laquo;&nbsp;Ce CLS de 3e g&eacute;n&eacute;ration&nbsp;&raquo;", "« Ce CLS de 3e génération »"),
        ("le service Sant&eacute; publique &amp; pr&eacute;vention.", "le service Santé publique & prévention."),
        ("couvrant 2018-2023&nbsp;: la Ville", "couvrant 2018-2023 : la Ville"),
        ("l&#x2019;ARS", "l’ARS"),
        # not an entity: left as written
        ("Santé & prévention", "Santé & prévention"),
        ("R&D; santé", "R&D; santé"),
    ],
)
def test_html_entities_are_decoded(raw: str, clean: str) -> None:
    assert normalise(raw).clean == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Un diagnostic actualisé\r\n\r\nPour préparer ce nouveau contrat", "Un diagnostic actualisé\n\nPour préparer ce nouveau contrat"),
        ("Des partenaires engagés\r\n\r\nOutre l'ARS", "Des partenaires engagés\n\nOutre l'ARS"),
        ("Une coordinatrice dédiée\rL'animation du contrat", "Une coordinatrice dédiée\nL'animation du contrat"),
        # form feed between PDF pages (d04)
        ("Page 1/2\n\x0cCommunauté urbaine de Valbourg", "Page 1/2\n\nCommunauté urbaine de Valbourg"),
        ("Mme\u00a0Laura PEYRET, coordinatrice", "Mme Laura PEYRET, coordinatrice"),
        ("44\u202f000\u00a0euros", "44 000 euros"),
    ],
)
def test_line_endings_and_spaces_are_made_plain(raw: str, clean: str) -> None:
    assert normalise(raw).clean == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # words cut by a PDF line break (d04)
        ("par le Direc-\nteur général de l'Agence", "par le Directeur général de l'Agence"),
        ("la prise en charge de la souf-\nfrance psychique", "la prise en charge de la souffrance psychique"),
        ("une déli-\r\nbération du 14 février 2019", "une délibération du 14 février 2019"),
        ("et l'at-\n   tractivité du territoire", "et l'attractivité du territoire"),
        # a real hyphen followed by a break or a stray space
        ("et l'ARS Hauts-de-\nFrance signent", "et l'ARS Hauts-de-France signent"),
        ("la Communauté d’Agglomération de Lens- Liévin.", "la Communauté d’Agglomération de Lens-Liévin."),
        ("le Projet Régional de Santé Hauts-de- France.", "le Projet Régional de Santé Hauts-de-France."),
        ("l'association Action Médico- Sociale Précoce", "l'association Action Médico-Sociale Précoce"),
        # a dash between spaces is punctuation, not a hyphen
        ("Santé – Solidarités", "Santé – Solidarités"),
        ("CLS Lisieux 15/03/22 - 2", "CLS Lisieux 15/03/22 - 2"),
    ],
)
def test_hyphenation_across_line_breaks_is_undone(raw: str, clean: str) -> None:
    assert normalise(raw).clean == clean


def test_soft_hyphen_entity_vanishes_like_the_raw_character() -> None:
    assert normalise("la Commu\u00adnauté de communes").clean == "la Communauté de communes"
    assert normalise("la Commu&shy;nauté de communes").clean == "la Communauté de communes"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # a sentence broken by hard PDF line breaks is joined again
        ("le Conseil départemental du\nNord, la Caisse primaire", "le Conseil départemental du Nord, la Caisse primaire"),
        ("les 46 communes de l'agglomération et\nleurs partenaires", "les 46 communes de l'agglomération et leurs partenaires"),
        ("Développer la prévention et le dépistage des maladies\n   chroniques", "Développer la prévention et le dépistage des maladies chroniques"),
    ],
)
def test_broken_sentences_are_joined(raw: str, clean: str) -> None:
    assert normalise(raw).clean == clean


@pytest.mark.parametrize(
    "raw",
    [
        "Le CLS comprend 6 axes stratégiques :\n1. Améliorer l'accès aux soins\n2. Développer la prévention",
        "Outre l'ARS et l'Agglomération, sept institutions ont signé le contrat :\n- la Préfecture de l'Aude ;\n- le Conseil départemental de l'Aude ;",
        "trois axes stratégiques d’intervention :\n>> favoriser l’attractivité globale du territoire\n>> promouvoir la santé des enfants et des jeunes",
        "  • Renforcer l’accès à la santé,\n  • Renforcer la promotion de la santé et la prévention,",
        "autour de quatre axes, dont un axe transversal :\nA. Favoriser l'accès aux soins ;\nB. Développer la prévention ;",
        "Axe 1 : Favoriser l'installation et le maintien des professionnels de santé\nAccueil des internes, soutien aux maisons de santé.",
        "Orientation 1 – Faciliter l'accès aux soins et à la prévention\nOrientation 2 – Accompagner les personnes âgées et leurs aidants",
        "Il court pour trois ans.\nProchaine étape : le recrutement d'un animateur.",
        "– Améliorer l'accès aux soins et à la prévention\n– Agir sur les conduites addictives",
    ],
)
def test_list_lines_and_sentence_ends_are_not_joined(raw: str) -> None:
    assert normalise(raw).clean == raw


# --- the offset map -------------------------------------------------------------------------


def _check_map(raw: str) -> None:
    t = normalise(raw)
    assert t.raw == raw
    assert len(t.starts) == len(t.ends) == len(t.clean)
    for i, ch in enumerate(t.clean):
        a, b = t.starts[i], t.ends[i]
        assert 0 <= a < b <= len(raw), (i, ch)
        if i:
            assert t.starts[i - 1] <= a and t.ends[i - 1] <= b, "the map must keep text order"
        if b - a == 1 and not raw[a].isspace() and raw[a] not in "\u00ad\u200b\ufeff":
            assert raw[a] == ch, "an unchanged character maps to itself"


@pytest.mark.parametrize("stem", sorted(CORPUS))
def test_offset_map_is_ordered_and_valid_on_real_texts(stem: str, texts: dict[str, str]) -> None:
    _check_map(texts[stem])


@pytest.mark.parametrize("stem", sorted(CORPUS))
def test_random_clean_spans_map_to_valid_raw_ranges(stem: str, texts: dict[str, str]) -> None:
    raw = texts[stem]
    t = normalise(raw)
    rng = random.Random(stem)
    for _ in range(300):
        i = rng.randrange(len(t.clean))
        j = rng.randrange(i, len(t.clean) + 1)
        a, b = t.raw_offsets(i, j)
        assert 0 <= a <= b <= len(raw)
        if j > i:
            assert (a, b) == (t.starts[i], t.ends[j - 1])
            # the raw range holds every clean character's source
            assert all(a <= t.starts[k] and t.ends[k] <= b for k in (i, j - 1))


_PIECES = st.sampled_from(
    ["Direc", "-", "\n", "\r\n", " ", "teur", "Hauts", "de", "France", "&#8217;", "&nbsp;", "&amp;", "&laquo;",
     "é", "\f", "\u00a0", "\u00ad", "- ", "• ", ">> ", "1. ", "A. ", ".", ",", ";", "du", "l'", "x", "Axe 1 :",
     "\t", "&#x2019;", "\ufeff", "CLS", "santé"]
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.lists(_PIECES, max_size=40))
def test_offset_map_holds_on_arbitrary_mixtures(pieces: list[str]) -> None:
    _check_map("".join(pieces))


@pytest.mark.parametrize(
    ("raw", "entity"),
    [
        ("avec l&#8217;Agence régionale de santé", "&#8217;"),
        ("le service Santé publique &amp; prévention.", "&amp;"),
        ("couvrant 2018-2023&nbsp;: la Ville", "&nbsp;"),
        ("14 novembre 2024 &#8211; Santé", "&#8211;"),
        ("&laquo;&nbsp;Ce CLS&nbsp;&raquo;, a rappelé le maire", "&laquo;"),
        ("&laquo;&nbsp;Ce CLS&nbsp;&raquo;, a rappelé le maire", "&raquo;"),
    ],
)
def test_a_decoded_entity_maps_back_to_the_whole_entity(raw: str, entity: str) -> None:
    t = normalise(raw)
    p = raw.index(entity)
    i = t.starts.index(p)
    assert t.clean[i] == html.unescape(entity).replace("\u00a0", " ")
    assert t.raw_offsets(i, i + 1) == (p, p + len(entity))


@pytest.mark.parametrize(
    ("raw", "phrase", "evidence"),
    [
        ("la CPAM de l&#8217;Is&egrave;re et la CAF", "CPAM de l’Isère", "CPAM de l&#8217;Is&egrave;re"),
        ("par le Direc-\nteur général", "Directeur général", "Direc-\nteur général"),
        ("l'ARS Hauts-de-\nFrance signent", "ARS Hauts-de-France", "ARS Hauts-de-\nFrance"),
        ("la Communauté d’Agglomération de Lens- Liévin.", "Lens-Liévin", "Lens- Liévin"),
        ("&laquo;&nbsp;Ce CLS&nbsp;&raquo;", "« Ce CLS »", "&laquo;&nbsp;Ce CLS&nbsp;&raquo;"),
        ("Santé\r\n\r\nLe contrat", "Santé\n\nLe", "Santé\r\n\r\nLe"),
    ],
)
def test_a_clean_phrase_maps_back_to_its_evidence(raw: str, phrase: str, evidence: str) -> None:
    t = normalise(raw)
    i = t.clean.index(phrase)
    a, b = t.raw_offsets(i, i + len(phrase))
    assert raw[a:b] == evidence


def test_entities_in_a_real_text_map_back_whole(texts: dict[str, str]) -> None:
    """Every entity of every corpus text (d03 has dozens) is covered whole by one clean character."""
    for raw in texts.values():
        t = normalise(raw)
        for m in re.finditer(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-z]+);", raw):
            if html.unescape(m.group(0)) != m.group(0):
                i = t.starts.index(m.start())
                assert t.raw_offsets(i, i + 1) == m.span()


def test_empty_span_maps_to_an_empty_raw_range() -> None:
    t = normalise("Le CLS de la CC&nbsp;Lanvaux")
    a, b = t.raw_offsets(5, 5)
    assert a == b
