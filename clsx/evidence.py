"""What a reviewer looks at in a record: each value with its evidence span, the rows of its
table, the fields left empty. Shared by the HTML review page and `clsx show`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Colour per field (background, border): one look in the page and the terminal.
FIELDS: dict[str, tuple[str, str]] = {
    "territory": ("#fff1b8", "#d4a000"),
    "signature": ("#c8f7dc", "#0f9d58"),
    "period": ("#cfe8ff", "#1a73e8"),
    "signatories": ("#ffd6e0", "#d81b60"),
    "partners": ("#ffe0c2", "#e8710a"),
    "axes": ("#e6dcff", "#7c4dff"),
    "coordinator": ("#c9f2f7", "#00838f"),
    "funding": ("#e3f5c4", "#558b2f"),
}
# The fields whose absence a reviewer should look at ("missing" in the page's filter).
KEY_FIELDS = ("territory", "signature date", "signature status", "period", "signatories", "axes")


@dataclass(frozen=True)
class Evidence:
    field: str  # a key of FIELDS
    path: str  # "signatories[1]", "period.duration_span"
    summary: str  # the value, as a reviewer reads it
    start: int
    end: int
    text: str  # span.text as the record gives it

    def holds(self, doc: str | None) -> bool:
        """The span indexes the text (offsets right, text equal)."""
        return doc is not None and 0 <= self.start <= self.end <= len(doc) and doc[self.start : self.end] == self.text


def _summary(field: str, obj: dict[str, Any], span_key: str) -> str:
    if field == "period":
        if span_key == "duration_span":
            return f"{obj.get('duration_years')} years"
        years = f"{obj.get('start_year') or '…'}–{obj.get('end_year') or '…'}"
        return years + (f", {obj['duration_years']} years" if obj.get("duration_years") else "")
    if field == "signature":
        return " · ".join(str(obj[k]) for k in ("date", "place", "status") if obj.get(k))
    if field == "axes":
        return str(obj.get("label")) + (" (transversal)" if obj.get("transversal") else "")
    if field == "funding":
        return f"{obj.get('amount_eur'):,.0f} €".replace(",", " ") + (f" ({obj['funder']})" if obj.get("funder") else "")
    if field == "territory":
        return str(obj.get("name")) + (f" ({obj['kind']})" if obj.get("kind") else "")
    parts = [obj.get("name"), obj.get("title"), obj.get("organization")]
    return ", ".join(str(p) for p in parts if p) or "(no name)"


def evidence(record: dict[str, Any]) -> list[Evidence]:
    """Every value of the record that has a span, in record order."""
    out: list[Evidence] = []
    for field in FIELDS:
        value = record.get(field)
        items = [(f"{field}[{i}]", v) for i, v in enumerate(value)] if isinstance(value, list) else [(field, value)]
        for path, obj in items:
            if not isinstance(obj, dict):
                continue
            for key in ("span", "duration_span"):
                span = obj.get(key)
                if isinstance(span, dict):
                    where = path if key == "span" else f"{path}.{key}"
                    out.append(Evidence(field, where, _summary(field, obj, key), span["start"], span["end"], span["text"]))
    return out


def missing(record: dict[str, Any]) -> list[str]:
    """The key fields the record leaves empty."""
    sig = record.get("signature") or {}
    per = record.get("period") or {}
    present = {
        "territory": record.get("territory"),
        "signature date": sig.get("date"),
        "signature status": sig.get("status"),
        "period": per.get("start_year") or per.get("end_year") or per.get("duration_years"),
        "signatories": record.get("signatories"),
        "axes": record.get("axes"),
    }
    return [k for k in KEY_FIELDS if not present[k]]


def rows(record: dict[str, Any]) -> list[tuple[str, str, str, str | None]]:
    """(field colour key or '', label, value, evidence path or None): the record as a table."""
    out: list[tuple[str, str, str, str | None]] = []
    ter = record.get("territory")
    if ter:
        out.append(("territory", "territory", _summary("territory", ter, "span"), "territory"))
        for k in ("acronym", "communes_count", "department", "official_name", "siren", "insee_code", "official_region"):
            if ter.get(k) is not None:
                out.append(("territory", f"territory {k.replace('_', ' ')}", str(ter[k]), None))
        if ter.get("link"):
            out.append(("territory", "territory link", f"{ter['link']['status']} ({ter['link']['score']})", None))
    else:
        out.append(("", "territory", "—", None))
    out.append(("", "region", str(record.get("region") or "—"), None))
    out.append(("", "CLS number", str(record.get("cls_number") or "—"), None))
    sig = record.get("signature") or {}
    for k in ("date", "place", "status"):
        out.append(("signature", f"signature {k}", str(sig.get(k) or "—"), "signature" if sig.get("span") else None))
    per = record.get("period") or {}
    for k in ("start_year", "end_year"):
        out.append(("period", k.replace("_", " "), str(per.get(k) or "—"), "period" if per.get("span") else None))
    dur_path = "period.duration_span" if per.get("duration_span") else ("period" if per.get("span") else None)
    out.append(("period", "duration (years)", str(per.get("duration_years") or "—"), dur_path))
    for field, label in (("signatories", "signatory"), ("partners", "partner"), ("axes", "axis"), ("funding", "funding")):
        items = record.get(field) or []
        if not items:
            out.append(("", field, "—", None))
        for i, obj in enumerate(items):
            out.append((field, label, _summary(field, obj, "span"), f"{field}[{i}]"))
    out.append(("", "axes announced", str(record.get("axes_announced") or "—"), None))
    out.append(("", "fiches actions", str(record.get("actions_count") or "—"), None))
    coord = record.get("coordinator")
    out.append(("coordinator" if coord else "", "coordinator", _summary("coordinator", coord, "span") if coord else "—", "coordinator" if coord else None))
    return out
