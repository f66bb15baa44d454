"""Records read back (clsx/texts.py `read_records`, what `clsx review`, `clsx show` and any other
reader of clsx's output use): every line `clsx extract` writes reads back as the same record,
split on "\\n" only; a JSON value that is not a valid record becomes a `bad_record` error naming
its line, and the drawers survive it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from invariants import LINE_BREAKERS, check_round_trip, line_breaking_text
from typer.testing import CliRunner

from clsx.cli import app
from clsx.review import page
from clsx.show import renderable
from clsx.texts import RecordsError, json_lines, read_records

TEXT = (
    "Le contrat local de santé de la communauté de communes du Val a été signé le 3 mai 2022 à Valdor "
    "par la présidente de la communauté de communes et le directeur de l'ARS Bretagne.\n"
)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> dict[str, Any]:
    from clsx.extract import extract_path

    path = tmp_path_factory.mktemp("src") / "val.txt"
    path.write_text(TEXT, encoding="utf-8")
    rec = extract_path(str(path), with_text=True)
    assert rec["territory"]["span"]["end"] > 0 and rec["signature"]["date"] == "2022-05-03"
    return rec


@pytest.mark.parametrize("breaker", LINE_BREAKERS)
def test_a_text_holding_a_line_breaking_character_reads_back(tmp_path: Path, nlp: Any, breaker: str) -> None:
    from clsx.output import read_done

    rec = check_round_trip(TEXT.replace(" à Valdor", f" à{breaker}Valdor"), tmp_path)
    assert breaker in rec["text"]
    done = read_done(tmp_path / "out.jsonl")  # what --resume reads: the same one line
    assert done.records == {(rec["source"]["path"], rec["doc_id"]): 1} and done.dropped == 0  # counted: one line


def test_json_lines_split_on_newline_only() -> None:
    raw = '{"a": "x\u2028y\u2029z\x85w"}\n\n{"b": 1}\r\n'
    assert [(n, json.loads(line)) for n, line in json_lines(raw)] == [(1, {"a": "x\u2028y\u2029z\x85w"}), (3, {"b": 1})]


ROUND_TRIP = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@ROUND_TRIP
@given(text=line_breaking_text())
def test_every_line_extract_writes_reads_back_as_the_same_record(text: str, tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> None:
    check_round_trip(text, tmp_path_factory.mktemp("rt"))


def _broken(good: dict[str, Any], how: str) -> dict[str, Any]:
    r = json.loads(json.dumps(good))
    if how == "offset is a string":
        r["territory"]["span"]["start"] = str(r["territory"]["span"]["start"])
    elif how == "span without end":
        del r["signature"]["span"]["end"]
    elif how == "territory is a string":
        r["territory"] = "Val"
    elif how == "negative offset":
        r["territory"]["span"]["start"] = -3
    elif how == "warnings not a list":
        r["warnings"] = "check"
    elif how == "source is a list":
        r["source"] = ["val.txt"]
    elif how == "error is a string":
        r = {"schema_version": "1", "source": {"path": "x.txt"}, "error": "bad"}
    return r


BROKEN = [
    ("offset is a string", "territory.span.start: Input should be a valid integer"),
    ("span without end", "signature.span.end: Field required"),
    ("territory is a string", "territory: Input should be a valid dictionary or instance of Territory"),
    ("negative offset", "territory.span.start: Input should be greater than or equal to 0"),
    ("warnings not a list", "warnings: Input should be a valid list"),
    ("source is a list", "source: Input should be a valid dictionary or instance of Source"),
    ("error is a string", "error: Input should be a valid dictionary or instance of ErrorInfo"),
]


@pytest.mark.parametrize(("how", "said"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_malformed_record_is_a_bad_record_naming_its_line(tmp_path: Path, good: dict[str, Any], how: str, said: str) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps(_broken(good, how), ensure_ascii=False) + "\n", encoding="utf-8")
    rows = read_records(path)
    assert rows[0] == good
    assert rows[1]["error"]["type"] == "bad_record"
    assert rows[1]["error"]["message"] == f"{path}:2: not a clsx record: {said}"
    html = page(rows, [good["text"], None])
    assert html.count('<section class="doc"') == 2 and "bad_record" in html
    renderable(rows[1], None)


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("[" * 100_000 + "]" * 100_000, "unreadable JSON (RecursionError"),
        ('{"cls_number": ' + "9" * 5000 + "}", "unreadable JSON (ValueError"),
        ("42", "not a JSON object but int"),
        ('"a string"', "not a JSON object but str"),
    ],
    ids=["nested-100000-deep", "5000-digit-number", "a-number", "a-string"],
)
def test_json_that_python_cannot_take_is_a_bad_record(tmp_path: Path, good: dict[str, Any], line: str, said: str) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(line + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    rows = read_records(path)
    assert rows[1] == good
    assert rows[0]["error"]["type"] == "bad_record" and rows[0]["error"]["message"].startswith(f"{path}:1: not a clsx record: {said}")


def test_an_escaped_lone_surrogate_reads_as_a_replacement_character(tmp_path: Path, good: dict[str, Any]) -> None:
    """One character for one: the spans still index the text."""
    start = good["territory"]["span"]["start"]
    line = json.dumps(good, ensure_ascii=True).replace('"text": "Le contrat', '"text": "\\ud800e contrat')
    assert line.count("\\ud800") == 1
    path = tmp_path / "out.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    (row,) = read_records(path)
    assert row["text"] == "\ufffd" + good["text"][1:]
    assert row["text"][start : good["territory"]["span"]["end"]] == good["territory"]["span"]["text"]
    page([row], [row["text"]]).encode("utf-8")
    renderable(row, row["text"])


def test_a_file_with_no_record_at_all_is_refused(tmp_path: Path, good: dict[str, Any]) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps(_broken(good, "territory is a string")) + "\n", encoding="utf-8")
    with pytest.raises(RecordsError) as e:
        read_records(path)
    assert str(e.value) == f"{path}:1: not a clsx record: territory: Input should be a valid dictionary or instance of Territory"


def test_review_draws_the_good_records_names_the_bad_lines_and_exits_1(tmp_path: Path, good: dict[str, Any]) -> None:
    path = tmp_path / "out.jsonl"
    lines = [good, _broken(good, "offset is a string"), good, _broken(good, "span without end")]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    result = CliRunner().invoke(app, ["review", str(path), "-o", str(tmp_path / "r.html")], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"clsx: {path}:2: not a clsx record: territory.span.start: Input should be a valid integer",
        f"clsx: {path}:4: not a clsx record: signature.span.end: Field required",
        "clsx: 4 document(s) reviewed",
    ]
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count('<section class="doc"') == 4 and html.count("error <b>bad_record</b>") == 2
    shown = CliRunner().invoke(app, ["show", str(path), "--no-color"], env={"COLUMNS": "400"}, catch_exceptions=False)
    assert shown.exit_code == 1 and f"{path}:4: not a clsx record" in shown.stdout
