#!/usr/bin/env python3
"""Regenerate docs/review.png, the README's picture of the review page.

The sample texts, one of them also as a web page and as a two-column PDF, go through
`clsx extract --with-text` and `clsx review`; Debian's headless chromium (through selenium and
chromium-driver) shows the page with a document scrolled into view.

usage: .venv/bin/python scripts/review_screenshot.py [OUT.png]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium  # noqa: E402
from docbuild import html_page, pdf_document  # noqa: E402


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs = work / "communiques"
        docs.mkdir()
        for p in sorted((ROOT / "samples").glob("*.txt")):
            shutil.copy(p, docs / p.name)
        coevrons = (ROOT / "samples" / "seed-coevrons-2018.txt").read_text(encoding="utf-8")
        (docs / "coevrons-web.html").write_text(html_page(coevrons, published="2018-06-13"), encoding="utf-8")
        pdf_document(coevrons, docs / "coevrons-communique.pdf", two_columns=True)
        clsx = [sys.executable, "-m", "clsx.cli"]
        subprocess.run([*clsx, "extract", "communiques/", "--with-text", "-o", "out.jsonl"], cwd=work, check=False)
        subprocess.run([*clsx, "review", "out.jsonl", "-o", "review.html"], cwd=work, check=True)
        with chromium(1400, 1050) as browser:
            browser.get((work / "review.html").as_uri())
            browser.execute_script("document.getElementById('doc-1').scrollIntoView({block: 'start'}); window.scrollBy(0, -150)")
            browser.save_screenshot(str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "review.png")
