"""The evidence contract on every real text: each span indexes the text as decoded, and every
record validates against the schema `clsx schema` prints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import CORPUS, walk_spans


@pytest.mark.parametrize("stem", sorted(CORPUS))
def test_every_span_indexes_the_decoded_text(stem: str, records: dict[str, dict[str, Any]], texts: dict[str, str]) -> None:
    rec, raw = records[stem], texts[stem]
    assert "error" not in rec, rec.get("error")
    spans = list(walk_spans(rec))
    assert spans, "a real press release gives some evidence"
    for where, span in spans:
        assert 0 <= span["start"] <= span["end"] <= len(raw), where
        assert raw[span["start"] : span["end"]] == span["text"], where
        assert span["text"] and span["text"] == span["text"].strip(), f"{where}: evidence is trimmed and not empty"


@pytest.mark.parametrize("stem", sorted(CORPUS))
def test_record_validates_against_the_schema(stem: str, records: dict[str, dict[str, Any]], cli_schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(cli_schema).validate(records[stem])


@pytest.mark.parametrize("stem", sorted(CORPUS))
def test_record_meets_the_contract(stem: str, records: dict[str, dict[str, Any]], texts: dict[str, str]) -> None:
    """RECORD.md: unknown is null or [], never an empty string; doc_id and source describe the decoded text."""
    import hashlib

    rec, raw = records[stem], texts[stem]
    sha = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    assert rec["schema_version"] == "1"
    assert rec["doc_id"] == sha[:16]
    assert rec["source"]["sha256"] == sha and rec["source"]["chars"] == len(raw)
    assert Path(rec["source"]["path"]).name == CORPUS[stem].name

    def no_empty_strings(v: Any, where: str) -> None:
        if isinstance(v, str):
            assert v != "", where
        elif isinstance(v, dict):
            for k, x in v.items():
                no_empty_strings(x, f"{where}.{k}")
        elif isinstance(v, list):
            for i, x in enumerate(v):
                no_empty_strings(x, f"{where}[{i}]")

    no_empty_strings(rec, "$")


def test_error_records_validate_against_the_schema(tmp_path: Path, cli_schema: dict[str, Any]) -> None:
    from clsx.extract import extract_path

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    for name, kind in [("empty.txt", "empty"), ("bin.txt", "binary"), ("missing.txt", "not_found")]:
        rec = extract_path(str(tmp_path / name))
        assert rec["error"]["type"] == kind
        jsonschema.Draft202012Validator(cli_schema).validate(rec)
