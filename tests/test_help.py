"""`clsx COMMAND --help` as a user reads it: a usage line with plain metavars (PATH..., FILE,
N), no typer artefacts ({paths}..., <list[str]>, <int range>), every valid --kind, no option
the command lacks, and exit codes that fit the command."""

from __future__ import annotations

import re

import pytest
import typer
from helpers import run_cli

from clsx.cli import app
from clsx.model import TerritoryKind

GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]


def _help(*command: str) -> str:
    done = run_cli(*command, "--help", env={"COLUMNS": "100"})
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    return done.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def helps() -> dict[str, str]:
    return {name: _help(name) for name in COMMANDS} | {"clsx": _help()}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _options(command: str) -> set[str]:
    params = GROUP.commands[command].params  # type: ignore[attr-defined]
    return {o for p in params for o in [*p.opts, *p.secondary_opts] if o.startswith("-")} | {"--help"}


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("extract", "Usage: clsx extract [OPTIONS] PATH..."),
        ("eval", "Usage: clsx eval [OPTIONS] PATH..."),
        ("show", "Usage: clsx show [OPTIONS] PATH..."),
        ("review", "Usage: clsx review [OPTIONS] FILE..."),
        ("contracts", "Usage: clsx contracts [OPTIONS] FILE..."),
        ("link", "Usage: clsx link [OPTIONS] NAME"),
        ("schema", "Usage: clsx schema [OPTIONS]"),
    ],
)
def test_the_usage_line_names_the_arguments_plainly(helps: dict[str, str], command: str, usage: str) -> None:
    assert helps[command].splitlines()[0] == usage


@pytest.mark.parametrize("command", [*COMMANDS, "clsx"])
def test_no_typer_artefacts(helps: dict[str, str], command: str) -> None:
    text = helps[command]
    assert not re.search(r"<[a-z][a-z \[\],]*>", text), text  # <list[str]>, <int range>, <path>, <str>
    assert "{" not in text and "list[" not in text


@pytest.mark.parametrize(
    ("command", "rows"),
    [
        ("extract", ["-o, --output FILE", "-f, --format FORMAT", "--delimiter CHAR", "--keep-text DIR", "--glob PATTERNS", "-j, --jobs N", "--encoding NAME", "--max-bytes N", "--max-tokens N"]),
        ("eval", ["--gold DIR", "--glob PATTERNS"]),
        ("link", ["--kind KIND", "--department DEPARTMENT", "--region REGION"]),
        ("review", ["-o, --output FILE", "--title TEXT"]),
        ("contracts", ["-o, --output FILE", "-f, --format FORMAT", "--html FILE", "--review PAGE"]),
    ],
)
def test_options_show_plain_metavars(helps: dict[str, str], command: str, rows: list[str]) -> None:
    lines = [line.strip() for line in helps[command].splitlines()]
    for row in rows:
        assert any(line.startswith(row + " ") for line in lines), row


def test_link_lists_every_kind(helps: dict[str, str]) -> None:
    text = _flat(helps["link"])
    for kind in TerritoryKind.__args__:  # type: ignore[attr-defined]
        assert re.search(rf"\b{kind}\b", text), kind


@pytest.mark.parametrize("command", COMMANDS)
def test_no_option_named_that_the_command_lacks(helps: dict[str, str], command: str) -> None:
    """An option in a command's help is its own, unless the help says whose ('clsx extract --with-text')."""
    text = _flat(helps[command])
    for m in re.finditer(r"(?<![\w-])--?[a-z][a-z-]*", text):
        if m.group() in _options(command):
            continue
        whose = re.findall(r"clsx (\w+)", text[max(0, m.start() - 60) : m.start()])
        assert whose and m.group() in _options(whose[-1]), f"{command} --help names {m.group()}"


def test_eval_help_does_not_mention_resume(helps: dict[str, str]) -> None:
    assert "--resume" not in helps["eval"]


@pytest.mark.parametrize(
    ("command", "codes"),
    [
        ("extract", ["0 all documents extracted", "1 some gave error records", "2 usage error", "3 a folder given holds no file to read",
                     "4 a worker process died", "5 -o is being written by another run", "6 the output could not be written", "130/143 interrupted", "141 the reader of stdout went away"]),
        ("eval", ["0 scored", "2 usage error", "3 a folder given holds no file to read"]),
        ("show", ["0 shown", "1 a document gave an error record", "2 usage error", "3 a folder holds no file to read"]),
        ("review", ["0 page written", "1 some lines were not valid records", "2 usage error", "6 the page could not be written"]),
        ("contracts", ["0 done", "1 some lines were not records", "2 usage error", "6 the output could not be written"]),
        ("link", ["0 looked up", "2 usage error"]),
        ("schema", ["0 printed"]),
        ("clsx", ["0 done", "2 usage error", "3 a folder given holds no file to read", "6 the output could not be written", "130/143 interrupted"]),
    ],
)
def test_each_command_gives_its_own_exit_codes(helps: dict[str, str], command: str, codes: list[str]) -> None:
    text = _flat(helps[command])
    assert "Exit codes: " in text
    for code in codes:
        assert code in text
    if command not in ("extract", "clsx"):
        assert "130" not in text and "--resume" not in text


def test_the_command_list_gives_each_a_whole_line(helps: dict[str, str]) -> None:
    listed = helps["clsx"].split("Commands:")[1].split("Exit codes")[0]
    rows = [line.split(None, 1) for line in listed.strip().splitlines()]
    assert sorted(name for name, _ in rows) == COMMANDS
    assert all(not summary.endswith("...") and summary.endswith(".") for _, summary in rows)
