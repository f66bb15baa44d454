"""The contracts overview page (`clsx contracts --html`): self-contained and escaped, counts that
add up, a timeline bar per year and status, and in headless Chromium: no console error, the
chart and the filters show the right contracts, and a source opens its document in the review page."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, require
from helpers import SHARED_CONTRACTS, VARIANT_CONTRACTS

from clsx.contracts import build
from clsx.contracts_io import Inputs, add, contract_lines
from clsx.contracts_page import page, review_anchors
from clsx.review import page as review_page

HOSTILE = "<script>alert('x')</script> & Cie"
ERROR = {"schema_version": "1", "source": {"path": "scan<1>.pdf"}, "error": {"type": "no_text", "message": "no <text> layer"}}


@pytest.fixture(scope="module")
def records(set_lines: Callable[[Path], list[str]]) -> list[dict[str, Any]]:
    """The variants, the real grouped articles when present, one record with a hostile territory name, an error record."""
    folders = [VARIANT_CONTRACTS] + ([SHARED_CONTRACTS] if SHARED_CONTRACTS.is_dir() else [])
    recs = [json.loads(line) for f in folders for line in set_lines(f)]
    hostile = json.loads(json.dumps(recs[0]))
    hostile["doc_id"], hostile["source"]["path"] = "0" * 16, "hostile<&>.txt"
    hostile["territory"] = {**hostile["territory"], "name": HOSTILE, "siren": None, "insee_code": None, "department_code": "99"}
    return recs + [hostile, ERROR]


@pytest.fixture(scope="module")
def lines(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    inputs = Inputs()
    add(inputs, "records.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8"))
    return [json.loads(x) for x in contract_lines(build(inputs.articles), inputs.skipped)]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.external: list[str] = []
        self.bars: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.scripts += tag == "script"
        for k in ("src", "href"):
            v = a.get(k) or ""
            if v and not v.startswith("#"):
                self.external.append(v)
        if tag == "rect":
            self.bars.append((a["data-year"] or "", (a["class"] or "").split()[-1], int(a["data-count"] or 0)))


def _contracts(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in lines if "contract_id" in c]


def _placed(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in _contracts(lines) if "unplaced" not in c["flags"]]


def test_self_contained_and_escaped(lines: list[dict[str, Any]]) -> None:
    html = page(lines, "review.html")
    p = _Page()
    p.feed(html)
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert p.scripts == 1
    assert p.external and all(re.fullmatch(r"review\.html#record-[0-9a-f]{16}", h) for h in p.external)
    assert not re.search(r"https?://|@import|url\(", html)
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Cie" in html
    assert "scan&lt;1&gt;.pdf" in html and "no &lt;text&gt; layer" in html


def test_counts_add_up_to_the_placed_contracts(lines: list[dict[str, Any]]) -> None:
    html = page(lines)
    placed = _placed(lines)
    by_region = re.search(r'<table id="by-region">.*?</table>', html, re.S).group(0)  # type: ignore[union-attr]
    by_dept = re.search(r'<table id="by-department">.*?</table>', html, re.S).group(0)  # type: ignore[union-attr]
    assert sum(int(n) for n in re.findall(r'<td class="n">(\d+)</td>', by_region)) == len(placed)
    assert sum(int(n) for n in re.findall(r'<td class="n">(\d+)</td>', by_dept)) == len(placed)
    regions = Counter(c["territory"]["official_region"]["value"] or c["region"]["value"] or "unknown" for c in placed)
    assert f'data-filter-region="La Réunion">La Réunion</a></td><td class="n">{regions["La Réunion"]}</td>' in by_region


def test_a_bar_per_year_and_status(lines: list[dict[str, Any]]) -> None:
    p = _Page()
    p.feed(page(lines))
    dated = [c for c in _placed(lines) if c["signature"]["date"]["value"]]
    expected = Counter((c["signature"]["date"]["value"][:4], "signed" if c["signature"]["status"]["value"] == "signed" else "planned") for c in dated)
    assert Counter({(y, s): n for y, s, n in p.bars}) == expected
    assert {"2014", "2018", "2024"} <= {y for y, _, _ in p.bars}


def test_in_headless_chromium(lines: list[dict[str, Any]], records: list[dict[str, Any]], tmp_path: Path) -> None:
    require()
    (tmp_path / "review.html").write_text(review_page(records, [None] * len(records)), encoding="utf-8")
    anchors = review_anchors(str(tmp_path / "review.html"))
    assert anchors and len(anchors) == len({r["doc_id"] for r in records if "doc_id" in r})
    overview = tmp_path / "overview.html"
    overview.write_text(page(lines, "review.html", anchors), encoding="utf-8")
    contracts = _contracts(lines)
    with chromium() as browser:
        browser.get(overview.as_uri())
        assert browser.title == "clsx contracts"
        assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []
        shown = lambda: browser.find_element("id", "shown").text  # noqa: E731

        def click(css: str) -> Any:
            """Click the element, brought to mid-screen first (the sticky header hides the top)."""
            el = browser.find_element("css selector", css)
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
            el.click()
            return el

        assert shown() == f"{len(contracts)} of {len(contracts)} shown"
        bar = browser.find_element("css selector", 'rect.bar[data-year="2024"]')
        assert bar.size["height"] > 0
        bar.click()
        in_2024 = sum(1 for c in contracts if (c["signature"]["date"]["value"] or "").startswith("2024"))
        assert shown() == f"{in_2024} of {len(contracts)} shown (signed or announced in 2024)"
        visible = browser.execute_script("return Array.from(document.querySelectorAll('tr.contract')).filter(r => !r.hidden).map(r => r.dataset.year)")
        assert visible == ["2024"] * in_2024
        click("#clear")
        browser.find_element("id", "search").send_keys("lirac")
        assert shown() == f"1 of {len(contracts)} shown"
        click("#clear")
        click("#only-conflicts")
        assert shown() == f"{sum(1 for c in contracts if 'conflicts' in c['flags'])} of {len(contracts)} shown"
        click("#clear")
        click('a[data-filter-region="La Réunion"]')
        reunion = sum(1 for c in contracts if c["territory"]["official_region"]["value"] == "La Réunion")
        assert shown() == f"{reunion} of {len(contracts)} shown"
        click("#clear")
        history = click("a[data-goto]")
        assert browser.execute_script(f"return document.getElementById('{history.get_attribute('data-goto')}').classList.contains('flash')")
        assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
        target = browser.find_element("css selector", "a.src").get_attribute("href").split("#")[1]
        click("a.src")
        assert browser.current_url.endswith(f"review.html#{target}")
        assert browser.execute_script(f"return document.getElementById('{target}') !== null")
        shot = tmp_path / "overview.png"
        browser.get(overview.as_uri())
        assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
