#!/usr/bin/env python3
"""What linking costs: start-up (loading the register, in a fresh process) and time per document.

    .venv/bin/python scripts/link_bench.py [texts or folders…]   (default: samples/, tests/data/real/texts, ../shared/dev/texts)

Per document, the territory is extracted once, then `clsx.link.linked` (the one call record.py
makes) is timed on it: the first call (what a run pays), then repeated; start-up is `import clsx.link` + the first `load()` of the
register, in new interpreters, against a bare `import clsx.model`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STARTUP = """
import time
t = time.perf_counter()
import clsx.model
{body}
print(time.perf_counter() - t)
"""


def startup(runs: int = 7) -> tuple[float, float]:
    """Median seconds in a new interpreter: (with the register loaded, without)."""

    def once(body: str) -> float:
        out = subprocess.run([sys.executable, "-c", STARTUP.format(body=body)], capture_output=True, text=True, check=True, cwd=ROOT)
        return float(out.stdout)

    with_ = statistics.median(once("import clsx.link\nclsx.link.load()") for _ in range(runs))
    without = statistics.median(once("") for _ in range(runs))
    return with_, without


def per_document(paths: list[Path], repeat: int = 20) -> list[tuple[str, float, float]]:
    from clsx.doc import Ctx
    from clsx.fields import region, territory
    from clsx.link import linked, load
    from clsx.mentions import Mentions
    from clsx.model import Territory
    from clsx.pipeline import load as nlp_load
    from clsx.source import load as read
    from clsx.text import normalise

    nlp = nlp_load()
    load()
    out = []
    for p in paths:
        text = normalise(read(str(p)).text)
        ctx = Ctx(text, nlp(text.clean))
        chosen = territory.choose(ctx, territory.find(ctx, Mentions(ctx)))
        reg = region.choose(region.find(ctx))
        if chosen is None:
            continue
        found = Territory(name=chosen.value.name, kind=chosen.value.kind, acronym=chosen.value.acronym, span=ctx.span(chosen.start, chosen.end))  # type: ignore[arg-type]
        ctx.matches("DEPARTMENT")  # the extractors have asked for these already in a real run
        name = reg.value if reg else None
        t = time.perf_counter()
        linked(found, ctx, name)
        first = time.perf_counter() - t  # as in a real run: nothing about this name remembered yet
        t = time.perf_counter()
        for _ in range(repeat):
            linked(found, ctx, name)
        out.append((p.name, first, (time.perf_counter() - t) / repeat))
    return out


def main() -> None:
    args = sys.argv[1:] or ["samples", "tests/data/real/texts", "../shared/dev/texts"]
    paths = sorted(f for a in args for f in ((ROOT / a).rglob("*.txt") if (ROOT / a).is_dir() else [ROOT / a]) if f.exists())
    with_, without = startup()
    print(f"start-up: import clsx.model {without * 1000:.0f} ms; + import clsx.link and load the register {with_ * 1000:.0f} ms; added {(with_ - without) * 1000:.0f} ms")
    times = per_document(paths)
    for label, i in (("first call", 1), ("repeated", 2)):
        ms = [t[i] * 1000 for t in times]
        worst = max(times, key=lambda t: t[i])[0]
        print(f"per document, {label} ({len(ms)} texts with a territory): median {statistics.median(ms):.2f} ms, mean {statistics.mean(ms):.2f} ms, max {max(ms):.2f} ms ({worst})")


if __name__ == "__main__":
    main()
