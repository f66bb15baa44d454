"""--resume is exact for every input kind: a batch of texts, web pages, PDFs, .docx, .odt and bad
files, stopped at known points (SIGKILL in the middle of a line, SIGTERM, one worker or two) and
resumed each time, ends with the bytes of a run never stopped; a finished output gains nothing.

A done document is known by its path and the doc_id of the text its record's spans index: for
a page or a PDF that is the extracted text, so --resume must read each input as extraction does
(it used to hash the raw file: every page, PDF and .docx was extracted again and written twice).
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from docbuild import html_page, pdf_document, scanned_pdf
from helpers import SAMPLES, jsonl, run_cli, run_faulty, stderr_lines
from officebuild import docx_document, odt_document


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fourteen inputs, kinds interleaved: plain texts, pages, PDFs (one in two columns), a .docx
    typed one paragraph per line, an .odt, and bad files (empty, binary, a scan, a cut PDF)."""
    folder = tmp_path_factory.mktemp("mixed")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    (folder / "01-a.txt").write_text(texts[0], encoding="utf-8")
    (folder / "02-b.html").write_text(html_page(texts[1]), encoding="utf-8")
    pdf_document(texts[2], folder / "03-c.pdf")
    (folder / "04-empty.txt").write_bytes(b"")
    docx_document(texts[3], folder / "05-d.docx")
    (folder / "06-e.html").write_text(html_page(texts[4], published="2022-03-20"), encoding="utf-8")
    (folder / "07-binary.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    pdf_document(texts[0], folder / "08-f.pdf", two_columns=True)
    scanned_pdf(folder / "09-scan.pdf")
    (folder / "10-g.txt").write_text(texts[1], encoding="utf-8")
    docx_document(texts[2], folder / "11-h.docx", lines_as_paragraphs=True)
    (folder / "12-cut.pdf").write_bytes((folder / "03-c.pdf").read_bytes()[:400])
    odt_document(texts[4], folder / "13-i.odt")
    (folder / "14-j.htm").write_text(html_page(texts[3]), encoding="utf-8")
    return folder


DOCS = 14
ERRORS = ["empty", "binary", "no_text", "unreadable_pdf"]


@pytest.fixture(scope="module")
def reference(mixed: Path) -> bytes:
    """The run never stopped (on stdout: the same bytes as -o)."""
    done = run_cli("extract", str(mixed))
    assert done.returncode == 1, done.stderr.decode()
    rows = jsonl(done.stdout)
    assert [r["source"]["path"] for r in rows] == sorted(str(p) for p in mixed.iterdir())
    assert [r["error"]["type"] for r in rows if "error" in r] == ERRORS
    assert {r["source"].get("converter", "text").split()[0] for r in rows if "error" not in r} == {
        "text", "trafilatura", "pdfminer.six", "python-docx", "xml.etree"}
    return done.stdout


def _lines(data: bytes, n: int) -> bytes:
    return b"".join(line + b"\n" for line in data.split(b"\n")[:n])


# (signal, lines this run writes before it, half a line first, --jobs): SIGKILL in the middle of
# a line, SIGTERM between lines, in one process and with two workers (killed with their parent).
STOPS = [("SIGKILL", 2, True, "1"), ("SIGTERM", 3, False, "2"), ("SIGKILL", 4, False, "2"), ("SIGTERM", 2, False, "1")]


def test_a_mixed_batch_stopped_four_times_resumes_to_the_bytes_of_an_unstopped_run(mixed: Path, reference: bytes, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    total = 0
    for i, (sig, lines, half, jobs) in enumerate(STOPS):
        resume = ["--resume"] if i else []
        spec = {"after": lines, "signal": sig, "half": half}
        stopped = run_faulty(spec, "extract", str(mixed), "-o", str(out), "--jobs", jobs, *resume)
        total += lines
        whole = _lines(reference, total)
        data = out.read_bytes()
        if sig == "SIGKILL":
            assert stopped.returncode == -signal.SIGKILL
            cut = reference[len(whole) : len(whole) + (len(reference.split(b"\n")[total]) + 1) // 2] if half else b""
            assert data == whole + cut, f"stop {i}: the first {total} lines, then half of the next"
        else:
            assert stopped.returncode == 128 + signal.SIGTERM, stopped.stderr.decode()
            assert data == whole, f"stop {i}: the first {total} lines"
            assert stderr_lines(stopped.stderr)[-1].startswith(f"clsx: interrupted by SIGTERM after {lines} of ")
        assert b"Traceback" not in stopped.stderr
    resumed = run_cli("extract", str(mixed), "-o", str(out), "--resume")
    assert resumed.returncode == 1, resumed.stderr.decode()  # the error records, kept
    assert out.read_bytes() == reference, "the same bytes as a run never stopped"
    assert stderr_lines(resumed.stderr) == [f"clsx: {DOCS} document(s), {len(ERRORS)} error record(s), {total} already in {out}"]


def test_resume_of_a_finished_output_of_every_kind_adds_nothing(mixed: Path, reference: bytes, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    out.write_bytes(reference)
    done = run_cli("extract", str(mixed), "-o", str(out), "--resume", "--jobs", "2")
    assert done.returncode == 1
    assert out.read_bytes() == reference
    assert stderr_lines(done.stderr) == [f"clsx: {DOCS} document(s), {len(ERRORS)} error record(s), {DOCS} already in {out}"]


def test_an_input_given_twice_is_resumed_to_its_two_lines(mixed: Path, reference: bytes, tmp_path: Path) -> None:
    """Each line stands for one input: a page named twice, stopped after its first line, gets its second."""
    page = str(mixed / "02-b.html")
    line = reference.split(b"\n")[1] + b"\n"
    assert jsonl(line)[0]["source"]["path"] == page
    out = tmp_path / "twice.jsonl"
    stopped = run_faulty({"after": 1, "signal": "SIGTERM"}, "extract", page, page, "-o", str(out))
    assert stopped.returncode == 143 and out.read_bytes() == line
    resumed = run_cli("extract", page, page, "-o", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes() == line * 2
