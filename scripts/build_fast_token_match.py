"""Regenerate clsx/fast_token_match.json from the installed spaCy and French model.

Run after upgrading spaCy or fr_core_news_md (until then clsx falls back to the stock pattern,
only slower to start):  .venv/bin/python scripts/build_fast_token_match.py

It factors the TOKEN_MATCH pattern of `spacy.lang.fr` and the one stored in the model's tokenizer
file (the same string today), checks that the factored form compiles and agrees with the stock
one on the tokens of the texts in the repository, and writes the file with the hash of each stock
pattern, so a different pattern is never replaced.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clsx.fast_tokenizer import DATA, factor, sha256  # noqa: E402


def stock_patterns() -> dict[str, str]:
    """Where each stock pattern comes from -> the pattern."""
    import spacy
    import srsly
    from spacy.lang.fr import tokenizer_exceptions

    from clsx.pipeline import MODEL

    out = {"spacy.lang.fr.tokenizer_exceptions.TOKEN_MATCH": tokenizer_exceptions.TOKEN_MATCH.__self__.pattern}
    path = spacy.util.get_package_path(MODEL)
    model_dir = next(path.glob(f"{MODEL}-*"), path)
    data = srsly.msgpack_loads((model_dir / "tokenizer").read_bytes())
    if data.get("token_match"):
        out[f"{MODEL} tokenizer file"] = data["token_match"]
    return out


def sample_strings() -> list[str]:
    words: set[str] = set()
    for folder in ("samples", "tests/data/real/texts", "tests/data"):
        for f in (ROOT / folder).glob("*.txt"):
            words.update(f.read_text(encoding="utf-8").split())
    return sorted(words)


def main() -> None:
    import spacy

    rows: dict[str, dict[str, object]] = {}
    words = sample_strings()
    for origin, stock in stock_patterns().items():
        h = sha256(stock)
        if h in rows:
            rows[h]["origins"].append(origin)  # type: ignore[union-attr]
            continue
        t = time.perf_counter()
        factored = factor(stock)
        fast = re.compile(factored)
        took = time.perf_counter() - t
        slow = re.compile(stock)
        bad = [w for w in words if bool(fast.match(w)) != bool(slow.match(w))]
        if bad:
            sys.exit(f"{origin}: factored pattern disagrees on {bad[:10]}")
        rows[h] = {
            "origins": [origin],
            "stock_sha256": h,
            "stock_chars": len(stock),
            "factored_chars": len(factored),
            "factored": factored,
        }
        print(f"{origin}: {len(stock):,} -> {len(factored):,} chars, factored+compiled in {took:.2f}s", file=sys.stderr)
    out = {"spacy": spacy.__version__, "generated_by": "scripts/build_fast_token_match.py", "patterns": list(rows.values())}
    DATA.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {DATA.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
