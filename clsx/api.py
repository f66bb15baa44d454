"""clsx from Python: one text to one record, or many files to records in input order.

    import clsx
    rec = clsx.extract_text(open("article.txt").read())
    rec.territory.name, rec.signature.date
    for rec in clsx.extract_files(["corpus/"]):
        print(rec.model_dump_json())

`extract_files` does what `clsx extract` does (the CLI is wiring over it): folders walked in
sorted order, one record or error record per input, batches parsed together by the model,
`jobs` worker processes forked after one load of the model, and `skip` for the documents an
earlier run already wrote (--resume).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Union

from .extract import BATCH, Options, Task, extract_batch, pending_for_text, finish
from .limits import MAX_TOKENS
from .model import ErrorRecord, Record
from .source import DEFAULT_GLOB, MAX_BYTES, STDIN, expand
from .workers import Death, ordered

Result = Union[Record, ErrorRecord]


def extract_text(
    text: str, source: str | None = None, *, published: dt.date | None = None, max_tokens: int = MAX_TOKENS
) -> Record:
    """The record of one decoded text. `source`: the path recorded in `source.path` ('-' if
    None); `published`: the article's own date, the reference for dates written without a year."""
    from .pipeline import load

    nlp = load()
    p = pending_for_text(text, source or STDIN, published=published, max_tokens=max_tokens)
    with nlp.memory_zone():
        return finish(p, nlp(p.clean.clean))


def batches(tasks: list[Task], jobs: int = 1) -> list[list[Task]]:
    """Consecutive batches of 1, 2, 4, then BATCH tasks (the first records come at once), never
    more than an equal share per worker (so that every worker has work)."""
    cap = max(1, min(BATCH, -(-len(tasks) // max(1, jobs))))
    out, i, size = [], 0, 1
    while i < len(tasks):
        n = min(size, cap)
        out.append(tasks[i : i + n])
        i, size = i + n, size * 2
    return out


def _work(batch: list[Task]) -> list[dict[str, Any]]:
    return extract_batch(batch)


def _lost(task: Task, death: Death) -> dict[str, Any]:
    from .extract import worker_died

    return worker_died(task.path, f"the worker process {death.how()} twice while extracting this document (the second time alone)")


def records(tasks: list[Task], jobs: int = 1, on_death: Callable[[Death], None] | None = None) -> Iterator[dict[str, Any]]:
    """JSON-ready records of `tasks`, in input order, from this process or `jobs` forked workers.
    A worker that dies is noticed at once (`on_death` is told): its documents are redone one at a
    time, and one whose worker dies again alone gets an `extraction_failed` record."""
    groups = batches(tasks, jobs)
    if jobs <= 1 or len(groups) <= 1:
        for batch in groups:
            yield from extract_batch(batch)
        return
    import gc

    from .pipeline import load

    load()  # once, before the fork: the workers share its memory instead of each loading a copy
    gc.freeze()  # and the collector does not write to (and so copy) the pages they share
    for out in ordered(groups, jobs, _work, _lost, on_death):
        yield from out


def tasks_for(
    paths: Iterable[str],
    options: Options = Options(),
    glob: str = DEFAULT_GLOB,
    keep_text: Callable[[list[str]], dict[str, str]] | None = None,
    skip: Callable[[str], bool] | None = None,
) -> list[Task]:
    """One task per input file (folders walked), in order; `keep_text` names where each
    extracted text goes, `skip` leaves out what an earlier run already holds."""
    files = [f for f in expand(paths, glob)]
    kept = keep_text(files) if keep_text else {}
    return [Task(f, options, f != STDIN, kept.get(f)) for f in files if not (skip and skip(f))]


def already_done(done: Any, options: Options) -> Callable[[str], bool]:
    """For --resume: whether an earlier run's output (clsx.output.Done) holds a file's record, by
    path and doc_id (a file changed since is done again), or its error record (kept, not retried).
    The doc_id is of the text the record's spans index, read as extraction reads it (a page's,
    a PDF's, a .docx's extracted text). Each line of the output stands for one input: a file
    given twice is skipped twice only when it is there twice."""
    from collections import Counter

    from .convert import read_document
    from .extract import display_path
    from .record import doc_id

    records, errors = Counter(done.records), Counter(done.errors)

    def skip(path: str) -> bool:
        shown = display_path(path)
        if errors[shown] > 0:
            errors[shown] -= 1
            return True
        if shown not in done.paths:
            return False
        try:
            key = (shown, doc_id(read_document(path, options.encoding, options.max_bytes, True)[0].text))
        except Exception:  # unreadable now (or a converter bug): its error record is written
            return False
        if records[key] <= 0:
            return False
        records[key] -= 1
        return True

    return skip


def extract_files(
    paths: Iterable[str],
    *,
    glob: str = DEFAULT_GLOB,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_tokens: int = MAX_TOKENS,
    with_text: bool = False,
    jobs: int = 1,
) -> Iterator[Result]:
    """A record (or an error record, for an input that cannot be read) per input, in input order.
    Never raises for a bad input: the batch goes on."""
    tasks = tasks_for(paths, Options(encoding, max_bytes, max_tokens, with_text), glob)
    for data in records(tasks, jobs):
        yield ErrorRecord.model_validate(data) if "error" in data else Record.model_validate(data)
