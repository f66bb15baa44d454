"""Every command is documented in README.md, and every --help works and shows an example."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from helpers import ROOT
from typer.testing import CliRunner

from clsx.cli import app

README = ROOT / "README.md"
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _readme() -> str:
    return README.read_text(encoding="utf-8") if README.exists() else ""


def test_the_commands_are_the_documented_seven() -> None:
    assert COMMANDS == ["contracts", "eval", "extract", "link", "review", "schema", "show"]


@pytest.mark.parametrize("command", sorted({"contracts", "extract", "schema", "eval", "link", "review", "show", *COMMANDS}))
def test_every_command_appears_in_the_readme(command: str) -> None:
    assert f"clsx {command}" in _readme()


def test_readme_documents_version_and_exit_codes() -> None:
    text = _readme()
    assert "clsx --version" in text
    for code in ("0", "1", "2"):
        assert f"**{code}**" in text or f" {code} " in text


@pytest.mark.parametrize("args", [[], *[[c] for c in COMMANDS]], ids=["clsx", *COMMANDS])
def test_help_works_and_has_an_example(args: list[str]) -> None:
    result = CliRunner().invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "Usage" in result.output


def _error_types_in_the_code() -> set[str]:
    """Every error type clsx can write: the kinds of InputError raised, of error records made by
    `_error` and of the ones written out as dicts (`"type": "bad_record"`)."""
    import re

    found: set[str] = set()
    for path in (ROOT / "clsx").rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'InputError\(\s*"(\w+)"', code))
        found |= set(re.findall(r'_error\(\s*[\w.]+\s*,\s*"(\w+)"', code))
        found |= set(re.findall(r'"type":\s*"(\w+)"', code))
    return found | {"unreadable_docx", "unreadable_odt"}  # the converters' `unreadable_{kind}`


def test_the_error_types_are_collected() -> None:
    assert {"empty", "binary", "too_large", "decode", "unreadable", "no_text", "unreadable_pdf", "keep_text_failed", "extraction_failed", "unsupported_format", "encrypted"} <= _error_types_in_the_code()


@pytest.mark.parametrize("kind", sorted(_error_types_in_the_code()))
def test_every_error_type_the_code_can_emit_is_in_the_readme(kind: str) -> None:
    assert f"`{kind}`" in _readme()
