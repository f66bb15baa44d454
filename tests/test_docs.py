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


def test_every_error_type_is_documented() -> None:
    """The types of error records: those clsx raises (InputError), writes (extract.py), and the
    converters' `unreadable_{kind}` for each zipped format."""
    import re

    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "clsx").rglob("*.py"))
    kinds = set(re.findall(r'InputError\(\s*"([a-z_]+)"', source)) | set(re.findall(r'_error\(shown, "([a-z_]+)"', source))
    kinds |= {"extraction_failed", "unreadable_docx", "unreadable_odt"}
    assert {"binary", "unsupported_format", "encrypted", "too_large", "keep_text_failed"} <= kinds
    undocumented = sorted(k for k in kinds if f"`{k}`" not in _readme())
    assert undocumented == []


def _properties(schema: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    defs = schema["$defs"]  # type: ignore[index]
    return [(f"{name}.{field}", prop) for name, model in defs.items() for field, prop in model.get("properties", {}).items()]  # type: ignore[union-attr]


def test_every_field_of_the_schema_has_a_description() -> None:
    from clsx.cli import schema_dict

    props = _properties(schema_dict())
    assert len(props) > 80
    assert [name for name, prop in props if not prop.get("description")] == []
