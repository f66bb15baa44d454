"""The review page: every document, every span highlighted once, everything escaped, nothing
fetched; and in headless Chromium: no console error, the highlights and filters work, and a
screenshot can be taken."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, require

from clsx.evidence import Evidence, evidence, missing
from clsx.review import marked, page

HOSTILE = (
    "Le CLS <script>alert('x')</script> de la communauté de communes du Val & des Monts a été signé "
    "le 3 mai 2022 à Valdor par Mme Anne LEROUX, présidente.\n\"Axes\" : <b>un</b> & </div></mark>\n"
)


class _Page(HTMLParser):
    """What a browser would build: the marks, the sections, scripts and outside references."""

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[str] = []
        self.sections = 0
        self.scripts = 0
        self.external: list[str] = []
        self.depth = 0
        self.max_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "mark":
            self.spans.append(a.get("data-span") or "")
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
        if tag == "section":
            self.sections += 1
        if tag == "script":
            self.scripts += 1
        for k in ("src", "href"):
            v = a.get(k) or ""
            if v and not v.startswith("#"):
                self.external.append(v)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.depth -= 1


@pytest.fixture(scope="module")
def reviewed(records: dict[str, dict[str, Any]], texts: dict[str, str], record_of: Any) -> tuple[list[dict[str, Any]], list[str | None], str]:
    recs = list(records.values())
    txts: list[str | None] = [texts[k] for k in records]
    hostile = record_of(HOSTILE)
    error = {"schema_version": "1", "source": {"path": "scan<1>.pdf"}, "error": {"type": "no_text", "message": "no <text> layer"}}
    recs += [hostile, error]
    txts += [HOSTILE, None]
    return recs, txts, page(recs, txts)


def test_every_document_is_shown(reviewed: tuple[list[dict[str, Any]], list[str | None], str]) -> None:
    recs, _, html = reviewed
    p = _Page()
    p.feed(html)
    assert p.sections == len(recs) > 30
    assert html.count('<tr data-doc="') == len(recs)


def test_every_span_is_highlighted_once(reviewed: tuple[list[dict[str, Any]], list[str | None], str]) -> None:
    recs, _, html = reviewed
    p = _Page()
    p.feed(html)
    expected = sum(len(evidence(r)) for r in recs)
    assert len(set(p.spans)) == expected > 300
    assert p.depth == 0  # every mark closed
    assert p.max_depth >= 2  # spans nest (a name inside the signing sentence)


def test_self_contained_utf8_and_escaped(reviewed: tuple[list[dict[str, Any]], list[str | None], str]) -> None:
    _, _, html = reviewed
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    p = _Page()
    p.feed(html)
    assert p.scripts == 1 and p.external == []
    assert not re.search(r"https?://|@import|url\(", html)
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;/div&gt;&lt;/mark&gt;" in html
    assert "scan&lt;1&gt;.pdf" in html and "no &lt;text&gt; layer" in html


def _ev(start: int, end: int, field: str = "axes") -> Evidence:
    return Evidence(field, f"{field}[{start}]", "x", start, end, "")


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(0, 5)], '<mark class="f-axes" data-span="a" id="a" title="axes: x">abcde</mark>fghij'),
        ([(0, 10), (2, 4)], '<mark class="f-axes" data-span="a" id="a" title="axes: x">ab<mark class="f-axes" data-span="b" id="b" title="axes: x">cd</mark>efghij</mark>'),
        # crossing spans: the second is cut where the first closes, and goes on in a second piece
        ([(0, 6), (4, 8)], '<mark class="f-axes" data-span="a" id="a" title="axes: x">abcd<mark class="f-axes" data-span="b" id="b" title="axes: x">ef</mark></mark><mark class="f-axes" data-span="b" title="axes: x">gh</mark>ij'),
        ([(3, 3)], 'abc<mark class="f-axes empty" data-span="a" id="a" title="axes: x"></mark>defghij'),
    ],
)
def test_marks_nest_and_crossing_spans_share_an_id(spans: list[tuple[int, int]], expected: str) -> None:
    ids = "ab"[: len(spans)]
    assert marked("abcdefghij", [_ev(a, b) for a, b in spans], list(ids)) == expected


def test_a_span_that_does_not_index_the_text_is_reported_not_drawn(record_of: Any) -> None:
    rec = record_of(HOSTILE)
    shifted = HOSTILE[1:]
    html = page([rec], [shifted])
    assert "does not match the text" in html
    assert "<mark" not in html.split("<main>")[1]


def test_missing_fields_and_warnings_feed_the_filter(reviewed: tuple[list[dict[str, Any]], list[str | None], str]) -> None:
    recs, _, html = reviewed
    n_missing = sum(1 for r in recs if not r.get("error") and missing(r))
    assert f"with missing fields ({n_missing})" in html
    assert f"with warnings ({sum(1 for r in recs if r.get('warnings'))})" in html


def test_in_headless_chromium(reviewed: tuple[list[dict[str, Any]], list[str | None], str], tmp_path: Path) -> None:
    require()
    recs, _, html = reviewed
    path = tmp_path / "review.html"
    path.write_text(html, encoding="utf-8")
    with chromium() as browser:
        browser.get(path.as_uri())
        assert browser.title == "clsx review"
        logs = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
        assert logs == []
        spans = browser.execute_script(
            "return new Set(Array.from(document.querySelectorAll('mark[data-span]'), m => m.dataset.span)).size"
        )
        assert spans == sum(len(evidence(r)) for r in recs)
        # every highlight is drawn: it has a box on the page
        unseen = browser.execute_script(
            "return Array.from(document.querySelectorAll('mark[id]')).filter(m => !m.classList.contains('empty') && m.getClientRects().length === 0).length"
        )
        assert unseen == 0
        assert browser.find_element("id", "shown").text == f"{len(recs)} of {len(recs)} shown"
        browser.find_element("css selector", "input[value=warnings]").click()
        with_warnings = sum(1 for r in recs if r.get("warnings"))
        assert browser.find_element("id", "shown").text == f"{with_warnings} of {len(recs)} shown"
        visible = browser.execute_script("return document.querySelectorAll('section.doc:not([hidden])').length")
        assert visible == with_warnings
        browser.find_element("css selector", "input[value=all]").click()
        search = browser.find_element("id", "search")
        search.send_keys("coevrons")
        assert browser.find_element("id", "shown").text == f"1 of {len(recs)} shown"
        search.clear()
        search.send_keys(" ")  # an input event with an empty query: all shown again
        link = browser.find_element("css selector", "a[data-goto]")
        link.click()
        target = link.get_attribute("data-goto")
        assert browser.execute_script(f"return document.getElementById('{target}').classList.contains('flash')")
        assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
        shot = tmp_path / "review.png"
        assert browser.save_screenshot(str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
