"""One record in the terminal: the text with each value's span highlighted (the review page's
colours), then the record as a table and its warnings.

Everything from a record or a file name is data, never instructions to the terminal or to
rich: it goes in as `Text` (so "[/]" or "[bold]" is shown, not read as markup), and every
character a terminal would act on rather than show is replaced first (one for one, so the
offsets of the text hold): C0 controls but tab and line feed (ESC starts the sequences that
retitle a window or clear the screen), DEL, C1 controls (U+009B is CSI on some terminals),
the bidirectional controls that show text in another order than it is stored, and lone
surrogates."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .evidence import FIELDS, evidence, missing, rows

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe(value: Any, fill: str = "\ufffd") -> str:
    """`value` as text a terminal shows as it is: each unsafe character becomes `fill`."""
    return _UNSAFE.sub(fill, str(value))


def _style(field: str) -> str:
    bg, line = FIELDS[field]
    return f"bold {line} on {bg}"


def renderable(record: dict[str, Any], text: str | None, note: str | None = None) -> Group:
    src = record.get("source") or {}
    title = Text(safe(src.get("path") or "?"))
    if record.get("error"):
        err = record["error"]
        return Group(Panel(Text(safe(f"error {err.get('type')}: {err.get('message')}"), style="red"), title=title, title_align="left"))
    evs = evidence(record)
    parts: list[Any] = []
    if text is not None:
        body = Text(safe(text, " "))  # one character for one: the offsets hold
        held = 0
        for e in sorted(evs, key=lambda e: e.start - e.end):  # longest first: inner spans drawn over outer ones
            if e.holds(text):
                body.stylize(_style(e.field), e.start, e.end)
                held += 1
        sub = Text(safe(f"{held} of {len(evs)} spans highlighted" + (f" · {src['converter']}" if src.get("converter") else "")))
        parts.append(Panel(body, title=title, title_align="left", subtitle=sub, subtitle_align="right"))
    else:
        parts.append(Panel(Text(safe(note or "text not available"), style="italic"), title=title, title_align="left"))
    legend = Text("  ").join(Text(f" {f} ", style=_style(f)) for f in FIELDS)
    parts.append(legend)
    table = Table(show_header=True, header_style="bold", expand=False)
    table.add_column("field")
    table.add_column("value", overflow="fold")
    for field, label, value, _ in rows(record):
        table.add_row(Text(safe(label), style=FIELDS[field][1] if field else ""), Text(safe(value)))
    parts.append(table)
    for w in record.get("warnings") or []:
        parts.append(Text(safe(f"warning: {w}"), style="yellow"))
    miss = missing(record)
    if miss:
        parts.append(Text(safe(f"missing: {', '.join(miss)}"), style="yellow"))
    return Group(*parts)


def show(records: list[dict[str, Any]], texts: list[str | None], notes: list[str | None], console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    for r, t, n in zip(records, texts, notes):
        console.print(renderable(r, t, n))
