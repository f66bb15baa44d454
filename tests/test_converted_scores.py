"""The dev texts as users have them, web pages, PDFs, .docx and .odt files, extracted through
`clsx extract`: their records score within 0.03 of the plain texts' (mean field F1, the
reference scorer's rules).

Pages wrap each text in a news site's clutter (menu, cookie banner, share buttons, a "read
also" box naming another contract); PDFs set it as a communiqué with a running header and
footer, lines hyphenated at the margin, every other one in two columns, every third with
typographic ligatures. The .docx (python-docx) and .odt files have heading styles, real
bulleted and numbered lists, a contact table and a running header and footer; every other one
types each line of a paragraph as a paragraph of its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from docbuild import html_page, pdf_document
from officebuild import docx_document, odt_document
from helpers import DEV_GOLD, DEV_STEMS, DEV_TEXTS, jsonl, needs_dev, run_cli

from clsx.scoring import score

TOLERANCE = 0.03

pytestmark = needs_dev


@pytest.fixture(scope="module")
def plain(dev_records: list[dict[str, Any]]) -> dict[str, Any]:
    return score(dev_records, DEV_GOLD)


def _extract(folder: Path, kept: Path) -> list[dict[str, Any]]:
    done = run_cli("extract", str(folder), "--jobs", "2", "--keep-text", str(kept))
    assert done.returncode == 0, done.stderr.decode()
    return jsonl(done.stdout)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], Path]:
    folder = tmp_path_factory.mktemp("pages")
    for stem in DEV_STEMS:
        text = (DEV_TEXTS / f"{stem}.txt").read_bytes().decode("utf-8")
        (folder / f"{stem}.html").write_text(html_page(text), encoding="utf-8")
    kept = tmp_path_factory.mktemp("pages_text")
    return _extract(folder, kept), kept


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    for i, stem in enumerate(DEV_STEMS):
        text = (DEV_TEXTS / f"{stem}.txt").read_bytes().decode("utf-8")
        pdf_document(text, folder / f"{stem}.pdf", two_columns=i % 2 == 1, ligatures=i % 3 == 0)
    kept = tmp_path_factory.mktemp("pdfs_text")
    return _extract(folder, kept), kept


def _office(tmp_path_factory: pytest.TempPathFactory, ext: str) -> tuple[list[dict[str, Any]], Path]:
    folder = tmp_path_factory.mktemp(ext)
    build = docx_document if ext == "docx" else odt_document
    for i, stem in enumerate(DEV_STEMS):
        text = (DEV_TEXTS / f"{stem}.txt").read_bytes().decode("utf-8")
        build(text, folder / f"{stem}.{ext}", lines_as_paragraphs=i % 2 == 1)
    kept = tmp_path_factory.mktemp(f"{ext}_text")
    return _extract(folder, kept), kept


@pytest.fixture(scope="module")
def docxs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], Path]:
    return _office(tmp_path_factory, "docx")


@pytest.fixture(scope="module")
def odts(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], Path]:
    return _office(tmp_path_factory, "odt")


CONVERTER = {"pages": "trafilatura", "pdfs": "pdfminer.six", "docxs": "python-docx", "odts": "xml.etree"}


def _report(name: str, plain: dict[str, Any], got: dict[str, Any]) -> str:
    worse = {f: (plain["fields"][f], v) for f, v in got["fields"].items() if v != plain["fields"][f]}
    return f"{name}: headline {got['headline']} vs plain {plain['headline']}; fields that differ: {json.dumps(worse)}; misses: {got['errors'][:6]}"


@pytest.mark.parametrize("kind", list(CONVERTER))
def test_converted_documents_score_like_the_plain_texts(kind: str, plain: dict[str, Any], request: pytest.FixtureRequest) -> None:
    records, _ = request.getfixturevalue(kind)
    assert len(records) == len(DEV_STEMS) and not [r for r in records if "error" in r]
    got = score(records, DEV_GOLD)
    print(_report(kind, plain, got))
    assert got["missing_or_error"] == []
    assert got["headline"] >= plain["headline"] - TOLERANCE, _report(kind, plain, got)


@pytest.mark.parametrize("kind", list(CONVERTER))
def test_spans_index_the_extracted_text_kept_beside(kind: str, request: pytest.FixtureRequest) -> None:
    from helpers import walk_spans

    records, kept = request.getfixturevalue(kind)
    checked = 0
    for rec in records:
        name = Path(rec["source"]["path"]).name
        text = (kept / f"{name}.txt").read_bytes().decode("utf-8")
        assert rec["source"]["chars"] == len(text)
        assert rec["source"]["converter"].split()[0] == CONVERTER[kind]
        for where, span in walk_spans(rec):
            assert text[span["start"] : span["end"]] == span["text"], where
            checked += 1
    assert checked > 200
