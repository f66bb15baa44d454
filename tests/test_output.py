"""Output safety: a batch stopped by SIGINT, SIGTERM or SIGKILL leaves whole lines, and a rerun
with --resume ends with exactly one line per document, the same bytes as a run never stopped."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, SAMPLES, jsonl, run_cli, stderr_lines

from clsx.output import ResumeError, read_done


DOCS = 8


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two short documents, then six longer ones, so that a batch can be stopped after two
    lines with work left (its batches grow 1, 2, 4: clsx/cli.py `_batches`)."""
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


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _stop_after(args: list[str], out: Path, sig: int, lines: int = 2) -> subprocess.CompletedProcess[bytes]:
    """Start `clsx extract ARGS`, send `sig` once `out` holds `lines` lines, one of them new at least
    (the run is then past its start-up, where a signal would find no handler yet)."""
    target = max(lines, _lines(out) + 1)
    proc = subprocess.Popen([sys.executable, "-m", "clsx.cli", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while _lines(out) < target and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(args, proc.returncode, stdout, stderr)


def test_a_batch_stopped_three_times_resumes_to_one_line_per_document(corpus: Path, reference: bytes, tmp_path: Path) -> None:
    """SIGINT after two lines, SIGTERM after three (resumed), SIGKILL after four (resumed, two
    workers, and half a line left as a kill during a write would), then a last --resume."""
    out = tmp_path / "records.jsonl"
    half = b'{"schema_version":"1","doc_id":"0123456789abcdef","source":{"path":"x'
    steps = [(signal.SIGINT, 2, "1", []), (signal.SIGTERM, 3, "1", ["--resume"]), (signal.SIGKILL, 4, "2", ["--resume"])]
    for sig, lines, jobs, resume in steps:
        stopped = _stop_after(["extract", str(corpus), "-o", str(out), "--jobs", jobs, *resume], out, sig, lines)
        data = out.read_bytes()
        assert lines <= data.count(b"\n") < DOCS, f"{sig.name}: stopped mid-way"  # two workers may finish together
        assert reference.startswith(data), "whole lines, in order, no line twice"
        if sig == signal.SIGKILL:
            assert stopped.returncode == -signal.SIGKILL
            out.write_bytes(data + half)
        else:
            assert stopped.returncode == 128 + sig, stopped.stderr.decode()
            line = stderr_lines(stopped.stderr)[-1]
            assert line.startswith(f"clsx: interrupted by {sig.name} after ") and "--resume" in line
            assert b"Traceback" not in stopped.stderr
    kept = data.count(b"\n")
    resumed = run_cli("extract", str(corpus), "-o", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes() == reference, "the same bytes as a run never stopped"
    assert stderr_lines(resumed.stderr) == [
        f"clsx: dropped a truncated last line ({len(half)} bytes) from {out}",
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
    assert ("a.txt", "0123456789abcdef") in done.records and done.errors == {"b.txt"}
    assert out.read_bytes().endswith(b"\n") and len(jsonl(out.read_bytes())) == kept


@pytest.mark.parametrize("content", [b"[1, 2]\n", b'{"source": {"path": "a"}}\n', b"\xff\xfe\n"], ids=["list", "no-doc-id", "not-utf8"])
def test_read_done_refuses_other_files(tmp_path: Path, content: bytes) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(content)
    with pytest.raises(ResumeError):
        read_done(out)


def test_a_closed_pipe_ends_the_batch_quietly(tmp_path: Path) -> None:
    """`clsx extract … | head -1`: no traceback, no summary, when the reader goes away."""
    for i in range(2000):  # error records come fast and fill the pipe: the reader leaves mid-batch
        (tmp_path / f"{i:04}.txt").write_bytes(b"")
    proc = subprocess.Popen([sys.executable, "-m", "clsx.cli", "extract", str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert json.loads(first)["error"]["type"] == "empty"
    assert proc.returncode == 1
    assert err == b"", err.decode(errors="replace")
