"""Date mentions: found by the expressions of patterns/dates.json, years resolved from context.

The expressions capture day, month and year; a day and month without a year take it from the
rest of the text (the same day written with its year, the publication date, other years that fit
the weekday), and say so in the warnings. A captured day, month and year are checked with
`datetime.date`: dateparser on "D M YYYY" gave the same date (or none) for every day and month
of 1900-2099, and cost 0.3-0.4 s of start-up (import and French data) for nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..doc import Ctx
from ..patterns import load_json

_DATA = load_json("dates.json")
_MONTHS: dict[str, int] = _DATA["months"]
_WEEKDAYS: dict[str, int] = _DATA["weekdays"]
_PUBLICATION = re.compile(r"(?:publi[ée]e?\s+le|mis\s+à\s+jour\s+le|^[^\n,]{2,40},\s+le)\s*$", re.IGNORECASE | re.MULTILINE)


@cache
def _expressions() -> list[tuple[str, re.Pattern[str]]]:
    alt_m = "|".join(sorted(_MONTHS, key=len, reverse=True))
    alt_w = "|".join(_WEEKDAYS)
    return [
        (e["id"], re.compile(e["regex"].replace("{months}", alt_m).replace("{weekdays}", alt_w), re.IGNORECASE))
        for e in _DATA["expressions"]
    ]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    rule: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    past: bool = False
    future: bool = False

    @property
    def iso(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _mention(m: re.Match[str], rule: str) -> DateMention | None:
    g = {k: v for k, v in m.groupdict().items() if v}
    year = int(g["year"]) if "year" in g else None
    if year is not None and year < 100:
        year += 2000
    month = g.get("month")
    month_n = (int(month) if month.isdigit() else _MONTHS.get(month.lower())) if month else None
    day = int(g["day"]) if "day" in g else None
    weekday = _WEEKDAYS.get(g["weekday"].lower()) if "weekday" in g else None
    if month_n is not None and not 1 <= month_n <= 12 or day is not None and not 1 <= day <= 31:
        return None
    if year is not None and month_n is not None and day is not None:
        try:
            dt.date(year, month_n, day)
        except ValueError:
            return None
    return DateMention(m.start(), m.end(), rule, year, month_n, day, weekday, "dernier" in g, "prochain" in g)


def find_dates(clean: str) -> list[DateMention]:
    """All date mentions, longest first where they overlap, in text order."""
    found: list[DateMention] = []
    for rule, rx in _expressions():
        for m in rx.finditer(clean):
            d = _mention(m, rule)
            if d and all(d.end <= f.start or d.start >= f.end for f in found):
                found.append(d)
    return sorted(found, key=lambda d: d.start)


def publication_date(ctx: Ctx, mentions: list[DateMention]) -> dt.date | None:
    """The article's own date: the page's metadata date, a 'Publié le' / dateline date, or a
    full date in the first lines."""
    if ctx.published:
        return ctx.published
    head_end = _head_end(ctx.clean)
    long_line = re.search(r"[^\n]{160,}", ctx.clean[:head_end])
    if long_line:
        head_end = long_line.start()
    for d in mentions:
        if d.iso is None or d.day is None:
            continue
        before = ctx.clean[max(0, d.start - 60) : d.start]
        if _PUBLICATION.search(before) or (d.start < head_end and _dateline(ctx, d)):
            return dt.date(d.year, d.month, d.day)  # type: ignore[arg-type]
    head_years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", ctx.clean[:head_end])]
    if head_years:
        return dt.date(head_years[0], 12, 31)
    return None


def _dateline(ctx: Ctx, d: DateMention) -> bool:
    """A date in the first lines is the article's own unless its sentence tells of an event
    ('Le conseil avait approuvé le contrat le 14 février')."""
    a, b = ctx.sentence_of(d.start)
    return not any(ctx.matches_in(label, a, b) for label in ("SIGN", "PLANNED", "OTHER_EVENT"))


def _head_end(clean: str, lines: int = 3) -> int:
    """Offset where the first `lines` non-empty lines end (title, dateline, byline)."""
    count, pos = 0, 0
    for m in re.finditer(r"[^\n]*\n?", clean):
        if m.group(0).strip():
            count += 1
        pos = m.end()
        if count >= lines or pos >= len(clean):
            break
    return pos


def resolve(ctx: Ctx, d: DateMention, mentions: list[DateMention], ref: dt.date | None) -> DateMention | None:
    """Give a yearless mention its year from the context, with a warning; None if it has none."""
    if d.year is not None:
        return d
    if d.month is None:
        return _resolve_weekday(ctx, d, ref)
    assert d.day is not None
    same = [m for m in mentions if m.year and m.month == d.month and m.day == d.day]
    if same:
        ctx.warnings.append(f"year of the signature date taken from another mention of the same day ({same[0].iso})")
        return _with_year(d, same[0].year)  # type: ignore[arg-type]
    years = sorted(set(ctx.years) | ({ref.year} if ref else set()))
    if d.weekday is not None:
        fits = [y for y in years if _weekday(y, d.month, d.day) == d.weekday]
        if ref:
            fits = [y for y in fits if (dt.date(y, d.month, d.day) >= ref) == d.future] or fits
        if not fits and years:
            # the years around those written: soonest for an announced date, latest otherwise
            near = [y for y in range(min(years) - 1, max(years) + 2) if _weekday(y, d.month, d.day) == d.weekday]
            fits = [min(y for y in near if y >= min(years))] if d.future and any(y >= min(years) for y in near) else near[-1:]
        if fits:
            y = min(fits) if d.future and not ref else max(fits)
            ctx.warnings.append(f"year of the signature date inferred from the weekday and the years in the text ({y})")
            return _with_year(d, y)
        ctx.warnings.append("signature date has no year and no year in the text fits its weekday")
        return None
    if ref:
        y = ref.year
        try:
            candidate = dt.date(y, d.month, d.day)
        except ValueError:
            return None
        if d.future and candidate < ref:
            y += 1
        elif not d.future and candidate > ref:
            y -= 1
        ctx.warnings.append(f"year of the signature date inferred from the publication date ({y})")
        return _with_year(d, y)
    if ctx.years:
        y = max(ctx.years)
        ctx.warnings.append(f"year of the signature date guessed as the latest year in the text ({y}); check it")
        return _with_year(d, y)
    ctx.warnings.append("signature date has no year in the text")
    return None


def _resolve_weekday(ctx: Ctx, d: DateMention, ref: dt.date | None) -> DateMention | None:
    """'ce jeudi': the nearest such weekday before (or after, for a future) the publication date."""
    if ref is None or d.weekday is None or ref.month == 12 and ref.day == 31:
        ctx.warnings.append("signature date given only as a weekday, with no publication date to place it")
        return None
    delta = (ref.weekday() - d.weekday) % 7
    day = ref + dt.timedelta(days=(7 - delta) % 7) if d.future else ref - dt.timedelta(days=delta)
    ctx.warnings.append(f"signature date inferred from the weekday and the publication date ({ref.isoformat()})")
    return DateMention(d.start, d.end, d.rule, day.year, day.month, day.day, d.weekday, d.past, d.future)


def _with_year(d: DateMention, year: int) -> DateMention:
    return DateMention(d.start, d.end, d.rule, year, d.month, d.day, d.weekday, d.past, d.future)


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None
