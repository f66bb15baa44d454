"""Output safety: a batch stopped by SIGINT, SIGTERM or SIGKILL leaves whole lines, and a rerun
with --resume ends with exactly one line per document, the same bytes as a run never stopped
(over every input kind: tests/test_resume.py; write faults and `| head -1`: test_output_faults.py)."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
from helpers import SAMPLES, jsonl, run_cli, run_faulty, stderr_lines

from clsx.output import ResumeError, read_done


DOCS = 8


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two short documents, then six longer ones, so that a batch can be stopped after two
    lines with work left (its batches grow 1, 2, 4: clsx/api.py `batches`)."""
    folder = tmp_path_factory.mktemp("corpus")
    samples = sorted(SAMPLES.glob("*.txt"))
    for i, s in enumerate(samples[:2]):
        (folder / f"{i}-{s.name}").write_bytes(s.read_bytes())
    for i, s in enumerate((samples * 2)[1:7], start=2):
        (folder / f"{i}-long-{s.name}").write_bytes(s.read_bytes() + b"\n" + samples[0].read_bytes() * 2)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("ref") / "all.jsonl"
    done = run_cli("extract", str(corpus), "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    data = out.read_bytes()
    assert len(jsonl(data)) == DOCS
    return data


def test_a_batch_stopped_three_times_resumes_to_one_line_per_document(corpus: Path, reference: bytes, tmp_path: Path) -> None:
    """SIGINT after two lines, SIGTERM after one more (resumed), SIGKILL in the middle of the
    next line (resumed, two workers), then a last --resume (tests/faultrun.py stops each run at
    that line, not after a time)."""
    out = tmp_path / "records.jsonl"
    steps = [(signal.SIGINT, 2, "1", []), (signal.SIGTERM, 1, "1", ["--resume"]), (signal.SIGKILL, 1, "2", ["--resume"])]
    kept = 0
    for sig, lines, jobs, resume in steps:
        spec = {"after": lines, "signal": sig.name, "half": sig == signal.SIGKILL}
        stopped = run_faulty(spec, "extract", str(corpus), "-o", str(out), "--jobs", jobs, *resume)
        kept += lines
        data = out.read_bytes()
        whole = b"".join(x + b"\n" for x in reference.split(b"\n")[:kept])
        assert data.startswith(whole) and reference.startswith(data), "whole lines, in order, no line twice"
        if sig == signal.SIGKILL:
            assert stopped.returncode == -signal.SIGKILL
            half = len(data) - len(whole)
            assert half > 0 and data.count(b"\n") == kept
        else:
            assert data == whole
            assert stopped.returncode == 128 + sig, stopped.stderr.decode()
            line = stderr_lines(stopped.stderr)[-1]
            assert line.startswith(f"clsx: interrupted by {sig.name} after {lines} of ") and "--resume" in line
            assert b"Traceback" not in stopped.stderr
    resumed = run_cli("extract", str(corpus), "-o", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes() == reference, "the same bytes as a run never stopped"
    assert stderr_lines(resumed.stderr) == [
        f"clsx: dropped a truncated last line ({half} bytes) from {out}",
        f"clsx: {DOCS} document(s), 0 error record(s), {kept} already in {out}",
    ]


def test_resume_of_a_finished_output_adds_nothing(corpus: Path, reference: bytes, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    out.write_bytes(reference)
    done = run_cli("extract", str(corpus), "-o", str(out), "--resume")
    assert done.returncode == 0
    assert out.read_bytes() == reference
    assert stderr_lines(done.stderr) == [f"clsx: {DOCS} document(s), 0 error record(s), {DOCS} already in {out}"]


def test_resume_keeps_error_records_and_still_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    first = run_cli("extract", str(tmp_path / "empty.txt"), "-o", str(out))
    again = run_cli("extract", str(tmp_path / "empty.txt"), "-o", str(out), "--resume")
    assert (first.returncode, again.returncode) == (1, 1)
    (rec,) = jsonl(out.read_bytes())
    assert rec["error"]["type"] == "empty"


def test_resume_refuses_a_file_that_is_not_clsx_output(tmp_path: Path) -> None:
    out = tmp_path / "notes.jsonl"
    out.write_text('{"a": 1}\nnot json\n', encoding="utf-8")
    done = run_cli("extract", "samples/seed-coevrons-2018.txt", "-o", str(out), "--resume")
    assert done.returncode == 2
    (line,) = stderr_lines(done.stderr)
    assert line.startswith("Error: cannot resume:") and "line 1 is not a clsx record" in line
    assert out.read_text(encoding="utf-8") == '{"a": 1}\nnot json\n', "left untouched"


RECORD = {"schema_version": "1", "doc_id": "0123456789abcdef", "source": {"path": "a.txt"}}
ERROR = {"schema_version": "1", "source": {"path": "b.txt"}, "error": {"type": "empty", "message": "the document is empty"}}


@pytest.mark.parametrize(
    ("tail", "kept", "dropped"),
    [
        (b"", 2, 0),
        (b'{"schema_version":"1","doc_id":"ab', 2, 34),
        (json.dumps({**RECORD, "source": {"path": "c.txt"}}).encode(), 3, 0),  # whole, only the newline missing
    ],
    ids=["whole-lines", "truncated-line", "missing-newline"],
)
def test_read_done_repairs_the_end_of_the_file(tmp_path: Path, tail: bytes, kept: int, dropped: int) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes((json.dumps(RECORD) + "\n" + json.dumps(ERROR) + "\n").encode() + tail)
    done = read_done(out)
    assert (len(done), done.dropped) == (kept, dropped)
    assert ("a.txt", "0123456789abcdef") in done.records and done.errors == {"b.txt": 1}
    assert out.read_bytes().endswith(b"\n") and len(jsonl(out.read_bytes())) == kept


@pytest.mark.parametrize("content", [b"[1, 2]\n", b'{"source": {"path": "a"}}\n', b"\xff\xfe\n"], ids=["list", "no-doc-id", "not-utf8"])
def test_read_done_refuses_other_files(tmp_path: Path, content: bytes) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(content)
    with pytest.raises(ResumeError):
        read_done(out)
