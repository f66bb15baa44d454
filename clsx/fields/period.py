"""The contract's period (record["period"]): years as written ('2018-2020', 'pour la période
2024/2028', 'jusqu'en 2028') and a duration only where one is stated ('pour trois ans').

- period.range: a range of years in a sentence that speaks of the contract (a word of class
  period_context), the one in the signing sentence first, else the first;
- period.until: 'jusqu'en 2028', 'à horizon 2029', 'jusqu'au 31 décembre 2027' (an end year only);
- period.duration: 'pour trois ans', 'd'une durée de 5 ans', 'les 3 prochaines années',
  'durant ses trois ans d'existence', 'de 5 ans (2022-2027)'; not how long the preparation took.
Years and durations in a sentence about an earlier contract are its own, not this one's
(unless they look ahead: 'les 3 années à venir').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..candidate import Candidate
from ..doc import Ctx, number
from ..lexicon import lexicon

_RANGE = re.compile(
    r"(?<![\d/])(?:\b(?:de|entre)\s+)?(?P<a>(?:19|20)\d\d)\s*(?:-|–|—|/|\bà\b|\bau\b)\s*(?P<b>(?:19|20)\d\d)(?![\d/])"
)
_MAX_YEARS = 10
_SPAN_CHARS = 400
_PLAN_REACH = 45  # characters from another plan's name to its years  # years and duration farther apart than this get a span each


@dataclass(frozen=True)
class Years:
    start: int | None
    end: int | None


def _alt(cls: str) -> str:
    return "|".join(sorted((re.escape(w) for w in lexicon().words(cls)), key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    num = rf"(?:\d{{1,2}}|{_alt_values('cardinal')})"
    until = re.compile(
        rf"(?<!\w)(?:(?:{_alt('until_year')})\s+|(?:{_alt('until_day')})\s+(?:\d{{1,2}}|1er)\s+(?:{_alt('month')})\s+)(?P<b>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    )
    duration = re.compile(
        rf"\b(?:{_alt('duration_lead')})\s+(?:une\s+(?:durée|période)\s+de\s+)?(?:(?:{_alt('duration_determiner')})\s+)?(?P<n>{num})\s+"
        rf"(?:(?P<next>prochaines)\s+)?(?:{_alt('year_unit')})\b(?P<coming>\s+à\s+venir)?"
        rf"|\bde\s+(?P<n2>{num})\s+ans\s*\((?:19|20)\d\d",
        re.IGNORECASE,
    )
    context = re.compile(rf"\b(?:{_alt('period_context')})", re.IGNORECASE)
    preparation = re.compile(rf"\b(?:{_alt('preparation')})\b", re.IGNORECASE)
    return until, duration, context, preparation


@cache
def _other_plan() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alt('other_plan')})(?:\s*\(\w+\))?\s*$", re.IGNORECASE)


def _alt_values(cls: str) -> str:
    return "|".join(sorted((re.escape(w) for w in lexicon().values(cls)), key=len, reverse=True))


def _about_other(ctx: Ctx, pos: int, earlier: list[tuple[int, int]]) -> bool:
    """'le premier CLS (2017-2022)' when this article is about the second one."""
    return ctx.sentence_of(pos) in earlier


def find(ctx: Ctx, earlier: list[tuple[int, int]], signing: tuple[int, int] | None) -> tuple[list[Candidate[Years]], list[Candidate[int]]]:
    """(year candidates, duration candidates); `earlier`: the sentences naming an earlier contract."""
    until, duration, context, preparation = _patterns()
    other_plan = _other_plan()
    years: list[Candidate[Years]] = []
    in_context: dict[tuple[int, int], bool] = {}  # per sentence: a run of year ranges must not search it once each
    for m in _RANGE.finditer(ctx.clean):
        a, b = int(m.group("a")), int(m.group("b"))
        sentence = ctx.sentence_of(m.start())
        if sentence not in in_context:
            in_context[sentence] = bool(context.search(ctx.clean, *sentence))
        before = ctx.clean[max(sentence[0], m.start() - 50) : m.start()]
        if not 0 < b - a <= _MAX_YEARS or not (context.search(before) or in_context[sentence]) or _about_other(ctx, m.start(), earlier):
            continue
        if other_plan.search(ctx.clean[max(sentence[0], m.start() - _PLAN_REACH) : m.start()]):
            continue  # 'le Projet Régional de Santé (PRS) 2023-2033': another plan's years
        in_signing = bool(signing and signing[0] <= m.start() < signing[1])
        years.append(Candidate(Years(a, b), m.start(), m.end(), "period.range", score=1.0 if in_signing else 0.0))
    if not years:
        for m in until.finditer(ctx.clean):
            if context.search(ctx.clean, *ctx.sentence_of(m.start())) or "horizon" in m.group(0).lower():
                years.append(Candidate(Years(None, int(m.group("b"))), m.start(), m.end(), "period.until"))
                break
    durations: list[Candidate[int]] = []
    for m in duration.finditer(ctx.clean):
        n = number(m.group("n") or m.group("n2"))
        ahead = m.group("next") or m.group("coming")  # 'les 3 années à venir' look ahead to this contract
        if not ahead and preparation.search(ctx.clean, *ctx.sentence_of(m.start())):
            continue
        if n and 1 <= n <= _MAX_YEARS and (ahead or not _about_other(ctx, m.start(), earlier)):
            durations.append(Candidate(n, m.start(), m.end(), "period.duration"))
    return years, durations


def choose(years: list[Candidate[Years]], durations: list[Candidate[int]]) -> tuple[Candidate[Years] | None, Candidate[int] | None]:
    """The range in the signing sentence, else the first; the first stated duration."""
    best = max(years, key=lambda c: (c.score, -c.start)) if years else None
    return best, (durations[0] if durations else None)


def spans(ctx: Ctx, years: Candidate[Years] | None, duration: Candidate[int] | None) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The period's evidence, and the duration's own when it is written far from the years."""
    parts = [(c.start, c.end) for c in (years, duration) if c]
    if not parts:
        return None, None
    whole = (min(a for a, _ in parts), max(b for _, b in parts))
    if years and duration and whole[1] - whole[0] > _SPAN_CHARS:
        return (years.start, years.end), (duration.start, duration.end)
    return whole, None
