"""Output that cannot lose records: a second run on an -o that another run holds refuses with one
line (exit 5) and never interleaves; an output that cannot be opened is a usage error found
before any work (exit 2); a write that fails (a full device, a file size limit) is one line on
stderr and exit 6, what was written before staying whole lines; a closed stdout (`| head -1`)
stops at once, quietly, with the shell's broken-pipe code 141. Never a traceback."""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docbuild import html_page
from helpers import ROOT, SAMPLES, faulty, jsonl, run_cli, stderr_lines

COEVRONS = str(SAMPLES / "seed-coevrons-2018.txt")
FORMATS = ["jsonl", "csv", "json"]


def _clsx(*args: str, stdout: Any = subprocess.PIPE, preexec: Any = None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "CLSX_CACHE_DIR": "off"}  # no cache file to write under a size limit
    cmd = [*prefix, sys.executable, "-m", "clsx.cli", *args]
    return subprocess.run(cmd, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, preexec_fn=preexec, env=env, timeout=600)


def _one_error(done: subprocess.CompletedProcess[bytes], code: int, start: str) -> str:
    assert done.returncode == code, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    (line,) = stderr_lines(done.stderr)
    assert line.startswith(start), line
    return line


# --- a second run on one -o --------------------------------------------------------------------


def test_a_second_run_on_a_held_output_refuses_and_the_first_loses_nothing(short_texts: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    first = subprocess.Popen(
        faulty({"after": 2, "pause": True}, "extract", str(short_texts), "-o", str(out)),
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert first.stderr is not None
    assert first.stderr.readline() == b"paused\n"  # two lines written, the file held
    held = out.read_bytes()
    for second in ([], ["--resume"], ["--format", "csv"]):
        done = run_cli("extract", str(short_texts), "-o", str(out), *second)
        line = _one_error(done, 5, "Error: ")
        assert line == f"Error: {out} is being written by another clsx run: wait for it to end, or write elsewhere"
        assert out.read_bytes() == held, f"{second}: untouched"
    _, err = first.communicate(b"", timeout=600)  # stdin closed: it goes on
    assert first.returncode == 0, err.decode()
    rows = jsonl(out.read_bytes())
    assert [r["source"]["path"] for r in rows] == sorted(str(p) for p in short_texts.iterdir()), "each document once, in order"


# --- an output that cannot be opened: before any work -------------------------------------------


def _read_only(folder: Path) -> tuple[str, ...]:
    """A prefix that runs clsx unable to write `folder` (made read-only): root writes anywhere
    unless it drops the capability that lets it."""
    folder.chmod(0o555)
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("root ignores a read-only folder, and setpriv is not there to drop that power")
    return ("setpriv", "--bounding-set", "-dac_override,-dac_read_search")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", ["read-only-folder", "missing-folder", "folder-path"])
def test_an_output_that_cannot_be_opened_is_a_usage_error_before_any_work(tmp_path: Path, case: str, fmt: str) -> None:
    (tmp_path / "page.html").write_text(html_page((SAMPLES / "seed-coevrons-2018.txt").read_text(encoding="utf-8")), encoding="utf-8")
    kept = tmp_path / "kept"
    prefix: tuple[str, ...] = ()
    if case == "read-only-folder":
        (tmp_path / "ro").mkdir()
        prefix = _read_only(tmp_path / "ro")
        out, reason = tmp_path / "ro" / "out.jsonl", "Permission denied"
    elif case == "missing-folder":
        out, reason = tmp_path / "none" / "out.jsonl", f"no such folder: {tmp_path / 'none'}"
    else:
        out, reason = tmp_path, "it is a folder"
    done = _clsx("extract", str(tmp_path / "page.html"), "--keep-text", str(kept), "--format", fmt, "-o", str(out), prefix=prefix)
    assert _one_error(done, 2, "Error: ") == f"Error: cannot write {out}: {reason}"
    assert list(kept.iterdir()) == [], "nothing extracted: the page's text would be kept here"


# --- write failures -------------------------------------------------------------------------------


@pytest.mark.parametrize(("where", "fmt"), [("-o", "jsonl"), ("stdout", "jsonl"), ("-o", "csv"), ("stdout", "json")])
def test_a_full_device_is_one_line_and_exit_6(where: str, fmt: str) -> None:
    with open("/dev/full", "wb") as full:
        if where == "-o":
            done = _clsx("extract", COEVRONS, "--format", fmt, "-o", "/dev/full")
        else:
            done = _clsx("extract", COEVRONS, "--format", fmt, stdout=full)
    name = "/dev/full" if where == "-o" else "stdout"
    line = _one_error(done, 6, f"Error: cannot write {name}: No space left on device")
    assert line.endswith("(after 0 of 1 document(s); what was written ends on a whole line)")


def _size_limit(limit: int) -> Any:
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limited


@pytest.mark.parametrize("where", ["-o", "stdout"])
def test_a_write_cut_half_way_leaves_whole_lines(short_texts: Path, short_reference: bytes, tmp_path: Path, where: str) -> None:
    """The disk fills up in the middle of line 3 (a file size limit stands for it): the file keeps
    lines 1 and 2 and nothing of line 3."""
    lines = short_reference.split(b"\n")
    two = lines[0] + b"\n" + lines[1] + b"\n"
    out = tmp_path / "out.jsonl"
    limited = _size_limit(len(two) + len(lines[2]) // 2)
    if where == "-o":
        done = _clsx("extract", str(short_texts), "-o", str(out), preexec=limited)
    else:
        with open(out, "wb") as f:
            done = _clsx("extract", str(short_texts), stdout=f, preexec=limited)
    name = str(out) if where == "-o" else "stdout"
    _one_error(done, 6, f"Error: cannot write {name}: File too large (after 2 of 24 document(s)")
    assert out.read_bytes() == two


def test_a_closed_stdout_is_a_usage_error_before_any_work() -> None:
    done = _clsx("extract", COEVRONS, preexec=lambda: os.close(1))
    assert _one_error(done, 2, "Error: ") == "Error: cannot write stdout: it is closed"


# --- the reader goes away --------------------------------------------------------------------------


def test_head_1_stops_at_once_quietly_with_141(tmp_path: Path) -> None:
    """`clsx extract corpus/ | head -1`: the shell's broken-pipe code, nothing on stderr."""
    for i in range(1000):  # error records come fast and fill the pipe: the reader leaves mid-batch
        (tmp_path / f"{i:04}.txt").write_bytes(b"")
    script = '"$@" | head -1; echo "${PIPESTATUS[0]}" >&2'
    done = subprocess.run(
        ["bash", "-c", script, "bash", sys.executable, "-m", "clsx.cli", "extract", str(tmp_path)],
        cwd=ROOT, capture_output=True, timeout=600,
    )
    assert done.stderr == b"141\n", done.stderr.decode()
    (first,) = jsonl(done.stdout)
    assert first["error"]["type"] == "empty"


@pytest.fixture(scope="module")
def sample_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("records") / "samples.jsonl"
    assert _clsx("extract", str(SAMPLES), "--with-text", "-o", str(out)).returncode == 0
    return out


@pytest.mark.parametrize(
    "args",
    [
        ["extract", COEVRONS],
        ["show", "{records}"],
        ["review", "{records}"],
        ["contracts", "{records}"],
        ["eval", "--gold", str(ROOT.parent / "shared" / "dev" / "gold"), str(ROOT.parent / "shared" / "dev" / "texts")],
        ["schema"],
        ["link", "CC des Coëvrons"],
    ],
    ids=lambda a: a[0] + ("-rich" if a[0] in ("show", "eval") else ""),
)
def test_every_command_whose_reader_is_gone_exits_141_quietly(args: list[str], sample_records: Path) -> None:
    """A pipe whose reader has already left: the first write fails, whatever the buffer holds.
    rich (show, eval) and click would each exit 1, the code of error records."""
    r, w = os.pipe()
    os.close(r)
    try:
        done = _clsx(*[a.format(records=sample_records) for a in args], stdout=w)
    finally:
        os.close(w)
    assert (done.returncode, done.stderr.decode().strip().splitlines()[-1:] if b"Traceback" in done.stderr else []) == (141, [])
    assert not [ln for ln in stderr_lines(done.stderr) if "Error" in ln or "Broken pipe" in ln]


# --- documented --------------------------------------------------------------------------------------


def test_every_exit_code_of_extract_is_in_the_readme() -> None:
    from clsx import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    codes = [0, 1, 2, cli.EXIT_OUTPUT, cli.EXIT_WORKER, cli.EXIT_LOCKED, 128 + signal.SIGINT, 128 + signal.SIGTERM, cli.EXIT_PIPE]
    undocumented = [c for c in codes if not re.search(rf"\*\*{c}\*\*|\*\*\d+\*\*/\*\*{c}\*\*", readme)]
    assert undocumented == []
    for c in codes[3:6]:
        assert f" {c} " in " ".join(cli.EXIT_HELP.split()), c
