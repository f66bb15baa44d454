"""Records -> one self-contained HTML page to check them: every document, each extracted value
highlighted in its text (a colour per field), the record as a table beside it, the warnings,
and a filter for the documents that need a look (warnings, missing key fields, errors).

Self-contained: UTF-8 declared, inline CSS and JS, no network; every string from a record or
a text is escaped. Overlapping spans nest as <mark> elements; where two cross, the inner one
is cut in pieces that share its `data-span`, so one value is one highlight however it is drawn.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from . import __version__
from .evidence import FIELDS, Evidence, evidence, missing, rows

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def esc(s: Any) -> str:
    return html.escape(str(s), quote=True)


def _text_html(text: str) -> str:
    # A control character would be a parse error: shown as U+FFFD, one for one (offsets kept).
    return esc(_CONTROL.sub("\ufffd", text))


def marked(text: str, evs: Sequence[Evidence], ids: Sequence[str]) -> str:
    """The text, escaped, with one <mark> per evidence (several pieces when spans cross)."""
    spans = sorted(zip(evs, ids), key=lambda p: (p[0].start, -p[0].end))
    points = sorted({0, len(text), *(e.start for e, _ in spans), *(e.end for e, _ in spans)})
    starting: dict[int, list[tuple[Evidence, str]]] = {}
    for e, i in spans:
        starting.setdefault(e.start, []).append((e, i))
    out: list[str] = []
    stack: list[tuple[Evidence, str]] = []
    opened: set[str] = set()

    def open_tag(e: Evidence, i: str) -> str:
        first = i not in opened
        opened.add(i)
        cls = f"f-{e.field}" + (" empty" if e.start == e.end else "")
        return (
            f'<mark class="{cls}" data-span="{i}"' + (f' id="{i}"' if first else "")
            + f' title="{esc(e.field)}: {esc(e.summary)}">'
        )

    for k, p in enumerate(points):
        ending = [n for n, (e, _) in enumerate(stack) if e.end == p]
        if ending:
            popped = stack[ending[0] :]
            out.append("</mark>" * len(popped))
            del stack[ending[0] :]
            for e, i in popped:
                if e.end != p:
                    out.append(open_tag(e, i))
                    stack.append((e, i))
        for e, i in starting.get(p, []):
            out.append(open_tag(e, i))
            if e.start == e.end:
                out.append("</mark>")
            else:
                stack.append((e, i))
        if k + 1 < len(points):
            out.append(_text_html(text[p : points[k + 1]]))
    out.append("</mark>" * len(stack))
    return "".join(out)


def anchor(doc_id: str) -> str:
    """The id of a document's heading, by its doc_id: what other pages (clsx contracts --html) link to."""
    return f"record-{doc_id}"


def _doc_section(n: int, record: dict[str, Any], text: str | None, note: str | None, first: bool = True) -> str:
    src = record.get("source") or {}
    path = str(src.get("path") or "?")
    err = record.get("error")
    target = f' id="{esc(anchor(str(record["doc_id"])))}"' if first and record.get("doc_id") and not err else ""
    head = f'<h2{target}><span class="num">{n}.</span> {esc(path)}</h2>'
    if err:
        return (
            f'<section class="doc" id="doc-{n}" data-warnings="0" data-missing="0" data-error="1" '
            f'data-search="{esc(path.lower())}">{head}<p class="error">error <b>{esc(err.get("type"))}</b>: '
            f"{esc(err.get('message'))}</p></section>"
        )
    evs = evidence(record)
    ids = [f"d{n}-s{k}" for k in range(len(evs))]
    by_path = {e.path: i for e, i in zip(evs, ids)}
    good = [(e, i) for e, i in zip(evs, ids) if e.holds(text)]
    bad = [e for e in evs if text is not None and not e.holds(text)]
    warnings = list(record.get("warnings") or [])
    miss = missing(record)
    title = record.get("title") or ""
    meta = [f"{src.get('chars')} characters", f"doc_id {record.get('doc_id')}"]
    if src.get("converter"):
        meta.insert(0, f"text extracted by {src['converter']}")
    if src.get("published"):
        meta.append(f"published {src['published']}")
    parts = [
        f'<section class="doc" id="doc-{n}" data-warnings="{len(warnings)}" data-missing="{len(miss)}" '
        f'data-error="0" data-spans="{len(evs)}" data-search="{esc((path + " " + title).lower())}">',
        head,
        f'<p class="title">{esc(title)}</p>' if title else "",
        f'<p class="meta">{esc(" · ".join(meta))}</p>',
    ]
    if miss:
        parts.append(f'<p class="missing">missing: {esc(", ".join(miss))}</p>')
    if warnings or bad or note:
        items = [f"<li>{esc(w)}</li>" for w in warnings]
        items += [f'<li class="bad">span of {esc(e.path)} does not match the text at {e.start}–{e.end}: {esc(e.text)}</li>' for e in bad]
        if note:
            items.append(f'<li class="bad">{esc(note)}</li>')
        parts.append(f'<ul class="warnings">{"".join(items)}</ul>')
    body = (
        f'<div class="text">{marked(text, [e for e, _ in good], [i for _, i in good])}</div>'
        if text is not None
        else '<div class="text none">(the text is not available: see the note above)</div>'
    )
    table = ["<table><thead><tr><th>field</th><th>value</th></tr></thead><tbody>"]
    for field, label, value, where in rows(record):
        sw = f'<span class="sw f-{field}"></span>' if field else '<span class="sw"></span>'
        target = by_path.get(where) if where else None
        val = esc(value)
        if target and any(i == target for _, i in good):
            val = f'<a href="#{target}" data-goto="{target}">{val}</a>'
        row_attr = f' data-row="{target}"' if target else ""
        table.append(f"<tr{row_attr}><td>{sw}{esc(label)}</td><td>{val}</td></tr>")
    table.append("</tbody></table>")
    parts.append(f'<div class="grid">{body}<div class="record">{"".join(table)}</div></div></section>')
    return "".join(parts)


def _index(records: Sequence[dict[str, Any]]) -> str:
    out = ['<table class="index"><thead><tr><th>#</th><th>document</th><th>territory</th><th>warnings</th><th>missing</th></tr></thead><tbody>']
    for n, r in enumerate(records, 1):
        path = (r.get("source") or {}).get("path") or "?"
        if r.get("error"):
            out.append(f'<tr data-doc="doc-{n}"><td>{n}</td><td><a href="#doc-{n}">{esc(path)}</a></td><td class="error" colspan="3">error: {esc(r["error"].get("type"))}</td></tr>')
            continue
        ter = (r.get("territory") or {}).get("name") or "—"
        out.append(
            f'<tr data-doc="doc-{n}"><td>{n}</td><td><a href="#doc-{n}">{esc(path)}</a></td><td>{esc(ter)}</td>'
            f'<td>{len(r.get("warnings") or [])}</td><td>{esc(", ".join(missing(r)) or "—")}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def page(records: Sequence[dict[str, Any]], texts: Sequence[str | None], notes: Sequence[str | None] | None = None, title: str = "clsx review") -> str:
    """The whole page. `texts[i]` is the text record i's spans index (None: not available,
    `notes[i]` says why)."""
    notes = notes or [None] * len(records)
    n_warn = sum(1 for r in records if r.get("warnings"))
    n_miss = sum(1 for r in records if not r.get("error") and missing(r))
    n_err = sum(1 for r in records if r.get("error"))
    n_issue = sum(1 for r in records if r.get("error") or r.get("warnings") or missing(r))
    legend = "".join(f'<span class="key"><span class="sw f-{f}"></span>{esc(f)}</span>' for f in FIELDS)
    colours = "".join(
        f".f-{f}{{background:{bg};border-bottom:2px solid {line}}}" f"span.sw.f-{f}{{background:{line}}}" for f, (bg, line) in FIELDS.items()
    )
    firsts, seen = [], set()  # a text given twice (same doc_id): links go to its first section
    for r in records:
        firsts.append(r.get("doc_id") not in seen)
        seen.add(r.get("doc_id"))
    sections = "".join(_doc_section(n, r, t, note, f) for n, (r, t, note, f) in enumerate(zip(records, texts, notes, firsts), 1))
    radios = "".join(
        f'<label><input type="radio" name="show" value="{v}"{" checked" if v == "all" else ""}> {label} ({c})</label>'
        for v, label, c in (
            ("all", "all", len(records)),
            ("issues", "needing a look", n_issue),
            ("warnings", "with warnings", n_warn),
            ("missing", "with missing fields", n_miss),
            ("errors", "errors", n_err),
        )
    )
    return document(title, _CSS + colours, _JS, f"""<header>
<h1>{esc(title)} <small>{len(records)} document(s)</small></h1>
<div class="filters">{radios}
<input type="search" id="search" placeholder="filter by path or title" aria-label="filter by path or title">
<span id="shown" aria-live="polite"></span></div>
<div class="legend">{legend}</div>
</header>
<main>
{_index(records)}
{sections}
</main>""")


def document(title: str, css: str, js: str, body: str) -> str:
    """A self-contained page: UTF-8 declared, inline style and script, nothing fetched (the
    review page and the contracts overview)."""
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="clsx {esc(__version__)}">
<title>{esc(title)}</title>
<style>{css}</style>
</head>
<body>
{body}
<script>{js}</script>
</body>
</html>
"""


# The frame the review page and the contracts overview share: a sticky header of filters, plain tables.
FRAME_CSS = """
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#f6f7f9}
body{margin:0}
header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #ddd;padding:.5rem 1rem}
h1{font-size:1.15rem;margin:.2rem 0}h1 small{font-weight:normal;color:#666}
.filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;font-size:.9rem}
.filters input[type=search]{padding:.2rem .4rem;min-width:14rem}
#shown{color:#666}
main{padding:1rem;max-width:110rem;margin:0 auto}
table{border-collapse:collapse;font-size:.85rem;width:100%;background:#fff}
td,th{border:1px solid #e2e2e2;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f0f0f3}
"""

_CSS = FRAME_CSS + """
.legend{margin-top:.3rem;font-size:.8rem;display:flex;flex-wrap:wrap;gap:.7rem}
.key{display:inline-flex;align-items:center;gap:.25rem}
.sw{display:inline-block;width:.7rem;height:.7rem;border-radius:2px;margin-right:.3rem;vertical-align:middle;background:#ccc}
table.index{margin-bottom:1.5rem}
section.doc{background:#fff;border:1px solid #ddd;border-radius:6px;margin:0 0 1.5rem;padding:.6rem 1rem 1rem}
section.doc h2{font-size:1rem;margin:.2rem 0;word-break:break-all}
.num{color:#888}
.title{font-weight:600;margin:.2rem 0}
.meta{color:#666;font-size:.8rem;margin:.2rem 0}
.missing{color:#9a6700;font-size:.85rem;margin:.2rem 0}
.error{color:#b3261e}
ul.warnings{background:#fff8e1;border-left:3px solid #f9a825;margin:.4rem 0;padding:.3rem .3rem .3rem 1.6rem;font-size:.85rem}
li.bad{color:#b3261e}
.grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:1rem;margin-top:.5rem}
@media (max-width:900px){.grid{grid-template-columns:1fr}}
.text{white-space:pre-wrap;font-family:ui-serif,Georgia,serif;font-size:.95rem;line-height:1.55;border:1px solid #eee;padding:.6rem;max-height:80vh;overflow:auto;overflow-wrap:anywhere}
.text.none{color:#888;font-style:italic}
mark{color:inherit;padding:0;border-radius:2px}
mark.empty::after{content:"◆";font-size:.7em}
mark.flash{outline:3px solid #ff5722;transition:outline .2s}
tr.hover td{background:#fffbe6}
.record a{color:inherit}
"""

_JS = """
(function () {
  "use strict";
  var docs = Array.prototype.slice.call(document.querySelectorAll("section.doc"));
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  function keep(d, mode) {
    var w = d.dataset.warnings !== "0", m = d.dataset.missing !== "0", e = d.dataset.error === "1";
    if (mode === "warnings") return w;
    if (mode === "missing") return m;
    if (mode === "errors") return e;
    if (mode === "issues") return w || m || e;
    return true;
  }
  function apply() {
    var mode = document.querySelector("input[name=show]:checked").value;
    var q = search.value.trim().toLowerCase();
    var n = 0;
    docs.forEach(function (d) {
      var ok = keep(d, mode) && (!q || d.dataset.search.indexOf(q) !== -1);
      d.hidden = !ok;
      var row = document.querySelector('tr[data-doc="' + d.id + '"]');
      if (row) row.hidden = !ok;
      if (ok) n += 1;
    });
    shown.textContent = n + " of " + docs.length + " shown";
  }
  document.querySelectorAll("input[name=show]").forEach(function (r) { r.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-goto]");
    if (!a) return;
    ev.preventDefault();
    var id = a.getAttribute("data-goto");
    var first = document.getElementById(id);
    if (!first) return;
    first.scrollIntoView({block: "center"});
    document.querySelectorAll('mark[data-span="' + id + '"]').forEach(function (m) {
      m.classList.remove("flash");
      void m.offsetWidth;
      m.classList.add("flash");
    });
  });
  document.addEventListener("mouseover", function (ev) {
    var m = ev.target.closest("mark[data-span]");
    document.querySelectorAll("tr.hover").forEach(function (r) { r.classList.remove("hover"); });
    if (!m) return;
    var row = document.querySelector('tr[data-row="' + m.getAttribute("data-span") + '"]');
    if (row) row.classList.add("hover");
  });
  apply();
})();
"""
