"""Date mentions and how to give a yearless one its year.

The expressions of patterns/lexicon/expressions.jsonl (use "date") capture day, month, year and
weekday, checked with `datetime.date`; those of use "date_parsed" (relative dates: 'hier', 'la
semaine dernière', 'il y a deux semaines'; numeric variants: '15.03.2022', '2022-03-15') are
read by dateparser, imported only when such a mention exists, with the page's date as
RELATIVE_BASE, DATE_ORDER DMY and the direction of the sentence's tense.

A day and month without a year take it from the rest of the text (the same day written with
its year, the publication date, the years that fit the weekday): `resolve` returns the date and
the warning that says how, never writing anywhere.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from ..doc import Ctx, PartialDate
from ..lexicon import lexicon

# 'Publié le', 'Mis à jour le', or a dateline 'Caen, le' just before a date
_PUBLICATION = re.compile(r"(?:publi[ée]e?\s+le|mis\s+à\s+jour\s+le|^[^\n,]{2,40},\s+le)\s*$", re.IGNORECASE | re.MULTILINE)
_PUBLICATION_REACH = 60


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    rule: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    past: bool = False  # 'dernier'
    future: bool = False  # 'prochain'
    relative: str | None = None  # the words dateparser is to read against the page's date
    until: bool = False  # 'jusqu'en 2026', 'jusqu'au 31 décembre 2027': where a period ends, not a day something happens

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
    lex = lexicon()
    g = {k: v for k, v in m.groupdict().items() if v}
    year = int(g["year"]) if "year" in g else None
    if year is not None and year < 100:
        year += 2000
    month = g.get("month")
    month_n = (int(month) if month.isdigit() else lex.values("month").get(month.lower())) if month else None
    day = int(g["day"]) if "day" in g else None
    weekday = lex.values("weekday").get(g["weekday"].lower()) if "weekday" in g else None
    if month_n is not None and not 1 <= month_n <= 12 or day is not None and not 1 <= day <= 31:
        return None
    if year is not None and month_n is not None and day is not None:
        try:
            dt.date(year, month_n, day)
        except ValueError:
            return None
    return DateMention(m.start(), m.end(), rule, year, month_n, day, weekday, "dernier" in g, "prochain" in g)


def find_dates(ctx_or_text: Ctx | str) -> list[DateMention]:
    """All date mentions in text order; where two overlap, the one of the expression listed first
    in the lexicon (found kept disjoint and sorted, so a bisection finds a mention's neighbours)."""
    clean = ctx_or_text if isinstance(ctx_or_text, str) else ctx_or_text.clean
    found: list[DateMention] = []
    starts: list[int] = []

    def keep(d: DateMention) -> None:
        i = bisect.bisect_left(starts, d.start)
        if (i == len(found) or d.end <= found[i].start) and (i == 0 or found[i - 1].end <= d.start):
            starts.insert(i, d.start)
            found.insert(i, d)

    lex = lexicon()
    for rule, rx in lex.expressions("date"):
        for m in rx.finditer(clean):
            d = _mention(m, rule)
            if d:
                keep(d)
    for rule, rx in lex.expressions("date_parsed"):
        for m in rx.finditer(clean):
            keep(DateMention(m.start(), m.end(), rule, None, None, None, None, relative=m.group(0)))
    until = _until()
    return [_marked(d, clean, until) for d in found]


@cache
def _until() -> re.Pattern[str]:
    words = sorted(lexicon().words("until_year") | lexicon().words("until_day"), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})\s*$", re.IGNORECASE)


def _marked(d: DateMention, clean: str, until: re.Pattern[str]) -> DateMention:
    """The mention, marked `until` when an until word stands right before its first figure
    ('jusqu'|en 2026' holds the 'en' the year mention starts with)."""
    first = next((i for i, ch in enumerate(clean[d.start : d.end]) if ch.isdigit()), 0)
    return replace(d, until=True) if until.search(clean, max(0, d.start - 20), d.start + first) else d


def publication_date(ctx: Ctx, mentions: list[DateMention]) -> PartialDate | None:
    """The article's own date: the page's metadata date, a 'Publié le' / dateline date, a full
    date in the head, else the first year of the head (a year, not a day)."""
    if ctx.published:
        return ctx.published
    head_end = ctx.head_end
    for d in mentions:
        if d.year is None or d.month is None or d.day is None:
            continue
        before = ctx.clean[max(0, d.start - _PUBLICATION_REACH) : d.start]
        if _PUBLICATION.search(before) or (d.start < head_end and _dateline(ctx, d)):
            return PartialDate(d.year, d.month, d.day)
    head_years = _head_years(ctx)
    return PartialDate(head_years[0]) if head_years else None


def _head_years(ctx: Ctx) -> list[int]:
    return [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", ctx.clean[: ctx.head_end])]


def _dateline(ctx: Ctx, d: DateMention) -> bool:
    """A date in the first lines is the article's own unless its sentence tells of an event
    ('Le conseil avait approuvé le contrat le 14 février')."""
    a, b = ctx.sentence_of(d.start)
    return not any(ctx.matches_in(label, a, b) for label in ("SIGN", "PLANNED", "OTHER_EVENT"))


Resolved = tuple[DateMention | None, str | None]  # the dated mention (None if no date fits), and the warning


def resolve(ctx: Ctx, d: DateMention, mentions: list[DateMention], ref: PartialDate | None) -> Resolved:
    """A yearless mention with its year from the context, and the warning saying how."""
    if d.relative is not None:
        return _parsed(d, ref)
    if d.year is not None:
        return d, None
    if d.month is None:
        return _resolve_weekday(d, ref)
    if d.day is None:
        return _resolve_month(ctx, d, ref)
    same = [m for m in mentions if m.year and m.month == d.month and m.day == d.day]
    if same:
        return replace(d, year=same[0].year), f"year of the signature date taken from another mention of the same day ({same[0].iso})"
    years = sorted(set(ctx.years) | ({ref.year} if ref else set()))
    if d.weekday is not None:
        return _by_weekday(d, years, ref.full if ref else None)
    full = ref.full if ref else None
    if full:
        y = full.year
        try:
            candidate = dt.date(y, d.month, d.day)
        except ValueError:
            return None, "signature date does not exist in the year of the publication"
        if d.future and candidate < full:
            y += 1
        elif not d.future and candidate > full:
            y -= 1
        return replace(d, year=y), f"year of the signature date inferred from the publication date ({y})"
    if ref:
        # a year-only head ('Hiver 2016-2017'): an announced date ('prochain') takes its last year
        y = max(_head_years(ctx)) if d.future and _head_years(ctx) else ref.year
        return replace(d, year=y), f"year of the signature date inferred from the publication year in the article's head ({y})"
    near = _nearby_years(ctx, d)
    if near:
        y = max(near)
        return replace(d, year=y), f"year of the signature date guessed as the latest year near it ({y}); check it"
    return None, "signature date has no year in the text"


def _resolve_month(ctx: Ctx, d: DateMention, ref: PartialDate | None) -> Resolved:
    """'en octobre': the year of the publication, the next one for an announced month already
    past at the publication (the last one for a done signing in a month still to come)."""
    assert d.month is not None
    if ref and ref.month is not None:
        y = ref.year + (1 if d.future and d.month < ref.month else -1 if not d.future and d.month > ref.month else 0)
        return replace(d, year=y), f"year of the signature month inferred from the publication date ({ref.year}-{ref.month:02d})"
    if ref:
        return replace(d, year=ref.year), f"year of the signature month inferred from the publication year ({ref.year})"
    near = _nearby_years(ctx, d)
    if near:
        return replace(d, year=max(near)), f"year of the signature month guessed as the latest year near it ({max(near)}); check it"
    return None, "signature month has no year in the text"


def _nearby_years(ctx: Ctx, d: DateMention) -> list[int]:
    """Years written in the date's paragraph or the article's head: a year farther away dates
    something else ('la démarche engagée en 2017')."""
    a, b = ctx.paragraph_of(d.start)
    spans = [(a, b), (0, ctx.head_end)]
    return [int(y) for x, y_ in spans for y in re.findall(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)", ctx.clean[x:y_])]


def _by_weekday(d: DateMention, years: list[int], ref: dt.date | None) -> Resolved:
    assert d.month is not None and d.day is not None
    fits = [y for y in years if _weekday(y, d.month, d.day) == d.weekday]
    if ref:
        fits = [y for y in fits if (dt.date(y, d.month, d.day) >= ref) == d.future] or fits
    if not fits and years:
        # the years around those written: soonest for an announced date, latest otherwise (a done
        # signing is not after the last year the text writes)
        near = [y for y in range(min(years) - 1, max(years) + (2 if d.future else 1)) if _weekday(y, d.month, d.day) == d.weekday]
        fits = [min(y for y in near if y >= min(years))] if d.future and any(y >= min(years) for y in near) else near[-1:]
    if fits:
        y = min(fits) if d.future and not ref else max(fits)
        return replace(d, year=y), f"year of the signature date inferred from the weekday and the years in the text ({y})"
    return None, "signature date has no year and no year in the text fits its weekday"


def _resolve_weekday(d: DateMention, ref: PartialDate | None) -> Resolved:
    """'ce jeudi': the nearest such weekday before (or after, for a future) the publication date."""
    full = ref.full if ref else None
    if full is None or d.weekday is None:
        return None, "signature date given only as a weekday, with no publication date to place it"
    delta = (full.weekday() - d.weekday) % 7
    day = full + dt.timedelta(days=(7 - delta) % 7) if d.future else full - dt.timedelta(days=delta)
    return (
        replace(d, year=day.year, month=day.month, day=day.day),
        f"signature date inferred from the weekday and the publication date ({full.isoformat()})",
    )


def _parsed(d: DateMention, ref: PartialDate | None) -> Resolved:
    """A relative or numeric mention read by dateparser; relative ones need the page's date."""
    full = ref.full if ref else None
    numeric = d.rule == "date.numeric_other"
    if not numeric and full is None:
        return None, f"signature date given as '{d.relative}', with no publication date to count from"
    import dateparser  # only for such mentions: its import and French data cost 0.3 s

    words = lexicon().values("cardinal")
    text = re.sub(r"\w+", lambda m: str(words.get(m.group(0).lower(), m.group(0))), d.relative or "")
    settings = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "future" if "prochain" in text else "past", "PREFER_DAY_OF_MONTH": "first"}
    if full:
        settings["RELATIVE_BASE"] = dt.datetime(full.year, full.month, full.day)
    got = dateparser.parse(text, languages=["fr"], settings=settings)  # type: ignore[arg-type]
    if got is None:
        return None, f"'{d.relative}' could not be read as a date"
    if numeric:
        return replace(d, year=got.year, month=got.month, day=got.day), None
    assert full is not None
    if d.rule == "date.relative_period":
        return replace(d, year=got.year, month=got.month), f"signature month inferred from '{d.relative}' and the publication date ({full.isoformat()})"
    return replace(d, year=got.year, month=got.month, day=got.day), f"signature date inferred from '{d.relative}' and the publication date ({full.isoformat()})"


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None
