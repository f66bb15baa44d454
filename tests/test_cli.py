"""The command line, run as a user runs it: its own process, real inputs, stdout pure JSONL,
the summary and errors on stderr, and the documented exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import DEV_GOLD, ROOT, SAMPLE_STEMS, SAMPLES, jsonl, needs_dev, run_cli, stderr_lines

import clsx

D05 = (
    "SANTÉ – MÉZENC-MEYGAL\n"
    "Le contrat local de santé de la communauté de communes Mézenc-Meygal (CCMM) a été signé le 09/11/2021 à Saint-Julien-Chapteuil "
    "par son président, Pierre ARNAUD, et par Marion CHABRIER, déléguée départementale de l'ARS Auvergne-Rhône-Alpes. Il court pour trois ans.\n"
)


@pytest.fixture(scope="module")
def samples_run() -> Any:
    return run_cli("extract", "samples/")


def test_folder_gives_one_line_per_file_in_sorted_order(samples_run: Any) -> None:
    assert samples_run.returncode == 0, samples_run.stderr.decode()
    rows = jsonl(samples_run.stdout)
    assert [r["source"]["path"] for r in rows] == [f"samples/{s}.txt" for s in sorted(SAMPLE_STEMS)]
    assert all("error" not in r for r in rows)


def test_summary_goes_to_stderr(samples_run: Any) -> None:
    assert stderr_lines(samples_run.stderr) == [f"clsx: {len(SAMPLE_STEMS)} document(s), 0 error record(s)"]
    assert b"clsx:" not in samples_run.stdout


def test_lines_validate_against_the_schema(samples_run: Any, cli_schema: dict[str, Any]) -> None:
    for row in jsonl(samples_run.stdout):
        jsonschema.Draft202012Validator(cli_schema).validate(row)


def test_cli_lines_equal_the_library_records(samples_run: Any, records: dict[str, dict[str, Any]]) -> None:
    assert jsonl(samples_run.stdout) == [records[s] for s in sorted(SAMPLE_STEMS)]


def test_two_jobs_give_identical_output(samples_run: Any) -> None:
    two = run_cli("extract", "samples/", "--jobs", "2")
    assert two.returncode == 0, two.stderr.decode()
    assert two.stdout == samples_run.stdout


def test_stdin(tmp_path: Path) -> None:
    done = run_cli("extract", "-", stdin=D05.encode("utf-8"))
    assert done.returncode == 0, done.stderr.decode()
    (rec,) = jsonl(done.stdout)
    assert rec["source"]["path"] == "-"
    assert rec["source"]["chars"] == len(D05)
    assert rec["territory"]["name"] == "communauté de communes Mézenc-Meygal"
    assert (rec["signature"]["date"], rec["signature"]["place"]) == ("2021-11-09", "Saint-Julien-Chapteuil")
    assert [s["name"] for s in rec["signatories"]] == ["Pierre Arnaud", "Marion Chabrier"]
    assert rec["period"]["duration_years"] == 3


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    done = run_cli("extract", "samples/seed-coevrons-2018.txt", "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b""
    (rec,) = jsonl(out.read_bytes())
    assert rec["source"]["path"] == "samples/seed-coevrons-2018.txt"
    assert rec["signature"]["date"] == "2018-06-12"
    assert stderr_lines(done.stderr) == ["clsx: 1 document(s), 0 error record(s)"]


def test_glob_selects_files_inside_folders() -> None:
    done = run_cli("extract", "samples/", "--glob", "seed-l*.txt")
    assert done.returncode == 0, done.stderr.decode()
    assert [r["source"]["path"] for r in jsonl(done.stdout)] == [
        "samples/seed-laigle-2013.txt", "samples/seed-lens-lievin-2019.txt", "samples/seed-lisieux-2022.txt",
    ]


def test_bad_documents_give_error_records_and_exit_1(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "seed-coevrons-2018.txt", tmp_path / "a-good.txt")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c-binary.txt").write_bytes(b"\x07\x00\x01clsx\x00" + bytes(range(256)))  # no format's signature: just binary
    (tmp_path / "d-cp1252.txt").write_bytes(
        "Le contrat local de santé de la Communauté de communes des Coëvrons a été signé le 12 juin 2018 à Évron ; l’ARS y œuvre.\n".encode("cp1252")
    )
    done = run_cli("extract", str(tmp_path))
    assert done.returncode == 1
    rows = jsonl(done.stdout)
    assert [Path(r["source"]["path"]).name for r in rows] == ["a-good.txt", "b-empty.txt", "c-binary.txt", "d-cp1252.txt"]
    assert "error" not in rows[0] and rows[0]["signature"]["date"] == "2018-06-12"
    assert rows[1]["error"]["type"] == "empty" and rows[1]["error"]["message"]
    assert rows[2]["error"]["type"] == "binary" and rows[2]["error"]["message"]
    # cp1252 decodes: a legacy file is a document, not an error
    assert "error" not in rows[3]
    assert rows[3]["source"]["encoding"] == "cp1252"
    assert rows[3]["territory"]["name"] == "Communauté de communes des Coëvrons"
    assert stderr_lines(done.stderr) == ["clsx: 4 document(s), 2 error record(s)"]
    assert b"Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("extract", "--bogus", "samples/"), id="unknown-option"),
        pytest.param(("extract",), id="missing-argument"),
        pytest.param(("extract", "--jobs", "0", "samples/"), id="bad-value"),
        pytest.param(("extract", "--encoding", "no-such-codec", "samples/"), id="unknown-encoding"),
        pytest.param(("extract", "--resume", "samples/"), id="resume-without-output"),
        pytest.param(("extract", "samples/nope.txt"), id="missing-path"),
        pytest.param(("extract", "samples/", "samples/nope/"), id="missing-folder-among-others"),
        pytest.param(("eval", "--gold", "no-such-gold", "samples/"), id="eval-missing-gold"),
    ],
)
def test_usage_errors_exit_2_with_one_line_on_stderr(args: tuple[str, ...]) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"Traceback" not in done.stderr
    assert len(stderr_lines(done.stderr)) == 1, done.stderr.decode()


@pytest.mark.parametrize("args", [("extract", "--bogus", "samples/"), ("extract", "samples/nope.txt"), ("bogus-command",)])
def test_usage_errors_exit_2_without_traceback(args: tuple[str, ...]) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"Traceback" not in done.stderr
    assert any(line.startswith("Error") for line in stderr_lines(done.stderr))


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "cp1252"}, {"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}],
    ids=["cp1252", "ascii-C-locale"],
)
def test_stdout_is_utf8_whatever_the_locale(env: dict[str, str]) -> None:
    text = "Le 1ᵉʳ juillet 2022, la Ville de Brest a signé son contrat local de santé avec l’ARS Bretagne.\n"
    done = run_cli("extract", "-", stdin=text.encode("utf-8"), env=env)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-300:]
    (rec,) = jsonl(done.stdout)
    assert rec["signature"]["date"] == "2022-07-01"
    assert rec["territory"]["name"] == "Ville de Brest"
    assert "santé".encode("utf-8") in done.stdout


def test_version() -> None:
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"clsx {clsx.__version__}"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{clsx.__version__}"' in pyproject


SCHEMA_FILE = ROOT / "clsx" / "schema.json"


@pytest.mark.xfail(not SCHEMA_FILE.exists(), reason="clsx/schema.json is not committed yet", strict=True)
def test_schema_prints_the_committed_schema() -> None:
    done = run_cli("schema")
    assert done.returncode == 0
    printed = json.loads(done.stdout.decode("utf-8"))
    assert printed == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_schema_is_a_valid_json_schema(cli_schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(cli_schema)
    assert cli_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@needs_dev
def test_eval_prints_a_table_with_the_headline(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for stem in SAMPLE_STEMS:
        if (DEV_GOLD / f"{stem}.json").exists():
            shutil.copy(DEV_GOLD / f"{stem}.json", gold)
    assert any(gold.iterdir())
    done = run_cli("eval", "--gold", str(gold), "samples/")
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode("utf-8")
    assert "headline" in out
    for field in ("territory_name", "signature_date", "signatories", "axes"):
        assert field in out
    headline = float(out.split("headline (mean field F1):")[1].split()[0])
    assert 0.0 <= headline <= 1.0
