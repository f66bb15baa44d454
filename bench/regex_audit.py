"""Time every regex clsx uses, the way its code calls it, over hostile inputs; exit 1 if one is too slow.

    .venv/bin/python bench/regex_audit.py                 # 65-80 s on the 2-core development machine
    .venv/bin/python bench/regex_audit.py --budget 0.05 --sizes 10000,40000 --timeout 1

Which regexes, and how they are called: the sample texts (and the real texts of tests/data/real)
are read and extracted with a profiler hook that records every method called on a compiled
pattern (match, fullmatch, search, finditer, findall, sub, split…) from clsx's code, with the
file and line of the call; the same for a web page, a PDF, a .docx and an .odt built from a
sample. A pattern held at module level that this run never calls is looked up in the source
(`NAME.method(` with ast) and timed as that call; failing that, as `finditer`, and the report
says so. spaCy's tokenizer calls clsx's factored TOKEN_MATCH with `.match` on each token.
A call whose argument the code slices to a constant length (`rx.match(data[:2048])`) is timed
on inputs of that length at most.

The inputs: each of UNITS repeated to 10,000 and 40,000 characters, ending with a character no
rule expects ("§"), which makes an anchored pattern fail at the end, where backtracking shows.
Each call has a time budget (--budget, for 40,000 characters: more than the model ever reads of
a document) and a timeout (--timeout) that stops a pattern that never ends. A call is flagged
when it is over budget, or when it grows much worse than linearly: 4 times the characters
taking more than --growth times as long (16 for a quadratic regex), once it takes long enough
to measure (--min-seconds). Nothing is skipped or allowed: every flagged call is listed with
the input that shows it, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import pkgutil
import re
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

UNITS = [
    "1", "a", "A", " ", "\n", "\n \n", "de la ", "De La ", "A-", "a-a- ", "l'", "[", "(", "M. ", "Axe 1 : ",
    "2018-2020 ", "12/", "Jean-Jacques COIPLET ", "&amp;", ", ", "é", ".", "- ", "• x\n", "contrat local de santé ",
    "Communauté de communes ", "le 12 juin ", "1 000 ", "(ex ", "Ville de Lens ", "ARS ", "du ", "<!--", "%PDF-",
]
TAIL = "§"
METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")
RX = re.Pattern  # type: ignore[type-arg]


@dataclass
class Use:
    """One regex and one way clsx calls it."""

    pattern: Any  # re.Pattern[str] | re.Pattern[bytes]
    method: str
    name: str  # where it is defined ("clsx.fields.axes._HEADING") or "inline"
    sites: set[str] = field(default_factory=set)  # "clsx/fields/axes.py:54"
    bound: int | None = None  # the code slices its input to this many characters
    seen: str = "run"  # "run": called while extracting; "source": found by ast; "assumed": neither


@dataclass(frozen=True)
class Finding:
    use: Use
    unit: str
    chars: int
    seconds: float
    why: str


# --- which regexes, called how --------------------------------------------------------------


def module_patterns() -> dict[tuple[Any, int], tuple[Any, str]]:
    """(pattern, flags) -> (compiled pattern, module.name) for the regexes clsx holds at module level."""
    import clsx

    found: dict[tuple[Any, int], tuple[Any, str]] = {}

    def collect(value: Any, where: str, depth: int = 0) -> None:
        if isinstance(value, RX):
            found.setdefault((value.pattern, value.flags), (value, where))
        elif depth < 3 and isinstance(value, dict):
            for k, v in value.items():
                collect(v, f"{where}[{k!r}]", depth + 1)
        elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
            for i, v in enumerate(value):
                collect(v, f"{where}[{i}]", depth + 1)

    for info in pkgutil.walk_packages(clsx.__path__, "clsx."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            collect(value, f"{info.name}.{name}")
    return found


def _site(frame: Any, package: str) -> str | None:
    """The clsx file:line a regex method was called from (through re's own functions), if any."""
    while frame is not None and frame.f_code.co_filename.startswith(_RE_DIR):
        frame = frame.f_back
    if frame is None or not frame.f_code.co_filename.startswith(package):
        return None
    return f"{Path(frame.f_code.co_filename).resolve().relative_to(ROOT)}:{frame.f_lineno}"


_RE_DIR = str(Path(re.__file__).resolve().parent)


def recorded_calls(work: Callable[[], None]) -> dict[tuple[Any, int, str], tuple[Any, set[str]]]:
    """(pattern, flags, method) -> (pattern, sites) for each method called on a compiled pattern
    from clsx's code while `work` runs."""
    import clsx

    package = str(Path(clsx.__file__).resolve().parent)
    calls: dict[tuple[Any, int, str], tuple[Any, set[str]]] = {}

    def hook(frame: Any, event: str, arg: Any) -> None:
        if event != "c_call":
            return
        rx = getattr(arg, "__self__", None)
        if isinstance(rx, RX) and arg.__name__ in METHODS:
            site = _site(frame, package)
            if site:
                calls.setdefault((rx.pattern, rx.flags, arg.__name__), (rx, set()))[1].add(site)

    sys.setprofile(hook)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls


def extract_samples() -> None:
    """What clsx does to a document: read and decode it (a text, a page, a PDF, a .docx, an
    .odt), then extract its record."""
    import tempfile

    from clsx.convert import read_document
    from clsx.extract import record_for_text

    texts = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "real" / "texts").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in texts] + _converted(texts[0], Path(tmp))
        for path in paths:
            doc, conv = read_document(path)
            record_for_text(doc.text, path, doc.encoding, converter=conv.converter if conv else None)


def _converted(text: Path, folder: Path) -> list[str]:
    """The text as a web page, a PDF, a .docx and an .odt (the test builders)."""
    from docbuild import html_page, pdf_document
    from officebuild import docx_document, odt_document

    t = text.read_text(encoding="utf-8")
    (folder / "page.html").write_text(html_page(t), encoding="utf-8")
    return [
        str(folder / "page.html"),
        str(pdf_document(t, folder / "c.pdf")),
        str(docx_document(t, folder / "c.docx")),
        str(odt_document(t, folder / "c.odt")),
    ]


# where `flags` is among the positional arguments of re's functions
_FLAGS_AT = {"match": 2, "fullmatch": 2, "search": 2, "finditer": 2, "findall": 2, "split": 3, "sub": 4, "subn": 4}


def source_calls() -> tuple[dict[str, dict[str, dict[str, set[str]]]], list[Use]]:
    """What the source says, for the calls a run may not reach: module -> NAME -> method -> sites
    of `NAME.method(`, and the uses of `re.method("literal", …)` written inline."""
    held: dict[str, dict[str, dict[str, set[str]]]] = {}
    inline: list[Use] = []
    for path in sorted((ROOT / "clsx").rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(_tree(rel)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in METHODS):
                continue
            target, method, site = node.func.value, node.func.attr, f"{rel}:{node.lineno}"
            if isinstance(target, ast.Name) and target.id != "re":
                held.setdefault(module, {}).setdefault(target.id, {}).setdefault(method, set()).add(site)
            elif isinstance(target, ast.Name) and node.args and isinstance(node.args[0], ast.Constant):
                rx = re.compile(node.args[0].value, _flags(node, method))
                inline.append(Use(rx, method, "inline", {site}, seen="source"))
    return held, inline


def _flags(call: ast.Call, method: str) -> int:
    """The flags of `re.method(pattern, …, flags=re.I | re.M)`, given as re's constants."""
    given = next((k.value for k in call.keywords if k.arg == "flags"), None)
    if given is None and len(call.args) > _FLAGS_AT[method]:
        given = call.args[_FLAGS_AT[method]]
    return int(eval(compile(ast.Expression(given), "<flags>", "eval"), {"re": re})) if given is not None else 0


def slice_bound(site: str, method: str) -> int | None:
    """The constant length the call at `site` slices its first argument to (`x[:2048]`), if any."""
    file, line = site.rsplit(":", 1)
    tree = _tree(file)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and node.lineno <= int(line) <= (node.end_lineno or node.lineno)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == method
            and node.args
            and isinstance(node.args[0], ast.Subscript)
            and isinstance(node.args[0].slice, ast.Slice)
            and node.args[0].slice.lower is None
            and isinstance(node.args[0].slice.upper, ast.Constant)
        ):
            return int(node.args[0].slice.upper.value)
    return None


_TREES: dict[str, ast.AST] = {}


def _tree(file: str) -> ast.AST:
    if file not in _TREES:
        _TREES[file] = ast.parse((ROOT / file).read_text(encoding="utf-8"))
    return _TREES[file]


def token_match_use() -> Use | None:
    """clsx's factored TOKEN_MATCH, which spaCy's tokenizer calls with `.match` on each token."""
    from clsx.pipeline import load

    fn = getattr(load().tokenizer, "token_match", None)
    rx = getattr(fn, "__self__", None)
    if not isinstance(rx, RX):
        return None
    return Use(rx, "match", "spaCy tokenizer token_match (clsx/fast_tokenizer.py)", {"clsx/fast_tokenizer.py"})


def uses(work: Callable[[], None] = extract_samples) -> list[Use]:
    """Every regex clsx uses and every way it calls it."""
    held = module_patterns()
    calls = recorded_calls(work)
    out: dict[tuple[Any, int, str, int | None], Use] = {}
    for (pattern, flags, method), (rx, sites) in calls.items():
        name = held.get((pattern, flags), (rx, "inline"))[1]
        for site in sites:
            bound = slice_bound(site, method)
            use = out.setdefault((pattern, flags, method, bound), Use(rx, method, name, bound=bound))
            use.sites.add(site)
    called = {(p, f) for p, f, _ in calls}
    in_source, inline = source_calls()
    for key, (rx, name) in held.items():
        if key in called:
            continue
        module, _, var = name.partition("[")[0].rpartition(".")
        methods = in_source.get(module, {}).get(var, {})
        for method, sites in sorted(methods.items()) or [("finditer", {module.replace(".", "/") + ".py"})]:
            out[(*key, method, None)] = Use(rx, method, name, set(sites), seen="source" if methods else "assumed")
    for use in inline:  # inline calls no run reached
        key = (use.pattern.pattern, use.pattern.flags, use.method)
        if key not in calls:
            out.setdefault((*key, None), use).sites |= use.sites
    tm = token_match_use()
    if tm is not None and (tm.pattern.pattern, tm.pattern.flags, "match", None) not in out:
        out[(tm.pattern.pattern, tm.pattern.flags, "match", None)] = tm
    return sorted(out.values(), key=lambda u: (u.name, u.method, str(u.pattern.pattern)))


# --- timing -----------------------------------------------------------------------------------


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def hostile(unit: str, chars: int, as_bytes: bool = False) -> Any:
    text = (unit * (chars // len(unit) + 1))[: chars - len(TAIL)] + TAIL
    return text.encode("utf-8") if as_bytes else text


def call(rx: Any, method: str, text: Any) -> None:
    """The call as clsx makes it (a replacement is empty: the regex's cost, not the callback's)."""
    fn = getattr(rx, method)
    if method in ("sub", "subn"):
        fn(text[:0], text)
    elif method == "finditer":
        for _ in fn(text):
            pass
    else:
        fn(text)


def timed(rx: Any, method: str, text: Any, timeout: float, repeat: int = 5, spend: float = 0.25) -> float:
    """Seconds for one call, the best of `repeat` (fewer once `spend` seconds are spent: the
    machine is shared, and the best run is the one others disturbed least), or `timeout` when
    a call had to be stopped."""
    best, spent = float("inf"), 0.0
    signal.signal(signal.SIGALRM, _alarm)
    for _ in range(repeat):
        signal.setitimer(signal.ITIMER_REAL, timeout)
        t = time.perf_counter()
        try:
            call(rx, method, text)
            secs = time.perf_counter() - t
        except _Timeout:
            return timeout
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        best, spent = min(best, secs), spent + secs
        if spent > spend:
            break
    return best


def audit_use(use: Use, units: Iterable[str], sizes: list[int], budget: float, timeout: float, growth: float, min_seconds: float) -> Iterator[Finding]:
    """The findings for one use: over budget (scaled to the input's length), or growing much
    worse than linearly between the first and last size (measured again to be sure)."""
    as_bytes = isinstance(use.pattern.pattern, bytes)
    lengths = sorted({min(s, use.bound) if use.bound else s for s in sizes})

    def ratio(times: list[float]) -> float:
        return times[-1] / max(times[0], 1e-9) / (lengths[-1] / lengths[0] / 4)

    for unit in units:
        times: list[float] = []
        for chars in lengths:
            secs = timed(use.pattern, use.method, hostile(unit, chars, as_bytes), timeout)
            times.append(secs)
            allowed = budget * chars / max(sizes)
            if secs >= timeout:
                yield Finding(use, unit, chars, secs, f"stopped after {timeout:g} s")
                break
            if secs > allowed:
                yield Finding(use, unit, chars, secs, f"over its budget of {allowed:.3f} s")
                break
        else:
            if len(times) < 2 or times[-1] < min_seconds or ratio(times) <= growth:
                continue
            times = [timed(use.pattern, use.method, hostile(unit, n, as_bytes), timeout, repeat=9, spend=1.0) for n in lengths]
            if times[-1] >= min_seconds and ratio(times) > growth:
                n = lengths[-1] // lengths[0]
                yield Finding(use, unit, lengths[-1], times[-1], f"{times[-1] / times[0]:.0f} x the time for {n} x the characters")


def describe(use: Use) -> str:
    sites = ", ".join(sorted(use.sites)[:3]) + (f" (+{len(use.sites) - 3})" if len(use.sites) > 3 else "")
    how = {"run": "", "source": " [call found in the source]", "assumed": " [no call found: timed as finditer]"}[use.seen]
    bound = f" on at most {use.bound:,} characters" if use.bound else ""
    return f"{use.name}.{use.method}{bound} at {sites}{how}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,40000", help="input lengths, in characters (default 10000,40000)")
    ap.add_argument("--budget", type=float, default=0.05, help="seconds one call may take on the longest input (default 0.05)")
    ap.add_argument("--timeout", type=float, default=1.0, help="seconds after which a call is stopped (default 1)")
    ap.add_argument("--growth", type=float, default=8.0, help="time ratio for 4 x the characters that flags a call (default 8; linear is 4)")
    ap.add_argument("--min-seconds", type=float, default=0.005, help="below this a growth is noise (default 0.005)")
    ap.add_argument("--top", type=int, default=10, help="slowest calls to list (default 10)")
    args = ap.parse_args(argv)
    sizes = sorted(int(x) for x in args.sizes.split(","))
    start = time.perf_counter()
    found = uses()
    recorded = time.perf_counter() - start
    seen = {u.seen: sum(1 for x in found if x.seen == u.seen) for u in found}
    print(
        f"{len({(u.pattern.pattern, u.pattern.flags) for u in found})} regexes, {len(found)} ways of calling them "
        f"({seen.get('run', 0)} seen while extracting, {seen.get('source', 0)} found in the source, {seen.get('assumed', 0)} assumed), "
        f"recorded in {recorded:.1f} s",
        flush=True,
    )
    findings: list[Finding] = []
    slowest: list[tuple[float, str, str, int]] = []
    for use in found:
        t = time.perf_counter()
        got = list(audit_use(use, UNITS, sizes, args.budget, args.timeout, args.growth, args.min_seconds))
        for f in got:
            print(f"  slow: {describe(use)}: {f.seconds:.3f} s on {f.unit!r} x {f.chars:,} chars ({f.why})", file=sys.stderr, flush=True)
        findings += got
        slowest.append((time.perf_counter() - t, describe(use), str(use.pattern.pattern)[:80], len(got)))
    total = time.perf_counter() - start
    print(f"{len(found)} calls x {len(UNITS)} inputs of {', '.join(f'{s:,}' for s in sizes)} characters: {total:.1f} s in all")
    print("slowest calls to audit (seconds over all inputs):")
    for secs, what, pattern, n in sorted(slowest, reverse=True)[: args.top]:
        print(f"  {secs:7.2f} s  {what}  {pattern!r}" + (f"  <- {n} finding(s)" if n else ""))
    if not findings:
        print(f"every call within its budget ({args.budget:g} s for {max(sizes):,} characters) and growing linearly")
        return 0
    by_use: dict[int, list[Finding]] = {}
    for f in findings:
        by_use.setdefault(id(f.use), []).append(f)
    print(f"{len(by_use)} call(s) too slow ({len(findings)} input(s)):")
    for fs in by_use.values():
        worst = max(fs, key=lambda f: f.seconds / f.chars)
        print(f"  {describe(worst.use)}\n    pattern {str(worst.use.pattern.pattern)[:160]!r}")
        print(f"    worst: {worst.unit!r} x {worst.chars:,} chars + {TAIL!r}: {worst.seconds:.3f} s ({worst.why}); {len(fs)} input(s) in all: "
              + ", ".join(repr(f.unit) for f in fs[:8]) + ("…" if len(fs) > 8 else ""))
    return 1


if __name__ == "__main__":
    sys.exit(main())
