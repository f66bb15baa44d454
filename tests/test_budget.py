"""Bounded work before the model (clsx/convert/budget.py, pdf_pages.py): every hostile page and
PDF of tests/hostile.py is read within the budget, checked by counting what the readers are
given and make (elements, nesting, nodes, pages, characters, lines, bytes unpacked), never by
timing; past a budget the document is cut with a warning; no page is deep enough to exhaust
Python's recursion; and an ordinary page or PDF is read exactly as before."""

from __future__ import annotations

import random
import zlib
from pathlib import Path
from typing import Any

import pytest
from docbuild import html_page
from hostile import ARTICLE_LINES, HOSTILE_FILES, MAX_BYTES, _bomb, page, raw_pdf, text_ops
from helpers import CORPUS

from clsx.convert.budget import BUDGET, bound_markup
from clsx.convert.html import _inline, fallback_text, html_to_text, render
from clsx.convert.pdf import Line, _apart, _on_two_pages_at_one_height, _order, pdf_to_text
from clsx.convert.pdf_pages import _inflate, read_pages
from clsx.source import InputError

PAGES = {name: build for name, (fname, build) in HOSTILE_FILES.items() if fname.endswith(".html")}
PDFS = {name: build for name, (fname, build) in HOSTILE_FILES.items() if fname.endswith(".pdf")}


def _lexbor_elements(markup: str) -> int:
    from selectolax.lexbor import LexborHTMLParser

    return sum(1 for n in LexborHTMLParser(markup).root.traverse() if n.tag != "-text")


def _lxml_tree(markup: str) -> tuple[int, int]:
    """(elements, deepest nesting) of the tree lxml (trafilatura's parser) makes."""
    import lxml.html

    root = lxml.html.fromstring(markup)
    deepest, stack = 0, [(root, 0)]
    count = 0
    while stack:
        el, d = stack.pop()
        count += 1
        deepest = max(deepest, d)
        stack += [(c, d + 1) for c in el]
    return count, deepest


@pytest.mark.parametrize("stem", sorted(CORPUS)[:12])
def test_an_ordinary_page_is_left_as_it_is(stem: str) -> None:
    markup = html_page(CORPUS[stem].read_text(encoding="utf-8"))
    got = bound_markup(markup)
    assert got.markup == markup and got.warnings == []
    assert 50 < got.elements < 1_000 and got.depth < 20


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_hostile_page_reaches_the_parsers_within_the_budget(name: str) -> None:
    markup = PAGES[name](1.0).decode("utf-8")
    got = bound_markup(markup)
    assert got.elements <= BUDGET.html_elements and got.depth <= BUDGET.html_depth
    assert len(got.markup) <= BUDGET.html_chars
    elements, deepest = _lxml_tree(got.markup)
    assert elements <= BUDGET.html_elements + 3  # lxml adds html, head and body when missing
    assert deepest <= BUDGET.html_depth + 3
    # lexbor re-opens formatting elements left open: at most 20 for each element read
    assert _lexbor_elements(got.markup) <= 21 * BUDGET.html_elements


def test_100000_nested_divs_give_a_text_and_say_they_were_cut() -> None:
    got = html_to_text(PAGES["100,000 nested <div>"](1.0))
    assert got.text.startswith("Signature du contrat local de santé\n")
    assert got.warnings == (
        "the page has over 10,000 elements: only the text of the first 10,000 was read",
        "the page nests elements over 200 deep: 9,795 deeper ones were read as their text",
    )


def test_a_deep_page_keeps_its_text() -> None:
    markup = page("<div>" * 1_000 + "<p>Le contrat est signé par la présidente du Val.</p>" + "</div>" * 1_000)
    got = html_to_text(markup)
    assert "Le contrat est signé par la présidente du Val." in got.text
    assert got.warnings == ("the page nests elements over 200 deep: 804 deeper ones were read as their text",)
    assert _lxml_tree(bound_markup(markup.decode()).markup)[1] <= BUDGET.html_depth + 3


def test_the_inline_elements_past_the_run_lose_their_tags_not_their_text() -> None:
    got = bound_markup(PAGES["8,000 links in one paragraph"](1.0).decode())
    assert got.markup.count("<a href") == BUDGET.html_inline_run
    assert got.markup.count("santé") == 8_000 + 2  # and the lead's heading and paragraph
    assert got.warnings == ["an element of the page holds over 1,000 inline elements: 7,000 more were read as their text"]


def test_a_page_over_the_element_budget_is_cut_at_a_tag() -> None:
    markup = PAGES["20,000 short paragraphs"](1.0).decode()
    got = bound_markup(markup)
    assert markup.startswith(got.markup) and got.markup.endswith("</p>\n")
    assert got.markup.count("<p>") == BUDGET.html_elements - 7  # html, head, meta, title, body, article, h1
    text = html_to_text(markup.encode()).text
    assert text.count("Un paragraphe court du contrat local de santé.") == BUDGET.html_elements - 8  # the lead is a <p> too


def test_a_20_mb_page_is_cut_at_the_character_budget(tmp_path: Path, nlp: Any) -> None:
    from clsx.extract import extract_path

    name = "a 20 MB page (--max-bytes 25M)"
    path = tmp_path / "page.html"
    path.write_bytes(PAGES[name](1.0))
    rec = extract_path(str(path), max_bytes=MAX_BYTES[name])
    assert rec["source"]["bytes"] == path.stat().st_size > 20_000_000
    assert rec["warnings"][:2] == [
        "the page is over 8,000,000 characters of markup: only the first 7,999,911 were read",
        "the page has over 10,000 elements: only the text of the first 10,000 was read",
    ]
    assert rec["territory"]["name"] == "communauté de communes du Val"


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        ("<!-- " + "<p>x</p>" * 50, 0),  # a comment to the end: no element
        ("<!--><p>x</p>" * 50, 50),  # "<!-->" is a whole comment (HTML's rule)
        ("<!-- --!><p>x</p>" * 50, 50),  # so is one closed by "--!>"
        ("<script>" + "<p>x</p>" * 50, 1),  # a script to the end
        ("<script>document.write('<p>')</script><p>x</p>", 2),
        ("<svg><path/><path/></svg>" * 10, 30),  # "/>" closes inside svg
        ("<p>a<p>b<p>c<ul><li>x<li>y</ul>", 6),
    ],
)
def test_the_pass_counts_as_a_parser_opens(markup: str, kept: int) -> None:
    assert bound_markup(markup).elements == kept


def test_a_dropped_script_takes_its_content_with_it() -> None:
    markup = "<div>" * 300 + "<script>var x = '<b>';</script>santé" + "</div>" * 300
    got = bound_markup(markup)
    assert "var x" not in got.markup and "<script" not in got.markup and "santé" in got.markup


def _deep_tree(depth: int) -> Any:
    """trafilatura's kind of XML body, nested deeper than Python's recursion limit."""
    from lxml import etree

    body = etree.Element("body")
    el = etree.SubElement(body, "p")
    for i in range(depth):
        el = etree.SubElement(el, "hi")
        el.text = "a"
        el.tail = "b" if i % 2 else None
    el.text = "santé"
    div = etree.SubElement(body, "div")
    for _ in range(depth):
        div = etree.SubElement(div, "div")
    etree.SubElement(div, "p").text = "fin"
    return body


def test_the_converters_walk_trees_of_any_depth_without_recursion() -> None:
    body = _deep_tree(5_000)
    assert _inline(body[0]) == "a" * 4_999 + "santé" + "b" * 2_500  # each text, then the tails on the way out
    assert render(body).endswith("fin\n")
    deep = "<html><body><article>" + "<div>" * 3_000 + "<p>Le contrat</p>" + "</div>" * 3_000 + "</article></body></html>"
    assert fallback_text(deep) == "Le contrat\n"


# --- PDFs -----------------------------------------------------------------------------------


def _read(data: bytes) -> tuple[list[Any], Any]:
    pages, spent = read_pages(data)
    return list(pages), spent


def test_a_3000_page_pdf_is_read_up_to_the_page_budget() -> None:
    pages, spent = _read(PDFS["a 3,000-page PDF"](1.0))
    assert len(pages) == BUDGET.pdf_pages
    assert spent.notes == {"the PDF has over 150 pages: only the first 150 were read"}
    got = pdf_to_text(PDFS["a 3,000-page PDF"](1.0))
    assert got.text.count("le 3 mai 2022 à Valdor") == BUDGET.pdf_pages
    assert got.warnings == ("the PDF has over 150 pages: only the first 150 were read",)


def test_4000_fragments_on_a_page_are_cut_at_the_page_budget() -> None:
    pages, spent = _read(PDFS["4,000 text fragments on a PDF page"](1.0))
    assert len(pages) == 2
    assert [ln.get_text().strip() for ln in pages[0].lines][:1] == ["Le contrat local de santé de la communauté de communes du Val a été signé"]
    assert len(pages[1].lines) == BUDGET.pdf_page_lines
    assert spent.chars == 143 + BUDGET.pdf_page_objects
    assert spent.notes == {
        "a page holds over 10,000 characters, forms and images: the rest of it was not read",
        "a page holds over 1,000 lines: the rest of it was not read",
    }


def test_4000_stacked_lines_are_read_as_at_most_the_page_budget() -> None:
    pages, _ = _read(PDFS["4,000 lines stacked on a PDF page"](1.0))
    assert len(pages[0].lines) <= BUDGET.pdf_page_lines
    assert pdf_to_text(PDFS["4,000 lines stacked on a PDF page"](1.0)).text.startswith("santé publique")


def test_a_stream_cut_short_is_read_up_to_the_cut_without_pdfminers_byte_by_byte_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfminer.pdftypes

    def never(data: bytes) -> bytes:
        raise AssertionError("pdfminer's quadratic fallback for damaged streams was used")

    monkeypatch.setattr(pdfminer.pdftypes, "decompress_corrupted", never)
    got = pdf_to_text(PDFS["a PDF stream cut short"](1.0))
    assert got.text.startswith("Le contrat local de santé de la communauté de communes du Val a été signé")


def test_inflate_stops_at_the_limit_and_reads_a_cut_stream_up_to_the_cut() -> None:
    content = text_ops(["Le contrat local de santé"] * 5_000)
    packed = zlib.compress(content, 9)
    assert _inflate(packed, 10**9) == content
    assert _inflate(packed, 1_000) == content[:1_001]
    cut = _inflate(packed[: len(packed) // 2], 10**9)
    assert 0 < len(cut) < len(content) and content.startswith(cut)
    assert _inflate(b"not zlib data", 100) == b""


def test_a_stream_that_unpacks_to_300_mb_is_never_unpacked_whole() -> None:
    pages, spent = _read(_bomb(300 * 1024 * 1024))
    assert spent.content == BUDGET.pdf_content_bytes
    with pytest.raises(InputError) as e:
        pdf_to_text(_bomb(300 * 1024 * 1024))
    assert e.value.kind == "no_text"
    assert "the PDF's content streams unpack to over 600,000 bytes: the text after that was not read" in str(e.value)


@pytest.mark.parametrize("name", ["a PDF page of 1,000,000 'q Q'", "a PDF form drawn 20,000 times"])
def test_content_that_draws_nothing_is_run_up_to_the_content_budget(name: str) -> None:
    pages, spent = _read(PDFS[name](1.0))
    assert spent.content <= BUDGET.pdf_content_bytes and spent.page_objects <= BUDGET.pdf_page_objects
    assert spent.notes


def test_the_character_budget_stops_the_document() -> None:
    line = "Le contrat local de santé de la communauté de communes du Val a été signé le 3 mai 2022"
    pages, spent = _read(raw_pdf([text_ops([f"{line} {p}-{i}" for i in range(40)]) for p in range(40)]))
    assert spent.chars == BUDGET.pdf_chars
    assert len(pages) < 40 and "the PDF holds over 100,000 characters: only the first 100,000 were read" in spent.notes


def _line(top: float, x0: float = 50.0, x1: float = 300.0, size: float = 10.0, text: str = "santé") -> Line:
    return Line(text, x0, x1, top, top + size, 20.0, 3.0, size)


def test_a_page_of_3000_lines_each_set_apart_is_ordered_without_recursion() -> None:
    lines = [_line(i * 12.0) for i in range(3_000)]
    shuffled = lines[:]
    random.Random(1).shuffle(shuffled)
    assert _order(shuffled) == lines


def test_running_lines_are_found_as_the_pairwise_test_found_them() -> None:
    rnd = random.Random(7)
    for _ in range(300):
        at = [(rnd.randrange(4), rnd.uniform(0, 60)) for _ in range(rnd.randrange(1, 12))]
        pairwise = any(i != j and abs(a - b) <= 6 for i, a in at for j, b in at)
        assert _on_two_pages_at_one_height(at) == pairwise, at


def test_set_apart_lines_are_found_as_the_pairwise_test_found_them() -> None:
    rnd = random.Random(11)
    for _ in range(200):
        page = [_line(rnd.uniform(0, 800), size=rnd.choice([6.0, 8.0, 10.0, 12.0])) for _ in range(rnd.randrange(1, 30))]
        body = 10.0
        test = _apart(page, body)
        for ln in page:
            others = [o for o in page if o is not ln and o.size >= 0.85 * body]
            pairwise = ln.size < 0.85 * body and bool(others) and min(min(abs(o.top - ln.bottom), abs(ln.top - o.bottom)) for o in others) > ln.height
            assert test(ln) == pairwise


def test_a_batch_of_hostile_files_gives_one_record_each_in_order(tmp_path: Path, nlp: Any) -> None:
    from clsx.extract import Options, Task, extract_batch

    names = ["100,000 nested <div>", "a PDF stream cut short", "a PDF stream that unpacks to 2 GB", "self-closed <div/>"]
    tasks = []
    for i, name in enumerate(names):
        fname, build = HOSTILE_FILES[name]
        path = tmp_path / f"{i}-{fname}"
        path.write_bytes(build(0.2 if "2 GB" in name else 1.0))
        tasks.append(Task(str(path), Options(max_bytes=5 * 1024 * 1024, max_tokens=10_000), listed=True))
    recs = extract_batch(tasks)
    assert [r["source"]["path"] for r in recs] == [t.path for t in tasks]
    assert "error" not in recs[0] and recs[0]["warnings"][0].startswith("the page has over 10,000 elements")
    assert "error" not in recs[1] and recs[1]["territory"]["name"] == "communauté de communes du Val"
    assert recs[2]["error"]["type"] == "no_text"
    assert "error" not in recs[3]



def test_a_form_that_draws_itself_is_read_once() -> None:
    got = pdf_to_text(PDFS["a PDF form that draws itself"](1.0))
    assert got.text == " ".join(ARTICLE_LINES) + "\n"  # the second line reads as the first one wrapped


def test_formatting_elements_ended_by_dropped_end_tags_still_count() -> None:
    """An end tag of a dropped <b> is taken out with it: the parser's open <b> stay open, so the
    pass must not count them as ended (else they would pile up again past the cap)."""
    markup = "<p>" + "<b>x" * 20 + "<b>y</b>" * 5_000
    got = bound_markup(markup)
    assert got.markup.count("<b>") == 20 and got.markup.count("</b>") == 0
    assert _lexbor_elements(got.markup) < 100
