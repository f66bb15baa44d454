"""Every failure of the commands other than extract's writer is one clear line with the right
exit code, before any work: values clsx cannot use (2), files that are not records (2), an
output it cannot write (2 before the work, 1 when the disk fills), and a folder that holds no
file to read (3, with what was skipped). Run as a user runs them (tests/helpers.py run_cli)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from helpers import DEV_GOLD, ROOT, jsonl, needs_dev, run_cli, stderr_lines

ERROR_RECORD = {"schema_version": "1", "source": {"path": "scan.pdf"}, "error": {"type": "no_text", "message": "the PDF has no text layer"}}
ALL_TYPES = "*.txt, *.html, *.htm, *.pdf, *.docx, *.odt"


def _one_line(done: subprocess.CompletedProcess[bytes], code: int) -> str:
    """The single stderr line of a run that failed with `code` and wrote nothing on stdout."""
    assert done.returncode == code, done.stderr.decode()
    assert done.stdout == b""
    assert b"Traceback" not in done.stderr
    (line,) = stderr_lines(done.stderr)
    return line


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A records file that needs no extraction: one error record."""
    path = tmp_path_factory.mktemp("records") / "records.jsonl"
    path.write_text(json.dumps(ERROR_RECORD) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder of notes and old formats: nothing clsx reads by default."""
    folder = tmp_path / "corpus"
    (folder / "old").mkdir(parents=True)
    for name in ("notes.md", "README", "old/cls.doc", "old/cls.rtf"):
        (folder / name).write_text("Le contrat local de santé a été signé.\n", encoding="utf-8")
    return folder


# -- values clsx cannot use: usage errors ---------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Saint-Denis", "--department", "Zzz"], "Error: unknown department 'Zzz': give a name or a code ('Orne', '61', '2A', '974')"),
        (["Saint-Denis", "--department", "Seine-Saint-Dennis"], "Error: unknown department 'Seine-Saint-Dennis'"),
        (["Saint-Denis", "--region", "Zzz"], "Error: unknown region 'Zzz'; one of: Auvergne-Rhône-Alpes, Bourgogne-Franche-Comté"),
        (["Saint-Denis", "--kind", "ville"], "Error: unknown kind 'ville'; one of: commune, communaute_de_communes"),
        (["  "], "Error: the territory name is empty"),
    ],
    ids=["department", "department-typo", "region", "kind", "empty-name"],
)
def test_link_refuses_what_it_cannot_use(args: list[str], message: str) -> None:
    assert _one_line(run_cli("link", *args), 2).startswith(message)


@pytest.mark.parametrize(
    ("department", "found"),
    [("93", "93066  Saint-Denis  [COM, 93, Île-de-France]"), ("Seine-Saint-Denis", "93066"), ("La Réunion", "97411  Saint-Denis  [COM, 974, La Réunion]")],
)
def test_link_takes_a_department_by_name_or_code(department: str, found: str) -> None:
    done = run_cli("link", "Ville de Saint-Denis", "--department", department)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8").startswith("exact 1.000  ") and found in done.stdout.decode("utf-8")


def test_link_takes_a_region_before_2016() -> None:
    done = run_cli("link", "Saint-Denis", "--region", "Basse-Normandie")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8").startswith("ambiguous 1.000")


@needs_dev
def test_eval_needs_gold_files(tmp_path: Path) -> None:
    line = _one_line(run_cli("eval", "--gold", str(tmp_path), "samples/"), 2)
    assert line == f"Error: no gold file (*.json, one per text stem) in {tmp_path}"


@pytest.mark.parametrize("command", ["extract", "eval"])
def test_a_glob_without_a_pattern_is_a_usage_error(command: str) -> None:
    gold = ["--gold", str(DEV_GOLD)] if command == "eval" else []
    if command == "eval" and not DEV_GOLD.is_dir():
        pytest.skip("../shared/dev is not beside this checkout")
    line = _one_line(run_cli(command, *gold, "--glob", " , ", "samples/"), 2)
    assert line == "Error: --glob ' , ' names no file pattern (such as '*.txt,*.html')"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", ""], "Error: an empty path was given"),
        (["extract", "samples/", ""], "Error: an empty path was given"),
        (["extract", "nosuch.txt"], "Error: path not found: nosuch.txt"),
        (["contracts", ""], "Error: file not found: "),
    ],
    ids=["empty", "empty-after-a-folder", "missing", "contracts-empty"],
)
def test_a_path_that_names_nothing_is_a_usage_error(args: list[str], message: str) -> None:
    """An empty argument (a shell variable left unset) once read as the current folder and gave
    an error record 'vanished' whose path was empty."""
    assert _one_line(run_cli(*args), 2) == message


# -- files that are not records ---------------------------------------------------------------


def test_review_of_an_article_is_a_usage_error() -> None:
    line = _one_line(run_cli("review", "samples/seed-coevrons-2018.txt"), 2)
    assert line == (
        "Error: samples/seed-coevrons-2018.txt:1: not a JSON line: Expecting value (it is a document, not records: "
        "clsx extract samples/seed-coevrons-2018.txt --with-text -o out.jsonl first)"
    )


@pytest.mark.parametrize("command", ["review", "show"])
def test_records_that_are_not_records_are_a_usage_error(command: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": {"path": "a.txt"}}\n{"a": 1}\n', encoding="utf-8")
    assert _one_line(run_cli(command, str(bad)), 2) == f"Error: {bad}:1: not a clsx record: doc_id: Field required (and 4 more)"


def test_review_of_a_folder_is_a_usage_error() -> None:
    assert _one_line(run_cli("review", "samples"), 2) == "Error: samples is a folder: give the records files clsx extract wrote"


# -- an output clsx cannot write --------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "option"),
    [("review", "-o"), ("contracts", "-o"), ("contracts", "--html")],
)
@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("nosuchdir/out.html", "the folder {tmp}/nosuchdir does not exist"),
        ("nosuchdir/deeper/out.html", "the folder {tmp}/nosuchdir/deeper does not exist"),
        ("a-file/out.html", "{tmp}/a-file is not a folder"),
        ("", "is a folder: give a file name"),
    ],
    ids=["missing-folder", "missing-folders", "under-a-file", "a-folder"],
)
def test_an_output_that_cannot_be_written_is_one_line_before_any_work(
    records: Path, tmp_path: Path, command: str, option: str, target: str, problem: str
) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    path = tmp_path / target if target else tmp_path
    line = _one_line(run_cli(command, str(records), option, str(path)), 2)
    assert line == f"Error: {option} {path}: {problem.format(tmp=tmp_path)}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]  # nothing written


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
@pytest.mark.parametrize(("command", "option"), [("review", "-o"), ("contracts", "--html")])
def test_an_unwritable_folder_is_one_line_before_any_work(records: Path, tmp_path: Path, command: str, option: str) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    line = _one_line(run_cli(command, str(records), option, str(locked / "out.html")), 2)
    assert line.endswith("cannot be written here (permission denied, or a read-only file system)")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to fill")
@pytest.mark.parametrize(
    ("args", "where"),
    [(["review", "{r}", "-o", "/dev/full"], "/dev/full"), (["contracts", "{r}", "-o", "/dev/full"], "/dev/full"),
     (["contracts", "{r}", "--html", "/dev/full"], "/dev/full")],
)
def test_a_full_disk_is_one_line_and_exit_6(records: Path, args: list[str], where: str) -> None:
    done = run_cli(*[a.format(r=records) for a in args])
    assert done.returncode == 6  # as clsx extract's
    assert b"Traceback" not in done.stderr
    assert stderr_lines(done.stderr)[0] == f"Error: cannot write {where}: No space left on device"


# -- no silent nothing: a folder with no file to read -----------------------------------------


@pytest.mark.parametrize("command", ["extract", "show"])
def test_a_folder_with_nothing_to_read_says_what_it_skipped(command: str, corpus: Path) -> None:
    line = _one_line(run_cli(command, str(corpus)), 3)
    assert line == f"Error: no {ALL_TYPES} file in {corpus}: 4 files skipped, e.g. README, notes.md, old/cls.doc, …"


@needs_dev
def test_eval_of_a_folder_with_no_text_says_what_it_skipped(corpus: Path) -> None:
    line = _one_line(run_cli("eval", "--gold", str(DEV_GOLD), str(corpus)), 3)
    assert line == f"Error: no *.txt file in {corpus}: 4 files skipped, e.g. README, notes.md, old/cls.doc, …"


def test_an_empty_folder_says_it_is_empty(tmp_path: Path) -> None:
    assert _one_line(run_cli("extract", str(tmp_path)), 3) == f"Error: no {ALL_TYPES} file in {tmp_path}: the folder holds no file"


def test_a_glob_that_finds_nothing_names_its_patterns(corpus: Path) -> None:
    line = _one_line(run_cli("extract", "--glob", "*.TXT,*.pdf", str(corpus)), 3)
    assert line.startswith(f"Error: no *.txt, *.pdf file in {corpus}: 4 files skipped")


def test_an_empty_folder_among_others_stops_the_run_before_any_work(corpus: Path) -> None:
    line = _one_line(run_cli("extract", "samples/", str(corpus)), 3)
    assert line.startswith(f"Error: no {ALL_TYPES} file in {corpus}")


def test_the_file_a_folder_holds_is_read_whatever_its_case(corpus: Path) -> None:
    (corpus / "old" / "ARTICLE.TXT").write_bytes((ROOT / "samples" / "seed-coevrons-2018.txt").read_bytes())
    done = run_cli("extract", str(corpus))
    assert done.returncode == 0, done.stderr.decode()
    (rec,) = jsonl(done.stdout)
    assert rec["territory"]["name"] == "Communauté de Communes des Coëvrons"


def test_show_of_records_file_with_no_record(tmp_path: Path) -> None:
    empty = tmp_path / "out.jsonl"
    empty.write_text("\n", encoding="utf-8")
    assert _one_line(run_cli("show", str(empty)), 3) == f"Error: no record in {empty}"


def test_an_unwritable_folder_is_refused_even_as_root(records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same check where the tests run as root (as on CI): the folder says it cannot be written."""
    from typer.testing import CliRunner

    from clsx.cli import app

    readable = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: not mode & os.W_OK and readable(path, mode, **kw))
    done = CliRunner().invoke(app, ["review", str(records), "-o", str(tmp_path / "out.html")])
    assert done.exit_code == 2
    assert stderr_lines(done.stderr_bytes) == [
        f"Error: -o {tmp_path / 'out.html'}: cannot be written here (permission denied, or a read-only file system)"
    ]
    assert not (tmp_path / "out.html").exists()
