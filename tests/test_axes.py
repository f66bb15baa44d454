"""The CLS's strategic axes, in order, with the announced count and fiches actions
(record["axes"], ["axes_announced"], ["actions_count"])."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[[str], dict[str, Any]]

T = True
F = False


@pytest.mark.parametrize(
    ("text", "axes", "announced"),
    [
        pytest.param(
            "Le CLS a été signé le 12 juin 2018. Compte tenu du diagnostic, 5 axes stratégiques ont été identifiés pour les Coëvrons :\n\n"
            "  • Accompagner le bien vieillir et notamment le maintien à domicile sur le territoire,\n  • Renforcer l’accès à la santé,\n"
            "  • Axe transversal : Améliorer l’accès aux services de santé.\n\nCe partenariat se concrétisera prochainement.",
            [("Accompagner le bien vieillir et notamment le maintien à domicile sur le territoire", F), ("Renforcer l’accès à la santé", F),
             ("Améliorer l’accès aux services de santé", T)],
            5, id="coevrons-bullets+axe-transversal",
        ),
        pytest.param(
            "Le CLS 2021-2025 s'organise en quatre axes :\n\nAxe 1 : Favoriser l'installation et le maintien des professionnels de santé\n"
            "Accueil des internes, soutien aux maisons de santé pluriprofessionnelles.\n\nAxe 2 : Promouvoir la santé mentale et prévenir le suicide\n"
            "Formation de sentinelles, déploiement des premiers secours en santé mentale.\n\nAu total, 24 fiches actions déclinent ces orientations.",
            [("Favoriser l'installation et le maintien des professionnels de santé", F), ("Promouvoir la santé mentale et prévenir le suicide", F)],
            4, id="d01-axe-1-prefix-description-line-skipped",
        ),
        pytest.param(
            "Considérant que le projet de contrat s'articule autour de quatre axes, dont un axe transversal :\n"
            "A. Favoriser l'accès aux soins et l'installation de professionnels de santé ;\nB. Développer la prévention et la promotion de la santé ;\n"
            "C. Soutenir le parcours des personnes âgées ;\nD. Axe transversal : agir pour un environnement favorable à la santé ;\n\n"
            "Après en avoir délibéré, le Conseil communautaire approuve.",
            [("Favoriser l'accès aux soins et l'installation de professionnels de santé", F), ("Développer la prévention et la promotion de la santé", F),
             ("Soutenir le parcours des personnes âgées", F), ("agir pour un environnement favorable à la santé", T)],
            4, id="d15-lettered",
        ),
        pytest.param(
            "Trois grandes orientations\n\nLes partenaires ont retenu trois grandes orientations. Il s'agit d'abord de maintenir une offre de soins de proximité, "
            "en accompagnant les projets de maisons de santé. Le contrat vise ensuite à favoriser le bien vieillir à domicile, grâce au repérage des personnes isolées. "
            "Il entend enfin promouvoir un environnement favorable à la santé, en s'appuyant sur les compétences du Parc.",
            [("maintenir une offre de soins de proximité", F), ("favoriser le bien vieillir à domicile", F), ("promouvoir un environnement favorable à la santé", F)],
            3, id="d12-prose-dabord-ensuite-enfin",
        ),
        pytest.param(
            "4 Objectifs de santé pour la CCVBA\n\n  • Prévention et promotion de la santé (ex : Stand lors de Foires locales pour inviter la population)\n"
            "  • Accès aux soins et offre de santé (ex : suivis et accueils de nouveaux professionnels en Maison de Santé)\n"
            "  • Parcours de soin des personnes âgées, (ex : Sensibilisation à la vaccination contre covid 19\n\n  • Consultez :\n\nl’intégralité du Questionnaire.",
            [("Prévention et promotion de la santé", F), ("Accès aux soins et offre de santé", F), ("Parcours de soin des personnes âgées", F)],
            4, id="ccvba-ex-asides-dropped",
        ),
        pytest.param(
            "Cette démarche a permis d’identifier trois axes stratégiques d’intervention :\n>> favoriser l’attractivité globale du territoire\n"
            ">> promouvoir la santé des enfants et des jeunes\n\nDeux axes transversaux ont également été mis en exergue quant à la prise en charge dans\n"
            "l’accès aux soins:\n>> des personnes en situation de handicap,\n>> des populations vieillissantes.\n\n QU’EST CE QUE L’ARS ?",
            [("favoriser l’attractivité globale du territoire", F), ("promouvoir la santé des enfants et des jeunes", F),
             ("des personnes en situation de handicap", T), ("des populations vieillissantes", T)],
            3, id="lens-axes-transversaux",
        ),
        pytest.param(
            "Le contrat s'articule autour de trois axes : l'accès aux soins de premier recours, la santé mentale des adolescents et le bien vieillir à domicile. "
            "Pour chacun, des groupes de travail se réuniront.",
            [("l'accès aux soins de premier recours", F), ("la santé mentale des adolescents", F), ("le bien vieillir à domicile", F)],
            3, id="d02-inline-run-on",
        ),
        pytest.param(
            "Le contrat retient trois priorités : l'accès aux soins, avec la création d'un centre de santé municipal d'ici 2025 ; "
            "la prévention des addictions chez les jeunes ; la santé des seniors isolés, notamment dans les hameaux éloignés du centre-bourg.",
            [("l'accès aux soins", F), ("la prévention des addictions chez les jeunes", F), ("la santé des seniors isolés", F)],
            3, id="d10-inline-semicolons",
        ),
        pytest.param(
            "Le CLS comprend 6 axes stratégiques :\n1. Améliorer l'accès aux soins de premier recours et l'at-\n   tractivité du territoire\n"
            "2. Favoriser le repérage et la prise en charge de la souf-\n   france psychique\n\nLes partenaires signataires sont le Conseil départemental du Nord.",
            [("Améliorer l'accès aux soins de premier recours et l'attractivité du territoire", F),
             ("Favoriser le repérage et la prise en charge de la souffrance psychique", F)],
            6, id="d04-numbered-pdf-hyphenation-count-differs",
        ),
        pytest.param(
            "Orientation 1 – Faciliter l'accès aux soins et à la prévention\nOrientation 2 – Accompagner les personnes âgées et leurs aidants\n"
            "Orientation 3 – Prendre soin de la santé mentale des jeunes\n\nChaque orientation est portée par un groupe de travail.",
            [("Faciliter l'accès aux soins et à la prévention", F), ("Accompagner les personnes âgées et leurs aidants", F),
             ("Prendre soin de la santé mentale des jeunes", F)],
            None, id="d14-prefixed-lines-without-cue",
        ),
        pytest.param(
            "Le diagnostic fait apparaître :\n- un vieillissement marqué de la population ;\n- une densité de médecins faible.\n\nLe CLS a été signé.",
            [], None, id="a-list-of-needs-is-not-axes",
        ),
        pytest.param(
            "Le contrat s'articule autour de trois axes :\n"
            "- L'accès aux soins : lutter contre la désertification médicale et renforcer l'accompagnement\n"
            "- La santé mentale : sensibiliser les élus et améliorer la prise en charge des troubles psychiques\n"
            "- Modes de vie : alimentation, activité physique, sommeil\n\nFin.",
            # the list is written 'label : explanation': every label stops at its colon (as the real
            # annotations read 'Autonomie et inclusion des personnes vulnérables : soutien aux aidants, …')
            [("L'accès aux soins", F), ("La santé mentale", F), ("Modes de vie", F)],
            3, id="heading-before-a-colon-in-a-label-colon-explanation-list",
        ),
        pytest.param(
            "En signant son contrat local de santé, la commune s'est dotée d'un cadre : le CLS établit trois axes de travail autour de "
            "la nutrition, de l'accès aux soins de premier recours et de la santé des aînés. Fin.",
            [("la nutrition", F), ("l'accès aux soins de premier recours", F), ("la santé des aînés", F)],
            3, id="counted-axes-autour-de-an-inline-list",
        ),
        pytest.param(
            "Le CLS décline 2 priorités de santé sur le territoire aiglon :\n\n• l'accès à la santé des enfants et notamment des populations fragilisées (10 fiches actions)\n\n"
            "• le mal-être et les troubles psychosociaux des jeunes – les conduites addictives (6 fiches actions).\n\nLes premières actions débuteront en janvier 2014.",
            [("l'accès à la santé des enfants et notamment des populations fragilisées", F),
             ("le mal-être et les troubles psychosociaux des jeunes – les conduites addictives", F)],
            2, id="laigle-fiches-actions-aside-before-a-full-stop",
        ),
        # a counted cue, a verb, then the list in the sentence ('portent sur', 'concernent')
        pytest.param(
            "Le contrat local de santé a été signé. Les trois axes retenus portent sur l'accès aux soins de premier recours, "
            "la prévention et l'éducation à la santé des jeunes, et le maintien à domicile des personnes âgées.",
            [("l'accès aux soins de premier recours", F), ("la prévention et l'éducation à la santé des jeunes", F), ("le maintien à domicile des personnes âgées", F)],
            3, id="counted-axes-portent-sur-a-list",
        ),
        pytest.param(
            "Le CLS a été signé en mai. Ses trois axes concernent la santé mentale, l'accès aux droits et la nutrition des enfants.",
            [("la santé mentale", F), ("l'accès aux droits", F), ("la nutrition des enfants", F)],
            3, id="counted-axes-concernent-a-list",
        ),
        pytest.param(
            "Le CLS a été signé en mai. Les quatre axes portent sur la santé mentale et l'accès aux droits.",
            [], 4, id="a-list-that-does-not-match-its-count-is-not-read",
        ),
        # the sentence announces axes and a transversal one: the lines say which is transversal
        pytest.param(
            "Le contrat retient trois axes stratégiques et un axe transversal :\n\nAxe 1 – Réduire les inégalités d'accès aux soins\n"
            "Axe 2 – Promouvoir la santé mentale\nAxe 3 – Agir sur l'environnement\nAxe transversal – Développer la participation des habitants\n\nFin.",
            [("Réduire les inégalités d'accès aux soins", F), ("Promouvoir la santé mentale", F), ("Agir sur l'environnement", F),
             ("Développer la participation des habitants", T)],
            3, id="the-lines-say-which-axis-is-transversal",
        ),
        pytest.param(
            "Les deux axes transversaux du contrat local de santé sont les suivants :\n- La participation des habitants\n- La santé environnementale\n\nFin.",
            [("La participation des habitants", T), ("La santé environnementale", T)],
            None, id="a-list-of-transversal-axes-only",
        ),
    ],
)
def test_axes(record_of: Record, text: str, axes: list[tuple[str, bool]], announced: int | None) -> None:
    rec = record_of(text)
    assert [(a["label"], a["transversal"]) for a in rec["axes"]] == axes
    assert rec["axes_announced"] == announced
    for a in rec["axes"]:
        assert text[a["span"]["start"] : a["span"]["end"]] == a["span"]["text"]


def test_count_differing_from_the_list_warns(record_of: Record) -> None:
    rec = record_of("Le CLS comprend 6 axes stratégiques :\n1. Améliorer l'accès aux soins\n2. Développer la prévention\n\nFin du communiqué.")
    assert any("announces 6 axes but lists 2" in w for w in rec["warnings"])


@pytest.mark.parametrize(
    ("text", "actions"),
    [
        pytest.param(
            "Le CLS comprend quatre axes :\n- Renforcer l'offre de soins\n- Prévenir les addictions\n\nCes axes se déclinent en 21 fiches actions.", 21, id="d11-total",
        ),
        pytest.param(
            "Le contrat s'articule autour de trois axes :\n- Prévenir les addictions\n- Promouvoir la santé mentale\n\nAu total, 24 fiches actions déclinent ces orientations.",
            24, id="d01-total",
        ),
        pytest.param("Le contrat s'articule autour de trois axes :\n- Prévenir les addictions\n- Promouvoir la santé mentale\n\nFin.", None, id="unsaid"),
        pytest.param(
            "Il décline 2 priorités de santé :\n\n• l'accès à la santé des enfants (10 fiches actions)\n\n• le mal-être des jeunes (6 fiches actions).\n\nFin.",
            16, id="laigle-summed-per-axis",
        ),
    ],
)
def test_actions_count(record_of: Record, text: str, actions: int | None) -> None:
    assert record_of(text)["actions_count"] == actions


@pytest.mark.parametrize(
    ("text", "axes"),
    [
        pytest.param(
            "Le contrat a été signé pour la période 2023-2027.\n\nLe programme pour 2023-2027\n- Accès aux soins\n- Santé mentale\n- Prévention des addictions\n",
            ["Accès aux soins", "Santé mentale", "Prévention des addictions"], id="a-heading-naming-the-plan-and-its-period",
        ),
        pytest.param(
            "Le CLS 2022-2026 est signé.\n\nLe plan pour 2022-2026\n- Accès aux soins\n- Bien vieillir\n\nLes actions prioritaires pour 2022\n- Ouvrir un centre de santé\n- Recruter un coordinateur\n",
            ["Accès aux soins", "Bien vieillir"], id="one-year-s-work-plan-beside-the-contract-s-axes",
        ),
        pytest.param(
            "Trois grands axes ont été retenus\nFavoriser l'accès aux soins\n- Soutenir les maisons de santé\n- Accueillir les internes\n"
            "Promouvoir la santé mentale\n- Former des sentinelles\nAgir sur l'environnement\n- Mesurer la qualité de l'air\n",
            ["Favoriser l'accès aux soins", "Promouvoir la santé mentale", "Agir sur l'environnement"], id="two-level-list-the-headings-are-the-axes",
        ),
        pytest.param(
            "Le CLS repose sur trois axes prioritaires :\n- Nutrition et activité physique : manger mieux et bouger plus\n"
            "- Santé mentale : repérage et accompagnement des jeunes\n- Accès aux droits : ouverture d'un guichet unique\n",
            ["Nutrition et activité physique", "Santé mentale", "Accès aux droits"], id="label-colon-explanation-list",
        ),
        pytest.param(
            "Le Projet régional de santé Grand Est est bâti autour de 3 grandes priorités :\n- Prévenir\n- Soigner\n- Accompagner\n",
            [], id="another-plan-s-priorities",
        ),
        pytest.param(
            "Il a été décidé de travailler sur 3 axes :\n- Axe 1 : Améliorer la prévention\n- Axe 2 : Renforcer les soins de proximité\n- Axe 3 : Agir pour les",
            ["Améliorer la prévention", "Renforcer les soins de proximité"], id="an-item-cut-by-the-end-of-the-excerpt",
        ),
    ],
)
def test_axes_without_the_usual_cue_or_shape(record_of: Record, text: str, axes: list[str]) -> None:
    assert [a["label"] for a in record_of(text)["axes"]] == axes


@pytest.mark.parametrize("line", ["Axe\n", "• Axe\n", "- priorité\n"])
def test_a_long_run_of_cue_lines_costs_linear_work(record_of: Record, line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Les axes du contrat local de santé :' then thousands of lines that are cues themselves: each
    line is read a bounded number of times (today's count, not a timer)."""
    import clsx.fields.axes as axes

    calls = {"n": 0}
    real = axes._clean_label

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(axes, "_clean_label", counted)
    work = []
    for n in (500, 2000):
        calls["n"] = 0
        from clsx.extract import record_for_text

        record_for_text("Les axes du contrat local de santé :\n" + line * n)
        work.append(calls["n"])
    assert work[1] <= 4.5 * work[0], work
