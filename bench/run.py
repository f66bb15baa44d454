"""How fast clsx starts and runs on this machine: a benchmark to read, not a test that fails.

    .venv/bin/python bench/run.py                 # 5 runs, 1,000 documents (about 20 min on 2 cores)
    .venv/bin/python bench/run.py --runs 3 --docs 200   # a quicker look (docs/s noisier)
    .venv/bin/python bench/run.py --runs 1 --docs 10000 --skip cold,split,stock   # memory over 10,000

Prints, side by side, median / min / max over --runs runs:
  1. cold start: `clsx extract <one sample>` (also without the compiled-regex cache, as on a
     first run, and with CLSX_LAZY_SPACY_CLI=0: spaCy's command line imported) against
     `python -c "import spacy; spacy.load('fr_core_news_md')"`: wall time, CPU time, peak RSS;
  2. batch: docs/s and chars/s of `clsx extract DIR --jobs 1` and `--jobs 2` against bare
     `nlp.pipe` of the stock model over the same files, with the peak RSS and the peak PSS
     (/proc/PID/status and smaps_rollup, summed over the command's processes, sampled 4 times a
     second) and the PSS when a tenth and nine tenths of the documents were out;
  3. the per-document split of clsx's time: model, rules, dates, record building.
The documents are made from the samples, the dev texts (../shared, when there) and
tests/data/real, each copy varied (paragraph order, names, days, years) so caches don't flatter.
Figures depend on the machine and its load: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SOURCES = [ROOT / "samples", ROOT.parent / "shared" / "dev" / "texts", ROOT / "tests" / "data" / "real" / "texts"]
STARTUP_DOCS = 4  # the batch's start-up is timed on this many documents (2 workers get 2 each)
STOCK_LOAD = "import spacy; spacy.load('fr_core_news_md')"
# bare nlp.pipe of the stock model over the files, one line out per document (as clsx writes)
STOCK_PIPE = """
import sys, spacy
from pathlib import Path
nlp = spacy.load('fr_core_news_md')
files = sorted(Path(sys.argv[1]).glob('*.txt'))
for doc in nlp.pipe(f.read_text(encoding='utf-8') for f in files):
    print(len(doc), flush=True)
"""


def clsx_command() -> list[str]:
    script = Path(sys.executable).parent / "clsx"
    return [str(script)] if script.exists() else [sys.executable, "-m", "clsx.cli"]


# ---- running a command and watching its memory -------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def _kb(pid: int, field: str, name: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Run:
    """One command: wall time, lines out, peak RSS (os.wait4) and memory samples
    (lines out so far, summed PSS KB, summed RSS KB) of its whole process tree."""

    def __init__(self, cmd: list[str], watch: bool = False, env: dict[str, str] | None = None) -> None:
        self.cmd, self.watch, self.env = cmd, watch, {**os.environ, **(env or {})}
        self.lines = 0
        self.samples: list[tuple[int, int, int]] = []
        self.maxrss_kb = 0

    def go(self) -> Run:
        start = time.perf_counter()
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE, stderr=err, cwd=ROOT, env=self.env)
            stop = threading.Event()
            sampler = threading.Thread(target=self._sample, args=(proc.pid, stop), daemon=True)
            if self.watch:
                sampler.start()
            assert proc.stdout is not None
            for _ in proc.stdout:
                self.lines += 1
            _, status, usage = os.wait4(proc.pid, 0)
            self.wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            stop.set()
            if self.watch:
                sampler.join()
            self.maxrss_kb = usage.ru_maxrss
            self.cpu = usage.ru_utime + usage.ru_stime
            if proc.returncode not in (0, 1):
                err.seek(0)
                sys.exit(f"{' '.join(self.cmd)} failed ({proc.returncode}):\n{err.read().decode()[-2000:]}")
        return self

    def _sample(self, pid: int, stop: threading.Event) -> None:
        while not stop.wait(0.25):
            tree = _tree(pid)
            pss = sum(_kb(p, "Pss", "smaps_rollup") for p in tree)
            rss = sum(_kb(p, "VmRSS", "status") for p in tree)
            if pss:
                self.samples.append((self.lines, pss, rss))

    def pss_at(self, fraction: float) -> int:
        """Summed PSS when `fraction` of the documents were out (first sample at or after)."""
        want = self.lines * fraction
        return next((pss for n, pss, _ in self.samples if n >= want), 0)


# ---- the documents -----------------------------------------------------------------------

FIRST_NAMES = ["Jean", "Marie", "Pierre", "Anne", "Philippe", "Sophie", "Michel", "Catherine", "Alain", "Isabelle",
               "Christophe", "Nathalie", "François", "Valérie", "Laurent", "Sandrine", "Thierry", "Hélène", "Éric", "Claire"]
SURNAMES = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Garnier", "Rousseau", "Fontaine", "Chevalier",
            "Perrin", "Morel", "Girard", "Lambert", "Bonnet", "Faure", "Mercier", "Blanc", "Guérin", "Boyer"]
_NAME = re.compile(r"\b(" + "|".join(FIRST_NAMES) + r")([- ])([A-ZÉ][\w-]+)")
_YEAR = re.compile(r"(?<!\d)(20[0-2]\d)(?!\d)")
_DAY = re.compile(r"(?<!\d)([1-2]?\d)(?= (?:janvier|février|mars|avril|mai|juin|juillet|septembre|octobre|novembre))")


def sources() -> list[str]:
    texts = []
    for folder in SOURCES:
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    return texts


def vary(text: str, rng: random.Random) -> str:
    """The same kind of article with other names, days, years and paragraph order (the title
    and the first paragraph stay first)."""
    parts = re.split(r"(\n\s*\n)", text)
    body = parts[4::2]
    rng.shuffle(body)
    parts[4::2] = body
    text = "".join(parts)
    names: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        if m[0] not in names:
            names[m[0]] = f"{rng.choice(FIRST_NAMES)}{m[2]}{rng.choice(SURNAMES)}"
        return names[m[0]]

    text = _NAME.sub(rename, text)
    shift = rng.randint(-3, 3)
    text = _YEAR.sub(lambda m: str(int(m[1]) + shift), text)
    return _DAY.sub(lambda m: str(rng.randint(1, 28)), text)


def make_docs(n: int, folder: Path) -> tuple[list[Path], int]:
    base = sources()
    rng = random.Random(6)
    paths, chars = [], 0
    for i in range(n):
        text = vary(base[i % len(base)], rng) if i >= len(base) else base[i]
        path = folder / f"doc{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        chars += len(text)
    return paths, chars


# ---- the per-document split --------------------------------------------------------------


class Split:
    """Exclusive time per category: a wrapped function's time goes to its category, minus the
    time of wrapped functions it calls. Installed only in the benchmark's process."""

    def __init__(self) -> None:
        self.total: dict[str, float] = {}
        self.stack = ["record"]
        self.mark = time.perf_counter()

    def _switch(self, to: str | None) -> None:
        now = time.perf_counter()
        top = self.stack[-1]
        self.total[top] = self.total.get(top, 0.0) + now - self.mark
        self.mark = now
        if to is None:
            self.stack.pop()
        else:
            self.stack.append(to)

    def wrap(self, func: Callable[..., Any], category: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._switch(category)
            try:
                return func(*args, **kwargs)
            finally:
                self._switch(None)

        timed.__wrapped__ = func  # type: ignore[attr-defined]
        return timed

    def stop(self) -> None:
        """Charge the time since the last switch to the category running now."""
        now = time.perf_counter()
        self.total[self.stack[-1]] = self.total.get(self.stack[-1], 0.0) + now - self.mark
        self.mark = now

    def reset(self) -> None:
        self.total, self.stack, self.mark = {}, ["record"], time.perf_counter()


def install_split() -> Split:
    """Wrap every clsx.mentions.dates function wherever clsx imported it, and the rule-match readers."""
    import clsx.record  # noqa: F401  (imports every extractor)
    from clsx.doc import Ctx

    split = Split()
    wrapped: dict[int, Callable[..., Any]] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("clsx"):
            continue
        for attr, value in list(vars(module).items()):
            if callable(value) and getattr(value, "__module__", "") == "clsx.mentions.dates" and not isinstance(value, type):
                if id(value) not in wrapped:
                    wrapped[id(value)] = split.wrap(value, "dates")
                setattr(module, attr, wrapped[id(value)])
    for attr in ("matches", "matches_in", "_longest"):
        setattr(Ctx, attr, split.wrap(getattr(Ctx, attr), "rules"))
    return split


def per_document_split(paths: list[Path]) -> dict[str, float]:
    """Mean ms per document, one document at a time: model (tokenizer, tok2vec, parser, ner),
    rules (span_ruler and reading its matches), dates, record (text cleaning, the other
    extractors, validation, the JSON line)."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    split = install_split()
    _one(texts[0], split)  # warm-up
    times: dict[str, float] = {}
    for text in texts:
        for k, v in _one(text, split).items():
            times[k] = times.get(k, 0.0) + v
    return {k: 1000 * v / len(texts) for k, v in times.items()}


def _one(text: str, split: Split) -> dict[str, float]:
    from clsx.doc import Ctx
    from clsx.extract import to_line
    from clsx.model import Source
    from clsx.pipeline import load
    from clsx.record import build_traced
    from clsx.text import normalise

    nlp = load()
    t0 = time.perf_counter()
    clean = normalise(text)
    t1 = time.perf_counter()
    doc = nlp.make_doc(clean.clean)
    out = {"model": time.perf_counter() - t1, "rules": 0.0}
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        doc = proc(doc)
        out["rules" if name == "clsx_rules" else "model"] += time.perf_counter() - t
    split.reset()
    rec, _ = build_traced(Ctx(clean, doc), Source(path="-", sha256="-", chars=len(text), encoding="utf-8"))
    to_line(rec.model_dump(mode="json"))
    split.stop()
    for k, v in split.total.items():
        out[k] = out.get(k, 0.0) + v
    out["record"] = out.get("record", 0.0) + t1 - t0
    return out


# ---- printing ----------------------------------------------------------------------------


def stats(values: list[float]) -> str:
    return f"{statistics.median(values):7.2f} {min(values):7.2f} {max(values):7.2f}"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cold(sample: Path, runs: int) -> None:
    print(f"\n## Cold start: one document ({sample.relative_to(ROOT)}), {runs} runs, seconds")
    print(f"{'':46s} {'median':>7s} {'min':>7s} {'max':>7s}  {'CPU s':>6s} {'RSS MB':>6s}  (medians)")
    commands = {
        "clsx extract <sample>": ([*clsx_command(), "extract", str(sample)], {}),
        "clsx, no regex cache (a first run)": ([*clsx_command(), "extract", str(sample)], {"CLSX_CACHE_DIR": "off"}),
        "clsx, CLSX_LAZY_SPACY_CLI=0": ([*clsx_command(), "extract", str(sample)], {"CLSX_LAZY_SPACY_CLI": "0"}),
        "python -c \"spacy.load('fr_core_news_md')\"": ([sys.executable, "-c", STOCK_LOAD], {}),
    }
    results: dict[str, list[Run]] = {label: [] for label in commands}
    Run(commands["clsx extract <sample>"][0]).go()  # fills the regex cache (clsx/regex_cache.py), if empty
    for _ in range(runs):  # interleaved, so a burst of load hits all alike
        for label, (cmd, env) in commands.items():
            results[label].append(Run(cmd, env=env).go())
    for label, rs in results.items():
        print(f"{label:46s} {stats([r.wall for r in rs])}  {statistics.median(r.cpu for r in rs):6.2f}"
              f" {statistics.median(r.maxrss_kb for r in rs) / 1024:6.0f}")
    stock = results["python -c \"spacy.load('fr_core_news_md')\""]
    for label, short in zip(list(commands)[:3], ("clsx", "clsx first run", "clsx spacy.cli")):
        ratios = [c.wall / s.wall for c, s in zip(results[label], stock)]
        print(f"{'ratio ' + short + ' / stock load':46s} {stats(ratios)}  (wall, per pair of runs)")


def batch(paths: list[Path], chars: int, runs: int, jobs: list[int], stock: bool = True) -> None:
    n_docs, folder = len(paths), str(paths[0].parent)
    print(f"\n## Batch: {n_docs} documents ({chars:,} chars, {chars // n_docs:,} per doc), {runs} runs")
    print(f"docs/s = ({n_docs} - {STARTUP_DOCS}) / (wall time on {n_docs} docs - wall time on the first {STARTUP_DOCS}):"
          " the start-up left out, for every command alike")
    print(f"{'':28s} {'docs/s median':>13s} {'min':>6s} {'max':>6s} {'chars/s':>8s} {'wall s':>7s}"
          f" {'peak RSS MB':>11s} {'peak PSS MB':>11s} {'PSS MB after 10%/90%':>20s}")
    with tempfile.TemporaryDirectory(prefix="clsx-bench-start-") as start_dir:
        for p in paths[:STARTUP_DOCS]:
            (Path(start_dir) / p.name).write_bytes(p.read_bytes())
        commands = {"bare nlp.pipe, stock model": lambda d: [sys.executable, "-c", STOCK_PIPE, d]} if stock else {}
        for j in jobs:
            commands[f"clsx extract --jobs {j}"] = lambda d, j=j: [*clsx_command(), "extract", d, "--jobs", str(j)]
        rates: dict[str, list[float]] = {}
        for label, cmd in commands.items():
            rs = []
            for _ in range(runs):
                full = Run(cmd(folder), watch=True).go()
                start = Run(cmd(start_dir)).go()
                assert full.lines == n_docs, f"{label}: {full.lines} lines for {n_docs} documents"
                rates.setdefault(label, []).append((n_docs - STARTUP_DOCS) / (full.wall - start.wall))
                rs.append(full)
            r = rates[label]
            med = statistics.median(r)
            peak_pss = max(max((s[1] for s in x.samples), default=0) for x in rs) / 1024
            peak_rss = max(max((s[2] for s in x.samples), default=x.maxrss_kb) for x in rs) / 1024
            first, last = rs[-1].pss_at(0.1) / 1024, rs[-1].pss_at(0.9) / 1024
            print(f"{label:28s} {med:13.2f} {min(r):6.2f} {max(r):6.2f} {med * chars / n_docs:8.0f}"
                  f" {statistics.median(x.wall for x in rs):7.1f} {peak_rss:11.0f} {peak_pss:11.0f} {first:10.0f}/{last:.0f}",
                  flush=True)
            tenths = " ".join(f"{rs[-1].pss_at(k / 10) / 1024:.0f}" for k in range(1, 10))
            print(f"{'':28s} summed PSS MB after 1/10, 2/10 … 9/10 of the documents: {tenths}", flush=True)
    rate = {j: statistics.median(rates[f"clsx extract --jobs {j}"]) for j in jobs}
    if stock:
        base = statistics.median(rates["bare nlp.pipe, stock model"])
        for j in jobs:
            print(f"ratio clsx --jobs {j} / bare nlp.pipe: {rate[j] / base:.2f}")
    for j in jobs:
        if j != 1 and 1 in rate:
            print(f"ratio clsx --jobs {j} / --jobs 1: {rate[j] / rate[1]:.2f}")


def split_section(paths: list[Path]) -> None:
    split = per_document_split(paths)
    total = sum(split.values())
    print(f"\n## Per-document split (clsx in this process, one document at a time, {len(paths)} documents), mean ms")
    for k in ("model", "rules", "dates", "record"):
        print(f"{k:8s} {split.get(k, 0.0):8.2f}  {100 * split.get(k, 0.0) / total:5.1f} %")
    print(f"{'total':8s} {total:8.2f}   rules + dates + record: {100 * (total - split['model']) / total:.1f} %")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs of each measurement (default 5)")
    ap.add_argument("--docs", type=int, default=1000, help="documents in the batch (default 1000)")
    ap.add_argument("--jobs", default="1,2", help="--jobs values to run clsx with (default 1,2)")
    ap.add_argument("--sample", type=Path, default=ROOT / "samples" / "seed-coevrons-2018.txt", help="the cold-start document")
    ap.add_argument("--split-docs", type=int, default=200, help="documents for the per-document split (default 200)")
    ap.add_argument("--skip", default="", help="what to leave out, comma-separated: cold, batch, split, stock (the bare nlp.pipe run)")
    args = ap.parse_args(argv)
    skip = set(args.skip.split(","))
    import spacy

    print(f"# clsx benchmark: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, spaCy {spacy.__version__}, "
          f"load average {load_average()} at start")
    if "cold" not in skip:
        cold(args.sample.resolve(), args.runs)
    with tempfile.TemporaryDirectory(prefix="clsx-bench-") as tmp:
        paths, chars = make_docs(args.docs, Path(tmp))
        if "batch" not in skip:
            batch(paths, chars, args.runs, [int(j) for j in args.jobs.split(",")], stock="stock" not in skip)
        if "split" not in skip:
            split_section(paths[: args.split_docs])
    print(f"\nload average {load_average()} at the end")


if __name__ == "__main__":
    main()
