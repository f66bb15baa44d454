"""The contract's period: years as written ('2018-2020', 'pour la période 2024/2028',
'jusqu'en 2028') and a duration only where one is stated ('pour trois ans')."""

from __future__ import annotations

import re

from ..doc import Ctx, number, ordinal
from ..model import Period

_RANGE = re.compile(
    r"(?<![\d/])(?:(?:de|entre)\s+)?(?P<a>(?:19|20)\d\d)\s*(?:-|–|—|/|\bà\b|\bau\b)\s*(?P<b>(?:19|20)\d\d)(?![\d/])"
)
_UNTIL = re.compile(r"\bjusqu['’]en\s+(?P<b>(?:19|20)\d\d)\b", re.IGNORECASE)
_NUM = r"(?P<n>\d{1,2}|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
_DURATION = re.compile(
    rf"\b(?:pour|pendant|sur|soit|durée\s+de|période\s+de)\s+(?:une\s+(?:durée|période)\s+de\s+)?(?:les\s+)?{_NUM}\s+"
    r"(?:(?P<next>prochaines)\s+)?(?:ans|années)\b",
    re.IGNORECASE,
)
_CONTEXT = re.compile(r"\b(?:CLS|contrat|période|couvr\w*|années|s['’]étend\w*|durée|engage)", re.IGNORECASE)
_ORD_BEFORE = re.compile(r"\b(premier|première|1er|deuxième|second|2e|troisième|3e|précédent|ancien)\b[^.;]*$", re.IGNORECASE)


def _about_other_contract(ctx: Ctx, start: int, cls_number: int | None) -> bool:
    """'le premier CLS (2017-2022)' when this article is about the second one."""
    m = _ORD_BEFORE.search(ctx.clean[max(0, start - 60) : start])
    if not m:
        return False
    n = ordinal(m.group(1))
    return n is None or cls_number is None or n != cls_number


def extract_period(ctx: Ctx, cls_number: int | None, signing: tuple[int, int] | None) -> Period:
    start = end = duration = None
    spans: list[tuple[int, int]] = []
    ranges = []
    for m in _RANGE.finditer(ctx.clean):
        a, b = int(m.group("a")), int(m.group("b"))
        s0, s1 = ctx.sentence_of(m.start())
        before = ctx.clean[max(s0, m.start() - 50) : m.start()]
        if not 0 < b - a <= 10 or not (_CONTEXT.search(before) or _CONTEXT.search(ctx.clean[s0:s1])):
            continue
        if _about_other_contract(ctx, m.start(), cls_number):
            continue
        in_signing = bool(signing and signing[0] <= m.start() < signing[1])
        ranges.append((not in_signing, m.start(), a, b, m))
    if ranges:
        _, _, start, end, m = min(ranges)
        spans.append(m.span())
    else:
        for m in _UNTIL.finditer(ctx.clean):
            s0, s1 = ctx.sentence_of(m.start())
            if _CONTEXT.search(ctx.clean[s0:s1]):
                end = int(m.group("b"))
                spans.append(m.span())
                break
    for m in _DURATION.finditer(ctx.clean):
        n = number(m.group("n"))
        if n and 1 <= n <= 10:
            duration = n
            spans.append(m.span())
            break
    span = ctx.span(min(a for a, _ in spans), max(b for _, b in spans)) if spans else None
    if span and len(span.text) > 400:
        span = ctx.span(*spans[0])
    return Period(start_year=start, end_year=end, duration_years=duration, span=span)
