"""The README's tables of record fields, made from the JSON Schema of the record model
(clsx/model.py: every field's `description`), so that the README says what the code does.

    .venv/bin/python scripts/field_table.py           # print the tables
    .venv/bin/python scripts/field_table.py --write   # put them in README.md, between the markers

tests/test_docs.py checks that README.md holds exactly what this prints.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN = "<!-- fields: made by scripts/field_table.py --write from clsx/model.py; do not edit by hand -->"
END = "<!-- end of fields -->"
SPAN = "#/$defs/Span"


def _def(schema: dict[str, Any], ref: str) -> dict[str, Any]:
    return schema["$defs"][ref.rsplit("/", 1)[1]]


def _type(prop: dict[str, Any]) -> str:
    """'string', 'integer or null', 'list of objects', '`signed`, `planned` or null', 'span'…"""
    if "anyOf" in prop:
        kinds = [_type(p) for p in prop["anyOf"] if p.get("type") != "null"]
        nullable = any(p.get("type") == "null" for p in prop["anyOf"])
        return " or ".join(kinds) + (" or null" if nullable else "")
    if prop.get("$ref") == SPAN:
        return "span"
    if "$ref" in prop:
        return "object"
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return ", ".join(f"`{v}`" for v in prop["enum"])
    if prop.get("type") == "array":
        item = _type(prop["items"])
        return f"list of {item}s" if item in ("object", "string", "span") else f"list of {item}"
    return str(prop.get("type", "any"))


def _child(prop: dict[str, Any]) -> tuple[str, str] | None:
    """('', ref) for an object field, ('[]', ref) for a list of objects, None for a value (spans are one table of their own)."""
    for p in prop.get("anyOf", [prop]):
        if "$ref" in p and p["$ref"] != SPAN:
            return "", p["$ref"]
        if p.get("type") == "array" and "$ref" in p["items"] and p["items"]["$ref"] != SPAN:
            return "[]", p["items"]["$ref"]
    return None


def rows(schema: dict[str, Any], ref: str, prefix: str = "") -> Iterator[tuple[str, str, str]]:
    """(field path, type, description) for every field of the model at `ref`, depth first."""
    for name, prop in _def(schema, ref)["properties"].items():
        path = f"{prefix}{name}"
        yield path, _type(prop), prop.get("description", "")
        child = _child(prop)
        if child:
            yield from rows(schema, child[1], f"{path}{child[0]}.")


def _table(lines: Iterator[tuple[str, str, str]]) -> list[str]:
    out = ["| field | type | meaning |", "| --- | --- | --- |"]
    out += [f"| `{path}` | {kind} | {text.replace('|', '/')} |" for path, kind, text in lines]
    return out


def tables(schema: dict[str, Any]) -> str:
    """The record's fields, the fields of every span, then the error record's."""
    parts = [
        "A record (one line per document):",
        "",
        *_table(rows(schema, "#/$defs/Record")),
        "",
        "Every `span` (the evidence of a value; `null` where the value is):",
        "",
        *_table(rows(schema, SPAN, "span.")),
        "",
        "An error record (a document that could not be read or processed):",
        "",
        *_table(rows(schema, "#/$defs/ErrorRecord")),
    ]
    return "\n".join([BEGIN, *parts, END])


def current() -> str:
    sys.path.insert(0, str(ROOT))
    from clsx.cli import schema_dict

    return tables(schema_dict())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="replace the tables in README.md")
    args = ap.parse_args()
    text = current()
    if not args.write:
        print(text)
        return
    readme = README.read_text(encoding="utf-8")
    if BEGIN not in readme or END not in readme:
        raise SystemExit(f"README.md has no markers: put these two lines where the tables go:\n{BEGIN}\n{END}")
    head, rest = readme.split(BEGIN, 1)
    README.write_text(head + text + rest.split(END, 1)[1], encoding="utf-8")


if __name__ == "__main__":
    main()
