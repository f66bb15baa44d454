"""Run every regex clsx uses over hostile strings and print the slowest (pattern, input) pairs.

    .venv/bin/python bench/regex_audit.py            # 50,000-character inputs
    .venv/bin/python bench/regex_audit.py --chars 200000

The regexes are the compiled patterns at module level in clsx and its fields (those built
from patterns/*.json included), and those the extractors pass to `re` inline, recorded while
the sample texts are extracted. A linear regex takes milliseconds here; one
that backtracks over its input takes seconds (quadratic) or never ends (exponential).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

UNITS = [
    "1", "a", "A", " ", "\n", "\n \n", "de la ", "De La ", "A-", "a-a- ", "l'", "[", "(", "M. ", "Axe 1 : ",
    "2018-2020 ", "12/", "Jean-Jacques COIPLET ", "&amp;", ", ", "é", ".", "- ", "• x\n", "contrat local de santé ",
    "Communauté de communes ", "le 12 juin ", "1 000 ", "(ex ", "Ville de Lens ", "ARS ", "du ",
]


def patterns() -> dict[str, re.Pattern[str]]:
    """name -> pattern, for every regex clsx compiles."""
    import clsx

    found: dict[str, re.Pattern[str]] = {}

    def collect(value: Any, where: str) -> None:
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            found.setdefault(value.pattern, value)
        elif isinstance(value, dict):
            for k, v in value.items():
                collect(v, f"{where}[{k!r}]")
        elif isinstance(value, (list, tuple)):
            for i, v in enumerate(value):
                collect(v, f"{where}[{i}]")

    for info in pkgutil.walk_packages(clsx.__path__, "clsx."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            collect(value, f"{info.name}.{name}")
    # Inline regexes (re.search(r"…", …) in a function): record those clsx code passes to re.
    package = str(Path(clsx.__file__).resolve().parent)
    originals = {name: getattr(re, name) for name in ("compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "split")}

    flags_at = {"compile": 0, "search": 1, "match": 1, "fullmatch": 1, "finditer": 1, "findall": 1, "sub": 3, "split": 2}

    def spy(name: str, fn: Any) -> Any:
        def wrapper(pattern: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(pattern, str) and sys._getframe(1).f_code.co_filename.startswith(package):
                i = flags_at[name]
                collect(originals["compile"](pattern, kwargs.get("flags", args[i] if len(args) > i else 0)), "inline")
            return fn(pattern, *args, **kwargs)

        return wrapper

    from clsx.extract import record_for_text

    for name, fn in originals.items():
        setattr(re, name, spy(name, fn))
    try:
        for text in sorted((ROOT / "samples").glob("*.txt")):
            record_for_text(text.read_text(encoding="utf-8"))
    finally:
        for name, fn in originals.items():
            setattr(re, name, fn)
    return {p: found[p] for p in sorted(found)}


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def audit(chars: int, timeout: int) -> list[tuple[float, str, str]]:
    """(seconds, pattern, unit) for every pair; `timeout` seconds for a pair that never ends."""
    signal.signal(signal.SIGALRM, _alarm)
    rows = []
    inputs = {u: u * (chars // len(u)) for u in UNITS}
    for pattern, rx in patterns().items():
        for unit, text in inputs.items():
            signal.alarm(timeout)
            t = time.perf_counter()
            try:
                for _ in rx.finditer(text):
                    pass
                secs = time.perf_counter() - t
            except _Timeout:
                secs = float(timeout)
            finally:
                signal.alarm(0)
            rows.append((secs, pattern, unit))
            if secs > 0.5:
                print(f"  slow: {secs:.2f} s {unit!r} {pattern[:100]!r}", file=sys.stderr, flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=50_000)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    rows = audit(args.chars, args.timeout)
    rows.sort(reverse=True)
    n = len({p for _, p, _ in rows})
    print(f"{n} regexes x {len(UNITS)} inputs of {args.chars:,} characters: {sum(r[0] for r in rows):.1f} s in all")
    for secs, pattern, unit in rows[: args.top]:
        print(f"{secs:8.3f} s  {unit!r:26} {pattern[:110]!r}")


if __name__ == "__main__":
    main()
