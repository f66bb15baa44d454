"""The rule report (clsx eval --rules, clsx/rules_report.py) on the dev set: every rule says where it
fired and whether its candidates were chosen and right; single-document lexicon entries give a reason."""

from __future__ import annotations

import json
import pytest
from helpers import DEV_GOLD, DEV_TEXTS, REAL_TEXTS, SHARED, needs_dev, run_cli

from clsx.rules_report import Report, run, table


@pytest.fixture(scope="module")
def dev_report(nlp: object) -> Report:
    if not DEV_TEXTS.is_dir():
        pytest.skip("../shared/dev is not beside this checkout")
    return run(sorted(str(p) for p in DEV_TEXTS.glob("*.txt")), DEV_GOLD)


@needs_dev
def test_the_report_covers_every_field_on_the_dev_set(dev_report: Report) -> None:
    fields = {r.split(".")[0] for r in dev_report.rules}
    assert {"territory", "region", "cls_number", "date", "place", "period", "signatory", "partner", "axes", "coordinator"} <= fields
    assert dev_report.documents == 20


@needs_dev
def test_what_the_main_rules_choose_on_the_dev_set_is_right(dev_report: Report) -> None:
    for rule in ("territory.kind_name", "region.after_ars", "partner.cue", "signatory.signing_sentence", "axes.lines", "date.day_month"):
        row = dev_report.rules[rule]
        assert row.chosen >= 5 and row.chosen_right == row.chosen and row.chosen_wrong == 0, row


@needs_dev
def test_a_table_row_per_rule_with_its_figures(dev_report: Report) -> None:
    rows = {r[0]: r for r in table(dev_report)}
    kind_name = rows["territory.kind_name"]
    assert kind_name[1] == "20" and kind_name[-1] == "1.00"


def test_single_document_lexicon_entries_say_why_they_are_kept(nlp: object) -> None:
    """Over every text with gold we have (dev, tests/data/real and, beside the checkout, ../shared/real)."""
    texts = sorted(REAL_TEXTS.glob("*.txt")) + sorted(DEV_TEXTS.glob("*.txt")) + sorted((SHARED / "real" / "texts").glob("*.txt"))
    report = run([str(p) for p in texts], None)
    assert report.documents == len(texts) >= 15
    assert report.single_without_reason() == []


@needs_dev
def test_clsx_eval_rules_prints_the_report_as_json() -> None:
    done = run_cli("eval", "--rules", "--json", "--gold", str(DEV_GOLD), str(DEV_TEXTS))
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["documents"] == 20
    assert any(r["rule"] == "partner.cue" and r["chosen_right"] > 50 for r in data["rules"])
