"""`clsx contracts` as a user runs it: records in (files, stdin, a JSON array), one contract a
line out (validated by `clsx schema --contract`), CSV with the codes as columns, every input
line accounted for, the same bytes whatever the input order, and one-line usage errors."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import VARIANT_CONTRACTS, jsonl, run_cli, stderr_lines

ERROR_RECORD = {"schema_version": "1", "source": {"path": "scan.pdf"}, "error": {"type": "no_text", "message": "the PDF has no text layer"}}


@pytest.fixture(scope="module")
def records_file(tmp_path_factory: pytest.TempPathFactory, set_lines: Callable[[Path], list[str]]) -> Path:
    path = tmp_path_factory.mktemp("contracts") / "records.jsonl"
    path.write_text("".join(line + "\n" for line in set_lines(VARIANT_CONTRACTS)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def run(records_file: Path) -> Any:
    return run_cli("contracts", str(records_file))


def test_one_contract_a_line_validating_against_the_contract_schema(run: Any) -> None:
    assert run.returncode == 0, run.stderr.decode()
    schema = json.loads(run_cli("schema", "--contract").stdout)
    rows = jsonl(run.stdout)
    for row in rows:
        jsonschema.Draft202012Validator(schema).validate(row)
    assert sum(len(r["articles"]) for r in rows) == 17
    assert len({r["contract_id"] for r in rows}) == len(rows) == 10  # 'aucun-territoire-ars' names no territory


def test_summary_on_stderr(run: Any) -> None:
    assert stderr_lines(run.stderr) == ["clsx: 17 article(s) in 10 contract(s) (1 unplaced); 0 line(s) skipped (0 error record(s))"]


def test_stdin_and_files_give_the_same_bytes_whatever_the_order(run: Any, records_file: Path, tmp_path: Path) -> None:
    lines = records_file.read_text(encoding="utf-8").split("\n")[:-1]
    random.Random(3).shuffle(lines)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(x + "\n" for x in lines[:8]), encoding="utf-8")
    b.write_text("".join(x + "\n" for x in lines[8:]), encoding="utf-8")
    assert run_cli("contracts", str(b), str(a)).stdout == run.stdout
    assert run_cli("contracts", "-", stdin=records_file.read_bytes()).stdout == run.stdout
    assert run_cli("contracts", str(records_file)).stdout == run.stdout


def test_a_json_array_reads_like_jsonl(run: Any, records_file: Path, tmp_path: Path) -> None:
    rows = [json.loads(x) for x in records_file.read_text(encoding="utf-8").split("\n")[:-1]]
    array = tmp_path / "records.json"
    array.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    assert run_cli("contracts", str(array)).stdout == run.stdout


def test_error_records_and_bad_lines_are_listed_never_lost(records_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = records_file.read_text(encoding="utf-8").split("\n")[:2]
    # a U+2028 inside a value is not a line break; a cut line, a list and invalid UTF-8 are skipped
    odd = json.loads(good[0])
    odd["title"] = "Titre\u2028suite"
    body = "\n".join([good[1], json.dumps(ERROR_RECORD), '{"doc_id": "cut', "[1, 2]", json.dumps(odd, ensure_ascii=False)]).encode("utf-8")
    path.write_bytes(body + b"\n\xff\xfe not utf-8\n\n")
    done = run_cli("contracts", str(path))
    assert done.returncode == 1
    rows = jsonl(done.stdout)
    skipped = [r["skipped"] for r in rows if "skipped" in r]
    contracts = [r for r in rows if "contract_id" in r]
    assert sum(len(c["articles"]) for c in contracts) == 2
    assert {s["reason"].split(" (")[0].split(":")[0] for s in skipped} == {"error record", "not a JSON line", "not a clsx record", "not UTF-8"}
    assert next(s for s in skipped if s["reason"].startswith("error record"))["path"] == "scan.pdf"
    assert any("Titre\u2028suite" == a["title"] for c in contracts for a in c["articles"])
    err = stderr_lines(done.stderr)
    assert [line.split(": ")[1].split(":")[1] for line in err[:3]] == ["3", "4", "6"]
    assert err[-1].endswith("4 line(s) skipped (1 error record(s))")


def test_csv_has_one_row_per_contract_with_the_codes(run: Any, records_file: Path) -> None:
    done = run_cli("contracts", str(records_file), "--format", "csv")
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode("utf-8")
    assert text.split("\r\n")[0].startswith("contract_id,territory_name,territory_kind,territory_siren,territory_insee_code")
    rows = list(csv.DictReader(io.StringIO(text)))
    contracts = jsonl(run.stdout)
    assert [r["contract_id"] for r in rows] == [c["contract_id"] for c in contracts]
    by_id = {r["contract_id"]: r for r in rows}
    d974 = next(c for c in contracts if c["territory"]["key"] == "insee:97411")
    row = by_id[d974["contract_id"]]
    assert (row["territory_insee_code"], row["territory_department_code"], row["territory_official_region"]) == ("97411", "974", "La Réunion")
    assert row["articles_path"].count(" | ") == 1
    lirac = next(r for r in rows if "lirac-2024-journal.txt" in r["articles_path"])
    assert (lirac["signature_date"], lirac["period_start_year"], lirac["territory_department_code"]) == ("2024-03-14", "2024", "30")
    assert "signature.date" in lirac["conflicts"].split(" | ")


def test_output_file_and_html(records_file: Path, tmp_path: Path, run: Any) -> None:
    out, page = tmp_path / "c.jsonl", tmp_path / "o.html"
    done = run_cli("contracts", str(records_file), "-o", str(out), "--html", str(page))
    assert done.returncode == 0 and done.stdout == b""
    assert out.read_bytes() == run.stdout
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "file not found: missing.jsonl"),
        (["-", "-"], "stdin (-) can be read only once"),
        (["{records}", "--format", "xml"], "unknown format 'xml'; one of: jsonl, csv"),
        (["{records}", "--review", "review.html"], "--review needs --html (the overview page links to it)"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(records_file: Path, args: list[str], message: str) -> None:
    done = run_cli("contracts", *[a.format(records=records_file) for a in args])
    assert done.returncode == 2
    assert stderr_lines(done.stderr) == [f"Error: {message}"]
    assert done.stdout == b""


def test_a_broken_json_array_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    done = run_cli("contracts", str(bad))
    assert done.returncode == 2
    (line,) = stderr_lines(done.stderr)
    assert line.startswith(f"Error: {bad}: not a JSON array of records")


ODD_VALUES = [
    {"cls_number": "2", "axes_announced": True, "actions_count": 1.5},
    {"territory": {"name": 12, "kind": "zone", "siren": 123, "department_code": 29, "span": {"start": -1, "end": "x", "text": None}}},
    {"territory": "Saint-Martin", "region": ["Guadeloupe"]},
    {"signature": {"date": "2023-13-45", "status": "done", "place": ["x"], "span": "s"}},
    {"signature": None, "period": {"start_year": "2019", "end_year": 2021.0, "duration_years": "3"}},
    {"signatories": [{"name": None}, {"name": "Jean DUPONT", "title": 3, "organization": {"a": 1}}, "x"], "partners": "ARS", "axes": [{"label": "Santé", "transversal": "yes"}]},
    {"coordinator": {"name": 5, "title": "coordinatrice"}, "funding": [{"amount_eur": "10", "funder": 3}, {"amount_eur": float("nan")}, {"amount_eur": 10000, "funder": None}]},
    {"warnings": "year of the signature date guessed", "doc_id": None, "title": 5, "source": {"path": 7}},
    {"territory": {"name": "Ville de Matoury", "siren": "1", "rule": "territory-from-title", "span": {"start": 0, "end": 4, "text": "Vill"}}},
]


def test_records_with_odd_values_give_valid_contracts(records_file: Path, tmp_path: Path) -> None:
    """A record from another tool or a newer clsx may carry anything: what does not fit is left out, never a traceback."""
    base = json.loads(records_file.read_text(encoding="utf-8").split("\n")[0])
    path = tmp_path / "odd.jsonl"
    path.write_text("".join(json.dumps({**base, **odd, "doc_id": odd.get("doc_id", f"{i:016d}")}) + "\n" for i, odd in enumerate(ODD_VALUES)), encoding="utf-8")
    done = run_cli("contracts", str(path))
    assert done.returncode == 0, done.stderr.decode()
    schema = json.loads(run_cli("schema", "--contract").stdout)
    rows = jsonl(done.stdout)
    for row in rows:
        jsonschema.Draft202012Validator(schema).validate(row)
    assert sum(len(r["articles"]) for r in rows) == len(ODD_VALUES)
    matoury = next(r for r in rows if r["territory"]["name"]["value"] == "Ville de Matoury")
    assert matoury["territory"]["name"]["sources"][0]["rule"] == "territory-from-title"  # the optional rule id is carried
