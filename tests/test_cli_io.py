"""The command line on what users have and want: web pages and PDFs in (files, folders, stdin),
CSV and JSON out, the review page and `clsx show`.

A few run as a user runs them (their own process); the others run the same command in this
process (`cli`), where the pipeline is loaded once: each process would load spaCy again.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from docbuild import html_page, pdf_document, scanned_pdf
from helpers import ROOT, SAMPLE_STEMS, jsonl, run_cli, stderr_lines, walk_spans
from typer.testing import CliRunner

from clsx.cli import app

COEVRONS = "samples/seed-coevrons-2018.txt"
YEARLESS = (
    "Le Val signe son contrat local de santé\n\n"
    "Le contrat local de santé de la communauté de communes du Val a été signé le 15 mars à Valdor "
    "par la présidente de la communauté de communes et le délégué départemental de l'ARS.\n"
)


class Done:
    def __init__(self, returncode: int, stdout: bytes, stderr: bytes):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def cli(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> Done:
    """`clsx ARGS` in this process, from the repository root, as run_cli returns it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        r = CliRunner().invoke(app, list(args), input=stdin, env=env, catch_exceptions=False)
    return Done(r.exit_code, r.stdout_bytes, r.stderr_bytes or b"")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    text = (ROOT / COEVRONS).read_text(encoding="utf-8")
    (folder / "coevrons.html").write_text(html_page(text), encoding="utf-8")
    pdf_document(text, folder / "coevrons.pdf", two_columns=True)
    return folder


def test_a_page_and_a_pdf_give_the_records_of_their_text(inputs: Path) -> None:
    done = run_cli("extract", str(inputs))
    assert done.returncode == 0, done.stderr.decode()
    page, pdf = jsonl(done.stdout)
    assert page["source"]["path"].endswith("coevrons.html") and pdf["source"]["path"].endswith("coevrons.pdf")
    assert page["source"]["converter"].startswith("trafilatura ") and pdf["source"]["converter"].startswith("pdfminer.six ")
    assert pdf["source"]["encoding"] == "pdf" and pdf["source"]["bytes"] == (inputs / "coevrons.pdf").stat().st_size
    for rec in (page, pdf):
        assert rec["territory"]["name"] == "Communauté de Communes des Coëvrons"
        assert (rec["signature"]["date"], rec["signature"]["place"]) == ("2018-06-12", "Evron")
        assert len(rec["axes"]) == 5 and rec["axes"][4]["transversal"]
        assert [s["name"] for s in rec["signatories"]][:2] == ["Jean-Jacques Coiplet", "Stephan Domingo"]


def test_a_plain_text_record_does_not_change(inputs: Path) -> None:
    done = cli("extract", COEVRONS)
    (rec,) = jsonl(done.stdout)
    assert "converter" not in rec["source"] and "published" not in rec["source"] and "text" not in rec


def test_a_page_on_stdin_is_sniffed() -> None:
    page = html_page(YEARLESS, published="2022-03-20")
    done = cli("extract", "-", stdin=page.encode("utf-8"))
    assert done.returncode == 0, done.stderr.decode()
    (rec,) = jsonl(done.stdout)
    assert rec["source"]["path"] == "-" and rec["source"]["converter"].startswith("trafilatura ")


def test_the_pages_metadata_date_gives_a_yearless_date_its_year(tmp_path: Path) -> None:
    (tmp_path / "dated.html").write_text(html_page(YEARLESS, published="2022-03-20T10:00:00+01:00"), encoding="utf-8")
    (tmp_path / "undated.html").write_text(html_page(YEARLESS), encoding="utf-8")
    dated, undated = jsonl(cli("extract", str(tmp_path)).stdout)
    assert dated["source"]["published"] == "2022-03-20"
    assert dated["signature"]["date"] == "2022-03-15"
    assert "year of the signature date inferred from the publication date (2022)" in dated["warnings"]
    assert "published" not in undated["source"]
    assert undated["signature"]["date"] is None


def test_keep_text_writes_the_text_the_spans_index(inputs: Path, tmp_path: Path) -> None:
    kept = tmp_path / "texts"
    done = cli("extract", str(inputs / "coevrons.pdf"), str(inputs / "coevrons.html"), COEVRONS, "--keep-text", str(kept))
    assert done.returncode == 0, done.stderr.decode()
    assert sorted(p.name for p in kept.iterdir()) == ["coevrons.html.txt", "coevrons.pdf.txt"]  # plain texts are their own
    for rec in jsonl(done.stdout)[:2]:
        text = (kept / (Path(rec["source"]["path"]).name + ".txt")).read_bytes().decode("utf-8")
        spans = list(walk_spans(rec))
        assert len(spans) > 10
        assert all(text[s["start"] : s["end"]] == s["text"] for _, s in spans)


def test_with_text_puts_the_text_in_the_record(inputs: Path) -> None:
    (rec,) = jsonl(cli("extract", str(inputs / "coevrons.pdf"), "--with-text").stdout)
    assert len(rec["text"]) == rec["source"]["chars"]
    assert all(rec["text"][s["start"] : s["end"]] == s["text"] for _, s in walk_spans(rec))


def test_a_scanned_pdf_gives_an_error_record_and_the_batch_goes_on(tmp_path: Path) -> None:
    scanned_pdf(tmp_path / "scan.pdf")
    done = run_cli("extract", str(tmp_path / "scan.pdf"), COEVRONS)
    assert done.returncode == 1
    err, ok = jsonl(done.stdout)
    assert err["error"]["type"] == "no_text" and "OCR" in err["error"]["message"]
    assert ok["signature"]["date"] == "2018-06-12"
    assert stderr_lines(done.stderr) == ["clsx: 2 document(s), 1 error record(s)"]


def test_csv_on_stdout_is_one_row_per_document_and_reads_back(tmp_path: Path) -> None:
    from clsx.formats import read_csv

    done = cli("extract", "samples/", "--format", "csv")
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode("utf-8")
    assert text.startswith("schema_version,doc_id,source_path,")
    rows = read_csv(io.StringIO(text, newline=""))
    lines = jsonl(cli("extract", "samples/").stdout)
    assert [r["source_path"] for r in rows] == [f"samples/{s}.txt" for s in sorted(SAMPLE_STEMS)]
    for row, rec in zip(rows, lines):
        assert row["territory_name"] == rec["territory"]["name"]
        assert row["signature_date"] == rec["signature"]["date"]
        assert row["period_end_year"] == rec["period"]["end_year"]
        assert row["signatories_name"] == (" | ".join(s["name"] for s in rec["signatories"]) or None)


def test_csv_for_excel_bom_and_semicolons(tmp_path: Path) -> None:
    out = tmp_path / "cls.csv"
    done = cli("extract", COEVRONS, "--format", "csv", "--bom", "--delimiter", ";", "--spans", "-o", str(out))
    assert done.returncode == 0 and done.stdout == b""
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfschema_version;doc_id;")
    (row,) = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert row["territory_span_text"] == "Communauté de Communes des Coëvrons"
    assert row["signature_place"] == "Evron"


def test_csv_cells_copied_from_a_document_cannot_run_in_a_spreadsheet(tmp_path: Path) -> None:
    from clsx.formats import read_csv

    title = '=HYPERLINK("http://x.example/","Signature du CLS")'
    doc = tmp_path / "inject.txt"
    doc.write_text(title + "\n\n" + YEARLESS, encoding="utf-8")
    safe = cli("extract", str(doc), "--format", "csv").stdout.decode("utf-8")
    (row,) = csv.DictReader(io.StringIO(safe, newline=""))
    assert row["title"] == "'" + title
    assert read_csv(io.StringIO(safe, newline=""))[0]["title"] == title
    raw = cli("extract", str(doc), "--format", "csv", "--no-csv-safe").stdout.decode("utf-8")
    (row,) = csv.DictReader(io.StringIO(raw, newline=""))
    assert row["title"] == title


def test_json_is_one_array() -> None:
    done = cli("extract", "samples/", "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout.decode("utf-8")) == jsonl(cli("extract", "samples/").stdout)


@pytest.mark.parametrize(("args", "message"), [(["--format", "xml"], "unknown format"), (["--delimiter", ";;"], "one character")])
def test_bad_output_options_are_usage_errors(args: list[str], message: str) -> None:
    done = cli("extract", COEVRONS, *args)
    assert done.returncode == 2 and done.stdout == b""
    assert message in done.stderr.decode()


def _marks(html: str) -> int:
    return len(set(re.findall(r'<mark [^>]*data-span="([^"]+)"', html)))


def test_review_with_text_shows_every_document(inputs: Path, tmp_path: Path) -> None:
    from clsx.evidence import evidence

    out = tmp_path / "out.jsonl"
    scanned_pdf(tmp_path / "scan.pdf")
    cli("extract", "samples/", str(inputs), str(tmp_path / "scan.pdf"), "--with-text", "-o", str(out))
    records = jsonl(out.read_bytes())
    assert len(records) == len(SAMPLE_STEMS) + 3
    done = cli("review", str(out), "-o", str(tmp_path / "review.html"))
    assert done.returncode == 0, done.stderr.decode()
    assert stderr_lines(done.stderr) == [f"clsx: {len(records)} document(s) reviewed"]
    html = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert html.count('<section class="doc"') == len(records)
    assert _marks(html) == sum(len(evidence(r)) for r in records)
    assert "no_text" in html


def test_review_reads_the_sources_again_when_the_text_is_not_in_the_records(inputs: Path, tmp_path: Path) -> None:
    from clsx.evidence import evidence

    changed = tmp_path / "changed.txt"
    changed.write_text(YEARLESS, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cli("extract", "samples/", str(inputs / "coevrons.pdf"), str(changed), "-o", str(out))
    changed.write_text(YEARLESS.replace("Valdor", "Valdoré"), encoding="utf-8")
    records = jsonl(out.read_bytes())
    done = cli("review", str(out))  # the page on stdout
    assert done.returncode == 0
    html = done.stdout.decode("utf-8")
    assert _marks(html) == sum(len(evidence(r)) for r in records[:-1])
    assert "has changed since extraction" in html
    assert stderr_lines(done.stderr) == [f"clsx: {len(records)} document(s) reviewed, 1 without their text"]


def test_review_of_a_file_that_is_not_records(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"a": 1}\nnot json\n', encoding="utf-8")
    done = cli("review", str(bad))
    assert done.returncode == 2 and done.stdout == b""
    assert len(stderr_lines(done.stderr)) == 1 and "bad.jsonl:2: not a JSON line" in done.stderr.decode()
    assert cli("review", str(tmp_path / "none.jsonl")).returncode == 2


def test_show_a_document_in_the_terminal() -> None:
    done = cli("show", COEVRONS, "--color", env={"COLUMNS": "120"})
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode("utf-8")
    assert "\x1b[" in out  # coloured
    assert "13 of 13 spans highlighted" in out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "Julie INDART, future animatrice" in plain
    assert re.search(r"signature date\s+│ 2018-06-12", plain)
    assert "warning: year of the signature date taken from another mention" in plain


def test_show_records_from_a_jsonl_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    cli("extract", "samples/", "-o", str(out))
    done = cli("show", str(out), "--no-color")
    assert done.returncode == 0
    text = done.stdout.decode("utf-8")
    assert "\x1b[" not in text
    for stem in SAMPLE_STEMS:
        assert f"samples/{stem}.txt" in text
    assert text.count("spans highlighted") == len(SAMPLE_STEMS)


def test_show_an_unreadable_document(tmp_path: Path) -> None:
    done = cli("show", str(scanned_pdf(tmp_path / "scan.pdf")), "--no-color")
    assert done.returncode == 1
    assert "error no_text" in done.stdout.decode()



def test_show_a_folder_of_documents() -> None:
    done = cli("show", "samples/", "--no-color")
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode("utf-8")
    assert text.count("spans highlighted") == len(SAMPLE_STEMS)
    for stem in SAMPLE_STEMS:
        assert f"samples/{stem}.txt" in text
