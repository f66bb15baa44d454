"""What starting clsx imports and loads (each check in a fresh interpreter); timings are
bench/run.py's business, not the tests'."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from helpers import ROOT, jsonl, run_cli

HEAVY = ["spacy", "thinc", "numpy", "dateparser", "rich", "pydantic"]


def _python(code: str, **env: str) -> Any:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, env={**os.environ, **env}, timeout=600, check=True
    )
    return json.loads(out.stdout.decode().splitlines()[-1])


@pytest.mark.parametrize(
    "module, allowed",
    [
        ("clsx", []),
        ("clsx.cli", []),
        ("clsx.extract", ["pydantic"]),  # the record models; spaCy comes with the pipeline, at the first document
    ],
)
def test_importing_clsx_loads_nothing_heavy(module: str, allowed: list[str]) -> None:
    loaded = _python(f"import sys, json, {module}; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    assert sorted(loaded) == sorted(allowed)


LAZY_CHECK = """
import json, sys
import clsx.fast_tokenizer as ft
from clsx.pipeline import load
nlp = load()
pipeline = {"pipes": nlp.pipe_names, "strings": len(nlp.vocab.strings), "factored": ft.is_factored(nlp)}
before = [type(sys.modules["spacy.cli"]).__name__, "weasel" in sys.modules]
import spacy
info = spacy.info(silent=True)
spacy.cli.download  # the real command line, imported on first use
after = [type(sys.modules["spacy.cli"]).__name__, "weasel" in sys.modules, callable(spacy.cli.download)]
print(json.dumps({"before": before, "after": after, "info": sorted(info)[:3], "pipeline": pipeline}))
"""


def test_opt_in_lazy_spacy_cli_defers_and_then_works() -> None:
    got = _python(LAZY_CHECK, CLSX_LAZY_SPACY_CLI="1")
    assert got["before"] == ["_Placeholder", False]
    assert got["after"] == ["module", True, True]
    assert got["info"]


def test_without_the_opt_in_spacy_cli_is_spacys_and_the_pipeline_is_lean() -> None:
    got = _python(LAZY_CHECK, CLSX_LAZY_SPACY_CLI="")
    assert got["before"] == ["module", True]
    # what clsx does not read is left out: morphologizer, attribute_ruler, lemmatizer, the 713k strings
    assert got["pipeline"]["pipes"] == ["clsx_rules", "tok2vec", "parser", "ner"]
    assert got["pipeline"]["strings"] < 50_000
    assert got["pipeline"]["factored"]


# the `clsx` command run in-process, reporting at its exit (os._exit, no atexit) what spacy.cli was
COMMAND_CHECK = """
import json, os, sys
real = os._exit
def report(code):
    print(json.dumps([code, type(sys.modules["spacy.cli"]).__name__, "weasel" in sys.modules]))
    sys.stdout.flush()
    real(code)
os._exit = report
from clsx.cli import run
run(["extract", "samples/seed-coevrons-2018.txt"])
"""


@pytest.mark.parametrize(("value", "deferred"), [("", True), ("1", True), ("0", False)])
def test_the_clsx_command_defers_spacy_cli_unless_told_not_to(value: str, deferred: bool) -> None:
    assert _python(COMMAND_CHECK, CLSX_LAZY_SPACY_CLI=value) == ([0, "_Placeholder", False] if deferred else [0, "module", True])


@pytest.mark.parametrize("value", ["", "0"])
def test_deferred_or_not_the_records_are_the_same(value: str, records: dict[str, dict[str, Any]]) -> None:
    done = run_cli("extract", "samples/seed-coevrons-2018.txt", env={"CLSX_LAZY_SPACY_CLI": value})
    assert done.returncode == 0
    assert jsonl(done.stdout) == [records["seed-coevrons-2018"]]
