"""Date mentions (find_dates) and the year of a yearless one taken from its context (resolve)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from clsx.mentions.dates import find_dates, publication_date, resolve


@pytest.mark.parametrize(
    ("sentence", "mention", "iso"),
    [
        ("Le premier CLS de Basse-Normandie a été signé, mercredi 30 octobre 2013 par l'ARS.", "mercredi 30 octobre 2013", "2013-10-30"),
        # day/month/year, never month/day (d05)
        ("Le contrat a été signé le 09/11/2021 à Saint-Julien-Chapteuil.", "09/11/2021", "2021-11-09"),
        ("ont signé le 21/01/19, à la Maison des services de Saint-Loup-Lamairé", "21/01/19", "2019-01-21"),
        ("Signé en mars 2019 par le Président de la Communauté urbaine", "mars 2019", "2019-03"),
        ("Une charte a été signée en Janvier 2019 par la Directrice Générale.", "Janvier 2019", "2019-01"),
        ("Le 3 février 2021, dans la salle du conseil de l'hôtel communautaire", "3 février 2021", "2021-02-03"),
        ("Mardi 27 juin 2023, à l'Hôtel de la Métropole, Saint-Aurèle Métropole a signé", "Mardi 27 juin 2023", "2023-06-27"),
        ("Le 1er octobre 2024, la Ville de Montvallon a signé son troisième CLS.", "1er octobre 2024", "2024-10-01"),
        ("le contrat entre en vigueur le 1ᵉʳ juillet 2022", "1ᵉʳ juillet 2022", "2022-07-01"),
        ("signé le 4 aout 2020 à Pontivy", "4 aout 2020", "2020-08-04"),
        ("Un premier Contrat Local de Santé (CLS) a été signé en 2017 pour une période de 3 ans", "en 2017", "2017"),
        ("Publié le 06/07/2022 à 18h12", "06/07/2022", "2022-07-06"),
    ],
)
def test_a_full_date_is_found_and_parsed(sentence: str, mention: str, iso: str) -> None:
    found = find_dates(sentence)
    assert [(sentence[d.start : d.end], d.iso) for d in found] == [(mention, iso)]


@pytest.mark.parametrize(
    ("sentence", "mention", "month", "day", "weekday", "past", "future"),
    [
        ("Le 1er octobre dernier, la Ville de Montvallon a signé", "1er octobre dernier", 10, 1, None, True, False),
        ("il entrera en vigueur le 1er janvier prochain.", "1er janvier prochain", 1, 1, None, False, True),
        ("La signature a eu lieu mardi 15 mars à Saint-Pierre-en-Auge", "mardi 15 mars", 3, 15, 1, False, False),
        ("Ce lundi 4 juillet, la communauté de communes a signé", "lundi 4 juillet", 7, 4, 0, False, False),
        ("Ce jeudi, dans la salle des mariages de l'hôtel de ville,", "Ce jeudi", None, None, 3, False, False),
        ("a eu lieu, le 12 juin après-midi, la signature officielle", "12 juin", 6, 12, None, False, False),
        # a month alone: 'juin 2018' is month_year, 'en octobre' a month whose year comes from the context
        ("La signature est prévue en octobre, à Saint-Laurent-du-Maroni.", "en octobre", 10, None, None, False, False),
        ("Le contrat sera signé courant mars par les élus.", "courant mars", 3, None, None, False, False),
        ("Le CLS a été signé fin novembre dernier à Lodève.", "fin novembre dernier", 11, None, None, True, False),
        ("La signature est attendue au mois d'avril.", "au mois d'avril", 4, None, None, False, False),
    ],
)
def test_a_yearless_mention_keeps_what_it_says(
    sentence: str, mention: str, month: int | None, day: int | None, weekday: int | None, past: bool, future: bool
) -> None:
    (d,) = find_dates(sentence)
    assert sentence[d.start : d.end] == mention
    assert (d.year, d.month, d.day, d.weekday, d.past, d.future) == (None, month, day, weekday, past, future)
    assert d.iso is None


@pytest.mark.parametrize("sentence", ["le 31/02/2021", "le 45/10/2020", "Le CLS 2018-2020 couvre le territoire.", "les 19 communes de la CCVBA"])
def test_impossible_dates_and_year_ranges_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence) == []


def test_an_impossible_day_keeps_only_its_month() -> None:
    assert [d.iso for d in find_dates("signé le 30 février 2022")] == ["2022-02"]


def test_mentions_come_in_text_order() -> None:
    s = "Publié le 05/02/2021 | Mis à jour le 08/02/2021\n\nLe 3 février 2021, le contrat a été signé. Un premier contrat, signé le 17 novembre 2015."
    assert [d.iso for d in find_dates(s)] == ["2021-02-05", "2021-02-08", "2021-02-03", "2015-11-17"]


# Texts shortened from the dev set and the samples: (text, the mention to resolve, ISO, warning word)
RESOLVE = [
    pytest.param(
        "Montvallon signe son Contrat local de santé de 3e génération\n\n14 novembre 2024 – Santé, Solidarités\n\n"
        "Le 1er octobre dernier, la Ville de Montvallon a signé son troisième Contrat local de santé (CLS).",
        "1er octobre dernier", "2024-10-01", "publication", id="dernier+page-date",
    ),
    pytest.param(
        "Un contrat local de santé pour Bellegarde-sur-Cher\n\nPublié le 09/06/2023\n\n"
        "Ce jeudi, dans la salle des mariages de l'hôtel de ville, la Ville de Bellegarde-sur-Cher et l'ARS ont officialisé leur premier contrat local de santé (CLS).",
        "Ce jeudi", "2023-06-08", "weekday", id="weekday-only+publie-le",
    ),
    pytest.param(
        "Signature officielle du Contrat Local de Santé de Lisieux Normandie\n\nActualité\n\n"
        "La Communauté d’Agglomération et l’ARS se sont engagées à réaliser le CLS. La signature a eu lieu mardi 15 mars à Saint-Pierre-en-Auge (Calvados).\n\n"
        "Thomas DEROCHE a pu profiter de cette signature pour saluer la dynamique mise en œuvre.\n"
        "CLS Lisieux 15/03/22 - 2\nCLS Lisieux 15/03/22 - 3",
        "mardi 15 mars", "2022-03-15", "same day", id="caption-15/03/22",
    ),
    pytest.param(
        "Contrat Local de Santé – Réduire les inégalités de santé\n\nLa CALL et l’ARS ont initié un ambitieux contrat local de santé. "
        "Le Conseil Communautaire a adopté le 19 décembre 2017 une motion relative à l’organisation du système de santé.\n\n"
        "Ce mercredi 25 septembre, la CALL, l’ARS et les différents partenaires de la santé ont signé le Contrat Local de Santé.\n\n"
        "Une charte partenariale préalable à la signature a été signée en Janvier 2019.",
        "mercredi 25 septembre", "2019-09-25", "weekday", id="weekday-fits-a-year",
    ),
    pytest.param(
        "Plumelec. La santé de proximité a désormais sa feuille de route\n\nOuest-France\nPublié le 06/07/2022 à 18h12\n\n"
        "Ce lundi 4 juillet, la communauté de communes Lanvaux-Claie a signé son contrat local de santé (CLS).",
        "lundi 4 juillet", "2022-07-04", "weekday", id="weekday+day+publie-le",
    ),
    pytest.param(
        "La Lettre du Parc – n° 38 – Hiver 2016-2017\nParc naturel régional des Monts du Charolais\n\nDOSSIER SANTÉ\n\n"
        "Signé le 14 octobre à Charolles, le contrat local de santé du Parc entrera en vigueur le 1er janvier prochain.",
        "14 octobre", "2016-10-14", "publication", id="issue-year",
    ),
    pytest.param(
        "La Lettre du Parc – n° 38 – Hiver 2016-2017\nParc naturel régional des Monts du Charolais\n\nDOSSIER SANTÉ\n\n"
        "Signé le 14 octobre à Charolles, le contrat local de santé du Parc entrera en vigueur le 1er janvier prochain.",
        "1er janvier prochain", "2017-01-01", "publication", id="prochain-next-year",
    ),
    pytest.param(
        "COMMUNIQUÉ DE PRESSE\nCaen, le 27 novembre 2017\n\nLe contrat local de santé sera signé le 5 décembre prochain à Valmont.",
        "5 décembre prochain", "2017-12-05", "publication", id="prochain-same-year",
    ),
    pytest.param(
        "Signature du 1er Contrat Local de Santé\n\nSanté-social\n\n12 juin 2018\n\n"
        "a eu lieu, le 12 juin après-midi, la signature officielle du premier Contrat Local de Santé (CLS) 2018-2020, au Trait d’Union à EVRON.",
        "12 juin", "2018-06-12", "same day", id="same-day-written-with-year",
    ),
]


@pytest.mark.parametrize(("text", "mention", "iso", "warning"), RESOLVE)
def test_resolve_takes_the_year_from_the_context(ctx_of: Callable[[str], Any], text: str, mention: str, iso: str, warning: str) -> None:
    ctx = ctx_of(text)
    found = find_dates(ctx.clean)
    (d,) = [m for m in found if ctx.clean[m.start : m.end] == mention]
    resolved, said = resolve(ctx, d, found, publication_date(ctx, found))
    assert resolved is not None and resolved.iso == iso
    assert (resolved.start, resolved.end) == (d.start, d.end)
    # an inferred year is a reviewer's business: the warning comes back with the date
    assert said is not None and warning in said, said


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("La signature a eu lieu mardi 15 mars à Saint-Pierre-en-Auge.", "mardi 15 mars"),
        ("Ce jeudi, la Ville et l'ARS ont officialisé leur premier contrat local de santé.", "Ce jeudi"),
    ],
)
def test_resolve_gives_none_and_a_warning_when_no_year_fits(ctx_of: Callable[[str], Any], text: str, mention: str) -> None:
    ctx = ctx_of(text)
    found = find_dates(ctx.clean)
    (d,) = [m for m in found if ctx.clean[m.start : m.end] == mention]
    resolved, said = resolve(ctx, d, found, publication_date(ctx, found))
    assert resolved is None
    assert said


def test_a_mention_with_its_year_is_left_alone(ctx_of: Callable[[str], Any]) -> None:
    ctx = ctx_of("Publié le 12 décembre 2022\n\nLe vendredi 9 décembre 2022, à la salle des fêtes de Bénévent-l'Abbaye, le CLS a été signé.")
    found = find_dates(ctx.clean)
    assert resolve(ctx, found[1], found, publication_date(ctx, found)) == (found[1], None)
    assert found[1].iso == "2022-12-09"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Aude : l'agglomération signe son deuxième CLS\n\nPublié le 05/02/2021 | Mis à jour le 08/02/2021\n\nLe 3 février 2021, le CLS a été signé.", "2021-02-05"),
        ("COMMUNIQUÉ DE PRESSE\nValbourg, le 2 avril 2019\n\nLa Communauté urbaine de Valbourg signe un CLS.", "2019-04-02"),
        ("Publié le 12 décembre 2022\n\nLe vendredi 9 décembre 2022, le CLS a été signé.", "2022-12-12"),
    ],
)
def test_publication_date_is_the_byline_date(ctx_of: Callable[[str], Any], text: str, iso: str) -> None:
    ctx = ctx_of(text)
    ref = publication_date(ctx, find_dates(ctx.clean))
    assert ref is not None and ref.full is not None and ref.full.isoformat() == iso


@pytest.mark.parametrize(
    ("text", "iso", "said"),
    [
        pytest.param("Publié le 12 mars 2024\n\nLe contrat local de santé a été signé hier à la mairie.", "2024-03-11", "hier", id="hier"),
        pytest.param("Publié le 12 mars 2024\n\nLe contrat local de santé a été signé avant-hier.", "2024-03-10", "avant-hier", id="avant-hier"),
        pytest.param("Publié le 20 juin 2023\n\nLe CLS a été signé la semaine dernière par le maire.", "2023-06", "la semaine dernière", id="la-semaine-derniere-a-month"),
        pytest.param("Publié le 5 octobre 2022\n\nLe CLS a été signé le mois dernier.", "2022-09", "le mois dernier", id="le-mois-dernier"),
        pytest.param("Publié le 30 avril 2021\n\nLe contrat local de santé a été signé il y a quinze jours.", "2021-04-15", "il y a quinze jours", id="il-y-a-quinze-jours"),
        pytest.param("Le contrat local de santé a été signé le 15.03.2022 à Vesoul.", "2022-03-15", None, id="dotted"),
        pytest.param("Le contrat local de santé a été signé le 2022-03-15 à Vesoul.", "2022-03-15", None, id="iso"),
    ],
)
def test_relative_and_numeric_dates_read_by_dateparser(record_of: Callable[[str], dict[str, Any]], text: str, iso: str, said: str | None) -> None:
    rec = record_of(text)
    assert rec["signature"]["date"] == iso
    if said:
        assert any(said in w for w in rec["warnings"]), rec["warnings"]
        assert rec["signature"]["date_inferred"] is True


@pytest.mark.parametrize(
    ("text", "iso", "status"),
    [
        pytest.param("Publié le 3 septembre 2026\n\nLa signature du contrat local de santé est prévue en octobre, à Mana.", "2026-10", "planned", id="announced-later-this-year"),
        pytest.param("Publié le 10 février 2025\n\nLe contrat local de santé sera signé en janvier à Foix.", "2026-01", "planned", id="announced-for-next-january"),
        pytest.param("Publié le 5 mars 2024\n\nLe contrat local de santé a été signé fin novembre à Lodève.", "2023-11", "signed", id="done-last-november"),
        pytest.param("Le contrat local de santé 2021 a été signé en juin à Redon.", "2021-06", "signed", id="no-page-date-the-year-near-it"),
    ],
)
def test_a_month_alone_takes_its_year_from_the_page_s_date(record_of: Callable[[str], dict[str, Any]], text: str, iso: str, status: str) -> None:
    rec = record_of(text)
    assert (rec["signature"]["date"], rec["signature"]["status"], rec["signature"]["date_inferred"]) == (iso, status, True)
    assert any("signature month" in w for w in rec["warnings"]), rec["warnings"]


def test_a_relative_date_without_a_page_date_stays_null_with_a_warning(record_of: Callable[[str], dict[str, Any]]) -> None:
    rec = record_of("Le contrat local de santé a été signé hier à la mairie de Vesoul.")
    assert rec["signature"]["date"] is None
    assert any("hier" in w for w in rec["warnings"])


def test_the_date_of_a_vote_beside_the_signing_is_not_the_signing_s(record_of: Callable[[str], dict[str, Any]]) -> None:
    text = ("Le contrat local de santé du Val de Saône, approuvé par le conseil communautaire, mardi 8 octobre 2024, "
            "a été signé par l'agglomération et ses partenaires jeudi 14 novembre 2024.")
    assert record_of(text)["signature"]["date"] == "2024-11-14"


def test_dateparser_is_imported_only_for_the_mentions_it_reads() -> None:
    import subprocess
    import sys

    code = ("import sys; from clsx.extract import record_for_text; "
            "record_for_text('Le CLS a été signé le 3 mars 2023 à Vesoul.'); print('dateparser' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
