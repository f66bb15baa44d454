"""Which articles are one contract, and what the contract says: on the records clsx extracts
from the written variants of tests/data/contracts (a third generation, homonyms, no territory,
conflicting dates), the rules as a table of small records, and on the real articles of
../shared/contracts, grouping precision and recall against the grouping written by reading them."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import SHARED_CONTRACTS, VARIANT_CONTRACTS, needs_shared_contracts

from clsx.articles import article
from clsx.contract_scoring import score
from clsx.contracts import APART, SAME, as_dict, build, relation


def contracts_of(lines: list[str]) -> list[dict[str, Any]]:
    return [as_dict(d) for d in build(article(json.loads(line), line) for line in lines)]


def by_article(contracts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """file name -> the contract it is in."""
    return {Path(a["path"]).name: c for c in contracts for a in c["articles"]}


@pytest.fixture(scope="module")
def variants(set_lines: Callable[[Path], list[str]]) -> dict[str, dict[str, Any]]:
    return by_article(contracts_of(set_lines(VARIANT_CONTRACTS)))


def test_every_variant_is_in_exactly_one_contract(set_lines: Callable[[Path], list[str]]) -> None:
    lines = set_lines(VARIANT_CONTRACTS)
    contracts = contracts_of(lines)
    placed = sorted(Path(a["path"]).name for c in contracts for a in c["articles"])
    assert placed == sorted(p.name for p in (VARIANT_CONTRACTS / "texts").glob("*.txt"))
    assert len(placed) == len(lines) == 17


def test_a_planned_signing_joins_the_signed_one_and_signed_wins(variants: dict[str, dict[str, Any]]) -> None:
    c = variants["orbise-cls2-2018-signe.txt"]
    assert c is variants["orbise-cls2-2018-annonce.txt"]
    assert c["signature"]["status"]["value"] == "signed"
    assert c["signature"]["status"]["rule"] == "status"
    assert c["signature"]["status"]["conflicts"] == []  # announced, then signed: stages, not a disagreement
    assert [s["path"].rsplit("/", 1)[1] for s in c["signature"]["status"]["sources"]] == ["orbise-cls2-2018-signe.txt"]
    # the announcement recalls CLS 1's period; the signed report's period is chosen
    assert c["period"]["years"]["value"] == {"start_year": 2018, "end_year": 2022}
    assert c["number"]["value"] == 2


def test_generations_stay_apart_and_are_linked_in_order(variants: dict[str, dict[str, Any]]) -> None:
    one, two, three = (variants[f] for f in ("orbise-cls1-2014-cc.txt", "orbise-cls2-2018-signe.txt", "orbise-cls3-2023-ars.txt"))
    assert variants["orbise-cls1-2014-journal.txt"] is one
    assert len({one["contract_id"], two["contract_id"], three["contract_id"]}) == 3
    assert (one["previous"], one["next"]) == (None, two["contract_id"])
    assert (two["previous"], two["next"]) == (one["contract_id"], three["contract_id"])
    assert one["contract_id"].endswith("-cls1") and two["contract_id"].endswith("-cls2")


def test_homonyms_are_told_apart_by_department_or_code(variants: dict[str, dict[str, Any]]) -> None:
    jura, cher = variants["ambre-jura-2021-cc.txt"], variants["ambre-cher-2021-cc.txt"]
    assert variants["ambre-jura-2021-ars.txt"] is jura and jura is not cher
    assert (jura["territory"]["department_code"]["value"], cher["territory"]["department_code"]["value"]) == ("39", "18")
    alone = variants["ambre-sans-departement.txt"]
    assert len(alone["articles"]) == 1 and "territory_ambiguous" in alone["flags"]
    d93, d974 = variants["saint-denis-93-2022.txt"], variants["saint-denis-974-2022-mairie.txt"]
    assert (d93["territory"]["key"], d974["territory"]["key"]) == ("insee:93066", "insee:97411")
    assert variants["saint-denis-974-2022-presse.txt"] is d974


def test_disagreeing_dates_are_one_contract_with_the_conflict_listed(variants: dict[str, dict[str, Any]]) -> None:
    c = variants["lirac-2024-agglo.txt"]
    assert variants["lirac-2024-journal.txt"] is c is variants["lirac-2024-ars.txt"]
    date = c["signature"]["date"]
    assert (date["value"], date["rule"]) == ("2024-03-14", "support")
    assert [(a["value"], sorted(Path(s["path"]).name for s in a["sources"])) for a in date["conflicts"]] == [
        ("2024-03-14", ["lirac-2024-agglo.txt", "lirac-2024-ars.txt"]),
        ("2024-03-15", ["lirac-2024-journal.txt"]),
    ]
    assert "conflicts" in c["flags"]
    spans = {s["span"]["text"] for s in date["sources"]}
    assert any("14 mars 2024" in t for t in spans)


def test_an_article_about_no_contract_stays_alone(variants: dict[str, dict[str, Any]]) -> None:
    assert len(variants["aucun-territoire-ars.txt"]["articles"]) == 1


def test_lists_are_merged_by_name_keeping_the_best_written_form(variants: dict[str, dict[str, Any]]) -> None:
    c = variants["orbise-cls1-2014-cc.txt"]
    people = {s["name"]: s for s in c["signatories"]}
    assert "Hélène Varas" in people
    assert {Path(s["path"]).name for s in people["Hélène Varas"]["sources"]} == {"orbise-cls1-2014-cc.txt", "orbise-cls1-2014-journal.txt"}


def test_output_does_not_depend_on_the_input_order(set_lines: Callable[[Path], list[str]]) -> None:
    lines = set_lines(VARIANT_CONTRACTS)
    shuffled = lines[:]
    random.Random(7).shuffle(shuffled)
    assert json.dumps(contracts_of(lines)) == json.dumps(contracts_of(shuffled))
    assert [c["contract_id"] for c in contracts_of(lines[::-1])] == [c["contract_id"] for c in contracts_of(lines)]


def _rec(path: str, number: int | None = None, date: str | None = None, status: str | None = "signed",
         period: tuple[int | None, int | None] = (None, None), warnings: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record as clsx extract writes it, with only what grouping reads."""
    return {
        "doc_id": path, "source": {"path": path}, "cls_number": number, "warnings": list(warnings),
        "territory": {"name": "Communauté de communes du Val d'Ambre", "kind": "communaute_de_communes", "department_code": "39", "span": {"start": 0, "end": 1, "text": "x"}},
        "signature": {"date": date, "status": status}, "period": {"start_year": period[0], "end_year": period[1]},
    }


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (_rec("a", number=2), _rec("b", number=2), SAME),
        (_rec("a", number=1), _rec("b", number=2), APART),
        (_rec("a", number=1, date="2025-05-23"), _rec("b", number=2, date="2025-05-23"), SAME),  # the same signing day settles it
        (_rec("a", date="2019-09", status="planned"), _rec("b", date="2019-09-25"), SAME),
        (_rec("a", date="2018-12-01", status="planned"), _rec("b", date="2019-06-14"), SAME),  # announced, then signed within a year
        (_rec("a", date="2019-10-01", status="planned"), _rec("b", date="2019-06-14"), APART),  # announced after that signing: the next
        (_rec("a", date="2014"), _rec("b", date="2018-10-12"), APART),
        (_rec("a", date="2017"), _rec("b", date="2017-06-12"), SAME),
        (_rec("a", period=(2023, 2025)), _rec("b", period=(2023, 2025)), SAME),
        (_rec("a", period=(2019, 2023)), _rec("b", period=(2023, 2027)), APART),  # one generation ends as the next starts
        (_rec("a", period=(2018, 2022)), _rec("b", period=(2019, 2023)), SAME),
        (_rec("a", date="2023-11-16"), _rec("b", period=(2023, 2025)), SAME),  # signed as its period starts
        (_rec("a", date="2025-11-27"), _rec("b", period=(2019, 2021)), APART),
        (_rec("a", period=(None, 2029)), _rec("b", period=(2025, 2029)), SAME),
        (_rec("a"), _rec("b", number=3), None),
        # a year the extractor guessed is not evidence
        (_rec("a", date="2025-07-20", warnings=("year of the signature date guessed as the latest year in the text (2025); check it",)), _rec("b", date="2023-11-16"), None),
    ],
)
def test_relation(a: dict[str, Any], b: dict[str, Any], expected: str | None) -> None:
    x, y = article(a, json.dumps(a)), article(b, json.dumps(b))
    assert relation(x, y) == relation(y, x) == expected


def _with(rec: dict[str, Any], **signature: Any) -> dict[str, Any]:
    rec["signature"].update(signature)
    return rec


NOT_ABOUT = ("the text never mentions a contrat local de santé: is it about one?",)


@pytest.mark.parametrize(
    ("recs", "field", "value", "rule"),
    [
        ([_rec("a", date="2019-09-20", status="planned"), _rec("b", date="2019-09-25")], "date", "2019-09-25", "status"),
        ([_rec("a", date="2019-10"), _rec("b", date="2019-09-25")], "date", "2019-09-25", "precision"),
        ([_with(_rec("a", date="2024-03-14"), date_inferred=True), _rec("b", date="2024-03-15")], "date", "2024-03-15", "stated"),
        ([_rec("a", date="2024-03-14", warnings=("year of the signature date inferred from the weekday and the years in the text (2024)",)), _rec("b", date="2024-03-15")], "date", "2024-03-15", "stated"),
        ([_with(_rec("a", warnings=NOT_ABOUT), place="Laval"), _with(_rec("b"), place="Evron")], "place", "Evron", "about"),
        ([_with(_rec("a"), place="Laval"), _with(_rec("b"), place="Evron"), _with(_rec("c"), place="EVRON")], "place", "Evron", "support"),
        ([_with(_rec("a"), place="Laval"), _with(_rec("b"), place="Evron")], "place", "Evron", "order"),
        ([_with(_rec("a"), place="Evron"), _with(_rec("b"), place="EVRON")], "place", "Evron", "agree"),
    ],
)
def test_choice_rules(recs: list[dict[str, Any]], field: str, value: str, rule: str) -> None:
    (contract,) = build(article(r, json.dumps(r)) for r in recs)
    choice = contract.fields["signature"][field]
    assert (choice["value"], choice["rule"]) == (value, rule)
    assert bool(choice["conflicts"]) == (rule != "agree")


def test_a_territory_with_one_generation_is_one_contract() -> None:
    """Nothing points to a second generation: a number, a date and nothing at all are one contract."""
    recs = [_rec("a", number=1), _rec("b", date="2021-02-08"), _rec("c")]
    (only,) = build(article(r, json.dumps(r)) for r in recs)
    assert [a.path for a in only.articles] == ["a", "b", "c"]


def test_articles_saying_nothing_of_the_generation_stay_apart_when_there_are_several() -> None:
    recs = [_rec("a", number=1, date="2014-04-03"), _rec("b", number=2, date="2018-10-12"), _rec("c"), _rec("d")]
    drafts = build(article(r, json.dumps(r)) for r in recs)
    assert [[a.path for a in d.articles] for d in drafts] == [["a"], ["b"], ["c", "d"]]
    assert drafts[2].flags == {"generation_unknown"}
    assert (drafts[0].next, drafts[1].previous, drafts[1].next) == (drafts[1].contract_id, drafts[0].contract_id, None)


@pytest.mark.parametrize(("status", "placed"), [("signed", "first"), ("planned", "last")])
def test_a_contract_of_unknown_generation_is_placed_by_its_status(status: str, placed: str) -> None:
    recs = [_rec("a", number=2, date="2019-05-01"), _rec("b", number=3, date="2024-01-09"), _rec("c", status=status)]
    drafts = {d.articles[0].path: d for d in build(article(r, json.dumps(r)) for r in recs)}
    unknown, second, third = drafts["c"], drafts["a"], drafts["b"]
    assert unknown.flags == {"generation_unknown", "order_inferred"}
    if placed == "first":
        assert (unknown.previous, unknown.next, second.previous) == (None, second.contract_id, unknown.contract_id)
    else:
        assert (third.next, unknown.previous, unknown.next) == (unknown.contract_id, third.contract_id, None)


def _shared_score(set_lines: Callable[[Path], list[str]]) -> dict[str, Any]:
    gold = json.loads((SHARED_CONTRACTS / "groups.json").read_text(encoding="utf-8"))
    return score(contracts_of(set_lines(SHARED_CONTRACTS)), gold)


@needs_shared_contracts
def test_no_real_article_is_lost_or_placed_twice(set_lines: Callable[[Path], list[str]]) -> None:
    res = _shared_score(set_lines)
    assert res["articles"] == len(set_lines(SHARED_CONTRACTS)) == 43
    assert res["lost"] == [] and res["twice"] == []


@needs_shared_contracts
def test_real_articles_of_one_signing_are_one_contract(set_lines: Callable[[Path], list[str]]) -> None:
    """What the real set shows today, where the records carry what grouping needs."""
    c = by_article(contracts_of(set_lines(SHARED_CONTRACTS)))
    lens = c["lens-lievin-2019-agglo.txt"]
    assert c["lens-lievin-2019-dossier-presse.txt"] is lens and lens["signature"]["status"]["value"] == "signed"
    assert lens["signature"]["date"]["value"] == "2019-09-25"
    cornouaille = c["cornouaille-2023-ars.txt"]
    assert c["cornouaille-2023-qcd.txt"] is cornouaille is c["cornouaille-copil-lancement-douarnenez.txt"]
    assert c["cob-cls2-2017-richardferrand.txt"] is c["cob-cls2-pays-site.txt"]
    assert c["cob-cls2-pays-site.txt"]["next"] == c["cob-cls3-2024-ars.txt"]["contract_id"]
    assert c["tdc-cls1-presentation.txt"] is c["tdc-cls1-signature-moissac.txt"]
    assert c["tdc-cls1-presentation.txt"]["next"] == c["tdc-cls2-2023-presentation.txt"]["contract_id"]
    cap = c["capatlantique-2025-signature.txt"]
    assert c["capatlantique-2025-page-cls.txt"] is cap
    assert {a["value"] for a in cap["axes_announced"]["conflicts"]} == {3, 4}  # 'trois axes prioritaires' / 'quatre grandes thématiques'


@pytest.mark.parametrize(
    "folder",
    [
        pytest.param(SHARED_CONTRACTS, marks=needs_shared_contracts, id="shared"),
        pytest.param(VARIANT_CONTRACTS, id="variants"),
    ],
)
def test_grouping_precision_and_recall_reach_095(set_lines: Callable[[Path], list[str]], folder: Path) -> None:
    gold = json.loads((folder / "groups.json").read_text(encoding="utf-8"))
    res = score(contracts_of(set_lines(folder)), gold)
    assert res["precision"] >= 0.95 and res["recall"] >= 0.95, res


def test_variant_grouping_precision_is_perfect(set_lines: Callable[[Path], list[str]]) -> None:
    gold = json.loads((VARIANT_CONTRACTS / "groups.json").read_text(encoding="utf-8"))
    res = score(contracts_of(set_lines(VARIANT_CONTRACTS)), gold)
    assert res["precision"] == 1.0 and res["wrong_pairs"] == []
    assert res["lost"] == [] and res["twice"] == []
