"""Contracts -> one self-contained HTML overview page (`clsx contracts --html`): how many contracts
by region and department, a timeline of signatures by year (an SVG chart drawn here, no script
or network needed to see it), and a table of the contracts with their articles, each linking to
its document in a `clsx review` page when one is given, and the values the articles disagree on.

Like the review page: UTF-8 declared, inline CSS and JS, nothing fetched, every string escaped.
The script only filters the table (search, region, a year clicked on the chart, flags).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from .contracts_io import conflicting
from .review import FRAME_CSS, anchor, document, esc

UNKNOWN = "unknown"


def review_href(review: str, html: Path) -> str:
    """The review page as the overview links to it: a URL as given, a file relative to the page."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", review, re.I):
        return review
    rel = os.path.relpath(Path(review).resolve(), html.resolve().parent)
    return quote(PurePath(rel).as_posix())


def review_anchors(review: str) -> set[str] | None:
    """The document anchors of a review page on disk (None when it is not a readable file)."""
    try:
        text = Path(review).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return set(re.findall(r'<h2 id="([^"]+)"', text))


def unlinked(lines: list[dict[str, Any]], anchors: set[str]) -> int:
    """How many articles of the contracts the review page does not hold."""
    return sum(1 for c in lines for a in c.get("articles") or [] if anchor(a["doc_id"]) not in anchors)


def _v(choice: Any) -> Any:
    return choice.get("value") if isinstance(choice, dict) else None


def _region(c: dict[str, Any]) -> str:
    return _v(c["territory"]["official_region"]) or _v(c["region"]) or UNKNOWN


def _department(c: dict[str, Any]) -> str:
    return _v(c["territory"]["department_code"]) or UNKNOWN


def _year(c: dict[str, Any]) -> str | None:
    date = _v(c["signature"]["date"])
    return date[:4] if date else None


def _counts(contracts: list[dict[str, Any]]) -> str:
    """Placed contracts by region and by department (an article without a territory is not one)."""
    regions = Counter(_region(c) for c in contracts)
    depts = Counter((_department(c), _region(c)) for c in contracts)
    rows_r = "".join(
        f'<tr data-region="{esc(r)}"><td><a href="#" data-filter-region="{esc(r)}">{esc(r)}</a></td><td class="n">{n}</td></tr>'
        for r, n in sorted(regions.items(), key=lambda x: (-x[1], x[0]))
    )
    rows_d = "".join(
        f'<tr><td>{esc(d)}</td><td>{esc(r)}</td><td class="n">{n}</td></tr>' for (d, r), n in sorted(depts.items(), key=lambda x: (x[0][0] == UNKNOWN, x[0]))
    )
    return (
        '<div class="counts"><table id="by-region"><caption>contracts by region</caption><thead><tr><th>region</th><th>contracts</th></tr></thead>'
        f"<tbody>{rows_r}</tbody></table>"
        '<table id="by-department"><caption>contracts by department</caption><thead><tr><th>department</th><th>region</th><th>contracts</th></tr></thead>'
        f"<tbody>{rows_d}</tbody></table></div>"
    )


def timeline(contracts: list[dict[str, Any]]) -> str:
    """An SVG bar chart: contracts signed (and announced) per signature year, every year between
    the first and the last drawn, even empty. Each bar says its year and count in `data-*`."""
    signed = Counter(_year(c) for c in contracts if _year(c) and _v(c["signature"]["status"]) == "signed")
    planned = Counter(_year(c) for c in contracts if _year(c) and _v(c["signature"]["status"]) != "signed")
    years = sorted({int(y) for y in (signed | planned)})
    if not years:
        return '<p id="timeline" class="none">No contract has a signature date.</p>'
    span = list(range(years[0], years[-1] + 1))
    top = max(signed[str(y)] + planned[str(y)] for y in span)
    w, h, left, bottom, bar = 40, 160, 30, 24, 28
    width = left + w * len(span) + 10
    parts = [f'<svg id="timeline" role="img" aria-label="contracts by signature year" width="{width}" height="{h + bottom + 10}" viewBox="0 0 {width} {h + bottom + 10}">']
    for k in range(top + 1):
        y = 5 + h - h * k / top
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 5}" y1="{y:.1f}" y2="{y:.1f}"/><text class="tick" x="{left - 6}" y="{y + 4:.1f}">{k}</text>')
    for i, year in enumerate(span):
        x, base = left + w * i + (w - bar) / 2, 5 + h
        for cls, n in (("signed", signed[str(year)]), ("planned", planned[str(year)])):
            if n:
                height = h * n / top
                base -= height
                parts.append(
                    f'<rect class="bar {cls}" data-year="{year}" data-count="{n}" x="{x:.1f}" y="{base:.1f}" width="{bar}" height="{height:.1f}">'
                    f"<title>{year}: {n} contract(s) {cls}</title></rect>"
                )
        parts.append(f'<text class="year" x="{x + bar / 2:.1f}" y="{h + 20}">{year}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _source(s: dict[str, Any], href: str | None, anchors: set[str] | None) -> str:
    name = esc(PurePath(s["path"].replace("\\", "/")).name or s["path"])
    target = anchor(s["doc_id"])
    if href is None or (anchors is not None and target not in anchors):
        return f'<span class="src" title="{esc(s["path"])}">{name}</span>'
    return f'<a class="src" href="{esc(href)}#{esc(target)}" title="{esc(s["path"])}">{name}</a>'


def _at(c: dict[str, Any], field: str) -> Any:
    v: Any = c
    for p in field.split("."):
        v = v.get(p) if isinstance(v, dict) else None
    return v


def _conflicts(c: dict[str, Any], href: str | None, anchors: set[str] | None) -> str:
    items = []
    for f in conflicting(c):
        alts = " ≠ ".join(
            f'<span class="alt">{esc(_show(a["value"]))} ({", ".join(_source(s, href, anchors) for s in a["sources"])})</span>' for a in _at(c, f)["conflicts"]
        )
        items.append(f'<li data-field="{esc(f)}"><b>{esc(f)}</b>: {alts}</li>')
    return f'<ul class="conflicts">{"".join(items)}</ul>' if items else "—"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "–".join(str(v) for v in value.values() if v is not None) if "start_year" in value else ", ".join(str(v) for v in value.values() if v)
    return str(value)


def _row(c: dict[str, Any], href: str | None, anchors: set[str] | None) -> str:
    t = c["territory"]
    code = _v(t["siren"]) or _v(t["insee_code"])
    name = _v(t["name"]) or "(no territory)"
    kind = _v(t["kind"])
    sig = c["signature"]
    years = _v(c["period"]["years"]) or {}
    period = f"{years.get('start_year') or '…'}–{years.get('end_year') or '…'}" if years else "—"
    if _v(c["period"]["duration_years"]):
        period += f" ({_v(c['period']['duration_years'])} years)"
    signing = " · ".join(str(x) for x in (_v(sig["date"]), _v(sig["status"]), _v(sig["place"])) if x) or "—"
    hist = " ".join(f'<a href="#c-{esc(c[k])}" data-goto="c-{esc(c[k])}">{label} {esc(c[k])}</a>' for k, label in (("previous", "←"), ("next", "→")) if c.get(k))
    articles = "".join(
        f'<li>{_source(a, href, anchors)}<span class="st">{esc(a["status"] or "no status")}{"" if a["about"] else ", mentions only"}</span></li>' for a in c["articles"]
    )
    flags = " ".join(f'<span class="flag f-{esc(f)}">{esc(f.replace("_", " "))}</span>' for f in c["flags"])
    search = " ".join([c["contract_id"], name, _v(t["official_name"]) or "", *(a["path"] for a in c["articles"])]).lower()
    return (
        f'<tr id="c-{esc(c["contract_id"])}" class="contract" data-region="{esc(_region(c))}" data-year="{esc(_year(c) or "")}" '
        f'data-flags="{esc(" ".join(c["flags"]))}" data-search="{esc(search)}">'
        f'<td><span class="cid">{esc(c["contract_id"])}</span>{flags}</td>'
        f'<td>{esc(name)}<div class="sub">{esc(", ".join(x for x in (kind, code) if x))}</div></td>'
        f"<td>{esc(_department(c))}<div class=\"sub\">{esc(_region(c))}</div></td>"
        f"<td>{esc(_v(c['number']) or '—')}</td><td>{esc(signing)}</td><td>{esc(period)}</td>"
        f'<td><ul class="articles">{articles}</ul></td><td>{_conflicts(c, href, anchors)}</td><td>{hist or "—"}</td></tr>'
    )


def page(lines: list[dict[str, Any]], review: str | None = None, anchors: set[str] | None = None, title: str = "clsx contracts") -> str:
    """The page for the JSON lines of `clsx contracts` (contracts, then skipped lines). `review`
    is the href of a review page (review_href); `anchors`, the document ids it holds, if known."""
    contracts = [c for c in lines if "contract_id" in c]
    skipped = [s["skipped"] for s in lines if "skipped" in s]
    placed = [c for c in contracts if "unplaced" not in c["flags"]]
    n_articles = sum(len(c["articles"]) for c in contracts)
    n_conf = sum(1 for c in contracts if "conflicts" in c["flags"])
    regions = sorted({_region(c) for c in contracts})
    options = "".join(f'<option value="{esc(r)}">{esc(r)}</option>' for r in regions)
    rows = "".join(_row(c, review, anchors) for c in contracts)
    skipped_html = "".join(f"<li>{esc(s.get('path') or '(no path)')}: {esc(s['reason'])}</li>" for s in skipped)
    summary = (
        f"{len(placed)} contract(s) from {n_articles} article(s); {len(contracts) - len(placed)} article(s) without a territory; "
        f"{n_conf} with conflicts; {len(skipped)} line(s) skipped"
    )
    return document(title, _CSS, _JS, f"""<header>
<h1>{esc(title)} <small id="summary">{esc(summary)}</small></h1>
<div class="filters">
<input type="search" id="search" placeholder="filter by territory, contract or article" aria-label="filter by territory, contract or article">
<select id="region" aria-label="region"><option value="">every region</option>{options}</select>
<label><input type="checkbox" id="only-conflicts"> with conflicts</label>
<label><input type="checkbox" id="only-unplaced"> without a territory</label>
<button type="button" id="clear">show all</button>
<span id="shown" aria-live="polite"></span></div>
</header>
<main>
<section class="overview">{_counts(placed)}
<figure><figcaption>signatures by year (<span class="key signed"></span> signed, <span class="key planned"></span> announced); click a bar to list its contracts</figcaption>{timeline(placed)}</figure>
</section>
<table id="contracts"><thead><tr><th>contract</th><th>territory</th><th>department</th><th>CLS</th><th>signature</th><th>period</th><th>articles</th><th>conflicts</th><th>history</th></tr></thead>
<tbody>{rows}</tbody></table>
{f'<section id="skipped"><h2>Skipped lines ({len(skipped)})</h2><ul>{skipped_html}</ul></section>' if skipped else ""}
</main>""")


_CSS = FRAME_CSS + """
h1 small{font-size:.8rem}
.filters input[type=search]{min-width:16rem}
.overview{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start;margin-bottom:1.5rem}
.counts{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:flex-start}
caption{text-align:left;font-weight:600;padding:.2rem 0}
.counts table{width:auto}
td.n{text-align:right}
figure{margin:0}figcaption{font-size:.85rem;color:#444;margin-bottom:.3rem}
svg .bar{cursor:pointer}svg .bar.signed{fill:#0f9d58}svg .bar.planned{fill:#9fd9b8}svg .bar.selected{stroke:#ff5722;stroke-width:3}
svg .grid{stroke:#e5e5e5}svg .tick{font-size:10px;text-anchor:end;fill:#666}svg .year{font-size:11px;text-anchor:middle;fill:#333}
.key{display:inline-block;width:.7rem;height:.7rem;vertical-align:middle}.key.signed{background:#0f9d58}.key.planned{background:#9fd9b8}
.cid{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-all;display:block}
.sub{color:#666;font-size:.78rem}
.flag{display:inline-block;font-size:.7rem;border-radius:3px;padding:0 .3rem;margin:.15rem .2rem 0 0;background:#eee}
.flag.f-conflicts{background:#ffe0c2}.flag.f-unplaced,.flag.f-territory_ambiguous{background:#ffd6e0}.flag.f-generation_unknown,.flag.f-order_inferred{background:#fff1b8}
ul.articles,ul.conflicts{margin:0;padding-left:1rem}
.st{color:#666;font-size:.75rem;margin-left:.3rem}
.alt{white-space:normal}
tr.flash td{background:#fffbe6}
#skipped li{font-size:.85rem}
"""

_JS = """
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.contract"));
  var search = document.getElementById("search"), region = document.getElementById("region");
  var conflicts = document.getElementById("only-conflicts"), unplaced = document.getElementById("only-unplaced");
  var shown = document.getElementById("shown"), year = "";
  function apply() {
    var q = search.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var flags = " " + r.dataset.flags + " ";
      var ok = (!q || r.dataset.search.indexOf(q) !== -1) && (!region.value || r.dataset.region === region.value) &&
        (!year || r.dataset.year === year) && (!conflicts.checked || flags.indexOf(" conflicts ") !== -1) &&
        (!unplaced.checked || flags.indexOf(" unplaced ") !== -1);
      r.hidden = !ok;
      if (ok) n += 1;
    });
    document.querySelectorAll("svg .bar").forEach(function (b) { b.classList.toggle("selected", b.dataset.year === year); });
    shown.textContent = n + " of " + rows.length + " shown" + (year ? " (signed or announced in " + year + ")" : "");
  }
  [search, region, conflicts, unplaced].forEach(function (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); });
  document.querySelectorAll("svg .bar").forEach(function (b) {
    b.addEventListener("click", function () { year = year === b.dataset.year ? "" : b.dataset.year; apply(); });
  });
  document.getElementById("clear").addEventListener("click", function () {
    search.value = ""; region.value = ""; conflicts.checked = false; unplaced.checked = false; year = ""; apply();
  });
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-filter-region], a[data-goto]");
    if (!a) return;
    ev.preventDefault();
    if (a.dataset.filterRegion !== undefined) { region.value = a.dataset.filterRegion; apply(); return; }
    var row = document.getElementById(a.dataset.goto);
    if (!row) return;
    row.hidden = false;
    row.scrollIntoView({block: "center"});
    row.classList.remove("flash"); void row.offsetWidth; row.classList.add("flash");
  });
  apply();
})();
"""
