"""The contract's period: years as written ('2018-2020', 'pour la période 2024/2028',
'jusqu'en 2028') and a duration only where one is stated ('pour trois ans')."""

from __future__ import annotations

import re

from ..doc import Ctx, number
from ..model import Period

_RANGE = re.compile(
    r"(?<![\d/])(?:\b(?:de|entre)\s+)?(?P<a>(?:19|20)\d\d)\s*(?:-|–|—|/|\bà\b|\bau\b)\s*(?P<b>(?:19|20)\d\d)(?![\d/])"
)
_UNTIL = re.compile(r"\b(?:jusqu['’]en|(?:à\s+l['’]|à\s+)?horizon)\s+(?P<b>(?:19|20)\d\d)\b", re.IGNORECASE)
_NUM = r"(?P<n>\d{1,2}|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
_DURATION = re.compile(
    rf"\b(?:pour|pendant|durant|sur|soit|au\s+cours\s+des|durée\s+de|période\s+de)\s+(?:une\s+(?:durée|période)\s+de\s+)?(?:les\s+)?{_NUM}\s+"
    r"(?:(?P<next>prochaines)\s+)?(?:ans|années)\b(?P<coming>\s+à\s+venir)?"
    # 'une démarche … de 5 ans (2022-2027)'
    rf"|\bde\s+{_NUM.replace('P<n>', 'P<n2>')}\s+ans\s*\((?:19|20)\d\d",
    re.IGNORECASE,
)
_CONTEXT = re.compile(r"\b(?:CLS|contrat|période|couvr\w*|années|s['’]étend\w*|durée|engage|plan|feuille de route|programme)", re.IGNORECASE)


_PREPARATION = re.compile(r"\b(?:élaboration|préparation|préfiguration|diagnostic)\b", re.IGNORECASE)


def _about_other_contract(ctx: Ctx, pos: int, earlier: list[tuple[int, int]]) -> bool:
    """'le premier CLS (2017-2022)' when this article is about the second one."""
    a, b = ctx.sentence_of(pos)
    return any(a <= s < b for s, _ in earlier)


def extract_period(ctx: Ctx, earlier: list[tuple[int, int]], signing: tuple[int, int] | None) -> Period:
    """`earlier`: spans naming an earlier contract; years and durations in their sentences are its own."""
    start = end = duration = None
    spans: list[tuple[int, int]] = []
    ranges = []
    in_context: dict[tuple[int, int], bool] = {}  # per sentence: a run of year ranges must not search it once each
    for m in _RANGE.finditer(ctx.clean):
        a, b = int(m.group("a")), int(m.group("b"))
        s0, s1 = ctx.sentence_of(m.start())
        before = ctx.clean[max(s0, m.start() - 50) : m.start()]
        if (s0, s1) not in in_context:
            in_context[s0, s1] = bool(_CONTEXT.search(ctx.clean[s0:s1]))
        if not 0 < b - a <= 10 or not (_CONTEXT.search(before) or in_context[s0, s1]):
            continue
        if _about_other_contract(ctx, m.start(), earlier):
            continue
        in_signing = bool(signing and signing[0] <= m.start() < signing[1])
        ranges.append((not in_signing, m.start(), a, b, m))
    if ranges:
        _, _, start, end, m = min(ranges)
        spans.append(m.span())
    else:
        for m in _UNTIL.finditer(ctx.clean):
            s0, s1 = ctx.sentence_of(m.start())
            if _CONTEXT.search(ctx.clean[s0:s1]) or "horizon" in m.group(0).lower():
                end = int(m.group("b"))
                spans.append(m.span())
                break
    for m in _DURATION.finditer(ctx.clean):
        n = number(m.group("n") or m.group("n2"))
        # 'les 3 années à venir' looks ahead to this contract, even in a sentence about the first one
        ahead = m.group("next") or m.group("coming")
        if not ahead and _PREPARATION.search(ctx.clean, *ctx.sentence_of(m.start())):
            continue  # 'l'élaboration du contrat a réuni, pendant deux ans, …' is not its duration
        if n and 1 <= n <= 10 and (ahead or not _about_other_contract(ctx, m.start(), earlier)):
            duration = n
            spans.append(m.span())
            break
    span = ctx.span(min(a for a, _ in spans), max(b for _, b in spans)) if spans else None
    duration_span = None
    if span and len(span.text) > 400:
        # years and duration far apart: one span each rather than a paragraph
        span, duration_span = ctx.span(*spans[0]), ctx.span(*spans[-1])
    return Period(start_year=start, end_year=end, duration_years=duration, span=span, duration_span=duration_span)
