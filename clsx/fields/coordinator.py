"""The CLS coordinator or animator: the person named next to a function ('coordinatrice',
'animateur', 'chargée de mission santé') or a role ('animé par', 'coordonnera').

The title is the function attached to that person, never the role phrase: "animé par X" says
who, not what X is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..doc import Ctx
from ..model import Coordinator
from .people import Person

if TYPE_CHECKING:
    from ..doc import SpacySpan

_REACH = 90  # characters between the cue and the name, in the same sentence
_ATTACHED = re.compile(r"\s*,?\s*(?:(?:future?|nouvelle|nouvel|nouveau|notre)\s+)?")


def extract_coordinator(ctx: Ctx, people: list[Person]) -> tuple[Coordinator, Person] | None:
    best: tuple[int, Person, int, int] | None = None
    for cue in ctx.matches("COORD"):
        a, b = ctx.sentence_of(cue.start_char)
        for p in people:
            if not (a <= p.start < b) or not _links(ctx, cue, p, people):
                continue
            gap = cue.start_char - p.end if p.end <= cue.start_char else p.start - cue.end_char
            if 0 <= gap <= _REACH and (best is None or gap < best[0]):
                best = (gap, p, min(p.start, cue.start_char), max(p.end, cue.end_char))
        if best:
            break
    if best is None:
        return None
    _, person, s, e = best
    return Coordinator(name=person.name, title=_function_of(ctx, person, people), span=ctx.span(s, e)), person


def _links(ctx: Ctx, cue: SpacySpan, p: Person, people: list[Person]) -> bool:
    """No one else stands between, and a function after the name is not past another title of theirs
    ('M. X, président de la CC, a salué le travail de l'animatrice')."""
    lo, hi = (p.end, cue.start_char) if p.end <= cue.start_char else (cue.end_char, p.start)
    if any(lo <= q.start < hi for q in people if q is not p):
        return False
    return not (cue.id_ == "function" and p.end <= cue.start_char and ctx.matches_in("TITLE", lo, hi))


def _function_of(ctx: Ctx, p: Person, people: list[Person]) -> str | None:
    """', coordinatrice du CLS' right after the name, or 'la coordinatrice du contrat, X' before it."""
    a, b = ctx.sentence_of(p.start)
    functions = [c for c in ctx.matches_in("COORD", a, b) if c.id_ == "function"]
    for c in functions:
        if c.start_char >= p.end and _ATTACHED.fullmatch(ctx.clean[p.end : c.start_char]):
            return c.text
    for c in reversed(functions):
        if c.end_char <= p.start and _links(ctx, c, p, people) and p.start - c.end_char <= _REACH:
            return c.text
    for c in functions:
        if c.start_char >= p.end and _links(ctx, c, p, people) and c.start_char - p.end <= _REACH:
            return c.text
    return None
