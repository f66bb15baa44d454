"""Session fixtures: the pipeline (loaded once), contexts and records for short French texts,
and the record of every sample text (and every dev text when ../shared sits beside the
checkout, as in CI), each extracted once per session."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from helpers import CORPUS, DEV_STEMS, ROOT, dev_key, shown_path


@pytest.fixture(scope="session")
def nlp() -> Any:
    from clsx.pipeline import load

    return load()


@pytest.fixture(scope="session")
def ctx_of(nlp: Any) -> Callable[[str], Any]:
    """text -> a fresh clsx.doc.Ctx; the parse is cached per text, the warnings list is not shared."""
    from clsx.doc import Ctx
    from clsx.text import normalise

    @lru_cache(maxsize=None)
    def parsed(text: str) -> tuple[Any, Any]:
        t = normalise(text)
        return t, nlp(t.clean)

    def make(text: str) -> Ctx:
        return Ctx(*parsed(text))

    return make


@pytest.fixture(scope="session")
def blank_ctx() -> Callable[[str], Any]:
    """text -> a clsx.doc.Ctx over spacy.blank("fr") and clsx's span_ruler: the lexicon's matches and
    the French tokenizer, without the statistical model (no parse, no entities)."""
    import spacy

    from clsx.doc import Ctx
    from clsx.pipeline import SPANS_KEY, ruler_patterns
    from clsx.text import normalise

    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "validate": True})
    ruler.add_patterns(ruler_patterns())

    def make(text: str) -> Ctx:
        t = normalise(text)
        return Ctx(t, nlp(t.clean))

    return make


@pytest.fixture(scope="session")
def record_of(nlp: Any) -> Callable[[str], dict[str, Any]]:
    """text -> the record `clsx extract -` prints for it, as a dict."""
    from clsx.extract import record_for_text

    @lru_cache(maxsize=None)
    def make(text: str) -> str:
        return record_for_text(text).model_dump_json()

    import json

    return lambda text: json.loads(make(text))


@pytest.fixture(scope="session")
def texts() -> dict[str, str]:
    """stem -> the text exactly as clsx decodes it (the text every span indexes)."""
    from clsx.source import load

    return {stem: load(str(path)).text for stem, path in CORPUS.items()}


@pytest.fixture(scope="session")
def records(nlp: Any) -> dict[str, dict[str, Any]]:
    """stem -> record, as `clsx extract samples/ ../shared/dev/texts` prints it from the repository root."""
    from clsx.extract import extract_path

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return {stem: extract_path(shown_path(path)) for stem, path in CORPUS.items()}


@pytest.fixture(scope="session")
def dev_records(records: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The record of every dev text (a sample stands in for its byte-identical dev copy)."""
    if not DEV_STEMS:
        pytest.skip("../shared/dev is not beside this checkout")
    return [records[dev_key(s)] for s in DEV_STEMS]


@pytest.fixture(scope="session")
def set_lines(nlp: Any) -> Callable[[Path], list[str]]:
    """A folder of grouped articles (texts/, groups.json) -> the JSON line of each text, in
    name order, as `clsx extract FOLDER/texts` prints it; extracted once per session."""
    from clsx.extract import extract_path, to_line

    @lru_cache(maxsize=None)
    def lines(folder: Path) -> tuple[str, ...]:
        return tuple(to_line(extract_path(str(p))) for p in sorted((folder / "texts").glob("*.txt")))

    return lambda folder: list(lines(folder))


@pytest.fixture(scope="session")
def cli_schema() -> dict[str, Any]:
    """The JSON Schema as `clsx schema` prints it."""
    import json

    from helpers import run_cli

    done = run_cli("schema")
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout.decode("utf-8"))


@pytest.fixture(scope="session")
def short_texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24 short press releases (the first lines of each sample, numbered): a batch that two
    workers share, quick to extract."""
    folder = tmp_path_factory.mktemp("short")
    samples = [p.read_text(encoding="utf-8").splitlines() for p in sorted((ROOT / "samples").glob("*.txt"))]
    for i in range(24):
        lines = samples[i % len(samples)]
        (folder / f"{i:02}.txt").write_text("\n".join(lines[: 6 + i % 4]) + f"\n\nCommuniqué n° {i}.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def short_reference(short_texts: Path) -> bytes:
    """What `clsx extract` of the short texts writes on stdout, in one process, never stopped."""
    from helpers import jsonl, run_cli

    done = run_cli("extract", str(short_texts))
    assert done.returncode == 0, done.stderr.decode()
    assert len(jsonl(done.stdout)) == 24
    return done.stdout
