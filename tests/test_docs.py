"""README.md documents every command (a section and an example each) and every field of a
record (the tables made from the model's descriptions), links every page of docs/, and keeps
the two set-up commands; every --help works and shows an example."""

from __future__ import annotations

import re
from typing import get_args, get_origin

import pytest
from pydantic import BaseModel
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
def test_every_command_has_a_readme_section_with_an_example(command: str) -> None:
    text = _readme()
    assert f"\n### `clsx {command}`" in text
    section = text.split(f"\n### `clsx {command}`", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    examples = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    assert any(line.startswith(f"clsx {command}") or f"| clsx {command}" in line for block in examples for line in block.splitlines())


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


def _properties(schema: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    defs = schema["$defs"]  # type: ignore[index]
    return [(f"{name}.{field}", prop) for name, model in defs.items() for field, prop in model.get("properties", {}).items()]  # type: ignore[union-attr]


def test_every_field_of_the_schema_has_a_description() -> None:
    from clsx.cli import schema_dict

    props = _properties(schema_dict())
    assert len(props) > 80
    assert [name for name, prop in props if not prop.get("description")] == []


def _field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field of a model as the README's tables name it ('territory.link.candidates[].code'),
    read from the pydantic classes (not the schema the tables are made from); spans have a table of their own."""
    from clsx.model import Span

    out = []
    for name, info in model.model_fields.items():
        out.append(prefix + name)
        listed = get_origin(info.annotation) is list
        inner = [a for t in (get_args(info.annotation) or (info.annotation,)) for a in (get_args(t) or (t,))]
        for sub in inner:
            if isinstance(sub, type) and issubclass(sub, BaseModel) and sub is not Span:
                out += _field_paths(sub, f"{prefix}{name}{'[]' if listed else ''}.")
    return out


def _documented_fields() -> list[str]:
    text = _readme()
    assert FIELDS_BEGIN in text, "the README has no field tables: run scripts/field_table.py --write"
    tables = text.split(FIELDS_BEGIN, 1)[1].split(FIELDS_END, 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", tables, flags=re.M)


FIELDS_BEGIN = "<!-- fields: made by scripts/field_table.py --write from clsx/model.py; do not edit by hand -->"
FIELDS_END = "<!-- end of fields -->"


def test_every_record_field_is_in_the_readme_table() -> None:
    from clsx.model import ErrorRecord, Record, Span

    documented = set(_documented_fields())
    expected = _field_paths(Record) + _field_paths(Span, "span.") + _field_paths(ErrorRecord)
    assert len(expected) > 80
    assert [p for p in expected if p not in documented] == []
    assert sorted(documented - set(expected)) == []  # nothing documented that a record lacks


def test_the_readme_tables_are_the_ones_the_model_gives() -> None:
    """Made by scripts/field_table.py from the JSON Schema's descriptions: regenerated, not edited."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("field_table", ROOT / "scripts" / "field_table.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    assert module.current() in _readme(), "the README's field tables are stale: run .venv/bin/python scripts/field_table.py --write"


def test_the_readme_links_every_page_of_docs() -> None:
    text = _readme()
    linked = set(re.findall(r"\]\((docs/[^)#]+)", text))
    pages = {f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md")}
    assert pages and pages <= linked
    assert [p for p in linked if not (ROOT / p).exists()] == []


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs").glob("*.md")))
def test_the_docs_link_only_to_what_exists(page: str) -> None:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)#]+)", text) if "://" not in t]
    assert [t for t in targets if not (ROOT / "docs" / t).exists()] == []


def test_the_readme_keeps_the_two_set_up_commands_and_says_how_to_reach_clsx() -> None:
    text = _readme()
    assert "./scripts/setup.sh && .venv/bin/clsx extract samples/" in text
    assert "\n./scripts/test.sh " in text
    assert "source .venv/bin/activate" in text and "\n.venv/bin/clsx extract samples/\n" in text


def test_the_readme_documents_the_python_api() -> None:
    import clsx

    text = _readme()
    for name in ("extract_text", "extract_files"):
        assert name in clsx.__all__ and f"clsx.{name}(" in text


def test_the_readme_documents_every_exit_code() -> None:
    text = _readme()
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ("0", "1", "2", "3", "130", "143"):
        assert f"**{code}**" in section


def test_the_readme_example_record_is_the_samples_own() -> None:
    """Its spans index the sample as decoded, and its doc_id is the sample's."""
    import hashlib
    import json

    sample = ROOT / "samples" / "seed-coevrons-2018.txt"
    raw = sample.read_text(encoding="utf-8")
    example = _readme().split("## An example record", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    spans = re.findall(r'"start": (\d+), "end": (\d+), "text": ("(?:[^"\\]|\\.)*")', example)
    assert len(spans) >= 6
    for start, end, text in spans:
        assert raw[int(start) : int(end)] == json.loads(text)
    assert f'"doc_id": "{hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]}"' in example
