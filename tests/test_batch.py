"""Batches (clsx/extract.py `extract_batch`, clsx/api.py `batches`): the model parses several
documents at once, yet each record is the one its document gets alone, in input order, a
failing document costs only its own record, and memory does not grow from batch to batch."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import CORPUS, ROOT, shown_path

from clsx.api import batches as _batches
from clsx.extract import BATCH, Options, Task, _parse, extract_batch


def _task(path: str, with_text: bool = False) -> Task:
    return Task(path, Options(None, 10_000_000, 10_000, with_text), listed=True)


def test_batched_records_are_the_records_of_documents_one_by_one(records: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    keys = list(CORPUS)
    tasks = [_task(shown_path(CORPUS[k])) for k in keys]
    batched = [rec for batch in _batches(tasks, 1) for rec in extract_batch(batch)]
    assert len(keys) > BATCH * 2
    for key, rec in zip(keys, batched):
        assert rec == records[key], key


def test_unreadable_inputs_keep_their_place_in_a_batch(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "seed-coevrons-2018.txt"
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    paths = [str(sample), str(tmp_path / "empty.txt"), str(sample), str(tmp_path / "binary.txt"), str(tmp_path / "missing.txt")]
    got = extract_batch([_task(p, with_text=(i == 2)) for i, p in enumerate(paths)])
    assert [r.get("error", {}).get("type") for r in got] == [None, "empty", None, "binary", "vanished"]
    assert got[0]["territory"]["name"] == got[2]["territory"]["name"] == "Communauté de Communes des Coëvrons"
    assert "text" not in got[0] and got[2]["text"] == sample.read_text(encoding="utf-8")


def test_a_document_the_extractors_fail_on_gets_its_error_record_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import clsx.extract as ex

    real = ex.build_traced

    def fragile(ctx: Any, source: Any) -> Any:
        if "Coëvrons" in ctx.clean:
            raise KeyError("boom")
        return real(ctx, source)

    monkeypatch.setattr(ex, "build_traced", fragile)
    paths = sorted(str(p) for p in (ROOT / "samples").glob("*.txt"))
    got = extract_batch([_task(p) for p in paths])
    failed = [r["source"]["path"] for r in got if "error" in r]
    assert failed == [p for p in paths if "Coëvrons" in Path(p).read_text(encoding="utf-8")]
    assert failed and len(failed) < len(paths)
    err = next(r["error"] for r in got if "error" in r)
    assert err["type"] == "extraction_failed" and err["message"].startswith("KeyError: 'boom'")


class _FlakyModel:
    """nlp.pipe fails on a batch holding 'poison'; nlp(text) fails on that text only."""

    def pipe(self, texts: list[str], batch_size: int) -> Any:
        if any("poison" in t for t in texts):
            raise ValueError("bad batch")
        return [t.upper() for t in texts]

    def __call__(self, text: str) -> str:
        if "poison" in text:
            raise ValueError(f"cannot parse {text!r}")
        return text.upper()


def test_when_a_batch_fails_the_model_parses_its_documents_one_by_one() -> None:
    got = _parse(_FlakyModel(), ["un", "poison", "trois"])
    assert got[0] == "UN" and got[2] == "TROIS"
    assert isinstance(got[1], ValueError) and "poison" in str(got[1])
    assert _parse(_FlakyModel(), ["un", "deux"]) == ["UN", "DEUX"]


@pytest.mark.parametrize(
    "n, jobs, sizes",
    [
        (0, 1, []),
        (1, 1, [1]),
        (5, 1, [1, 2, 2]),
        (20, 1, [1, 2, 4, 8, 5]),
        (5, 2, [1, 2, 2]),
        (3, 4, [1, 1, 1]),  # every worker gets work
        (40, 2, [1, 2, 4, 8, 8, 8, 8, 1]),
    ],
)
def test_batches_grow_stay_in_order_and_keep_every_worker_busy(n: int, jobs: int, sizes: list[int]) -> None:
    tasks = [_task(f"{i}.txt") for i in range(n)]
    batches = _batches(tasks, jobs)
    assert [len(b) for b in batches] == sizes
    assert [t for b in batches for t in b] == tasks


def _varied(text: str, rng: random.Random) -> str:
    """The same article about made-up people and places: new words for the vocabulary."""
    made_up = lambda m: "".join(rng.choice("bcdfglmnprstvz") + rng.choice("aeiou") for _ in range(4)).capitalize()  # noqa: E731
    return re.sub(r"\b[A-Z][a-zé]{4,}\b", made_up, text)


def test_memory_stays_flat_from_batch_to_batch(nlp: Any, tmp_path: Path) -> None:
    """The strings and lexemes of a batch's documents are freed with it (nlp.memory_zone);
    parsing the same documents outside a zone would keep them all."""
    rng = random.Random(6)
    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    tasks = []
    for i in range(4 * BATCH):
        path = tmp_path / f"{i:03}.txt"
        path.write_text(_varied(base[i % len(base)], rng), encoding="utf-8")
        tasks.append(_task(str(path)))
    extract_batch(tasks[:BATCH])
    after_one = (len(nlp.vocab.strings), sum(1 for _ in nlp.vocab))
    for k in range(BATCH, len(tasks), BATCH):
        extract_batch(tasks[k : k + BATCH])
    assert (len(nlp.vocab.strings), sum(1 for _ in nlp.vocab)) == after_one
    # the control: without a memory zone, the made-up words stay
    for t in tasks:
        nlp(Path(t.path).read_text(encoding="utf-8"))
    assert len(nlp.vocab.strings) > after_one[0] + 100
