"""The CLS coordinator or animator: the person named next to 'coordinatrice', 'animateur',
'chargée de mission santé', 'animé par'…"""

from __future__ import annotations

from ..doc import Ctx
from ..model import Coordinator
from .people import Person

_REACH = 90  # characters between the cue and the name, in the same sentence


def extract_coordinator(ctx: Ctx, people: list[Person]) -> tuple[Coordinator, Person] | None:
    best: tuple[int, Person, str, int, int] | None = None
    for cue in ctx.matches("COORD"):
        a, b = ctx.sentence_of(cue.start_char)
        for p in people:
            if not (a <= p.start < b):
                continue
            gap = cue.start_char - p.end if p.end <= cue.start_char else p.start - cue.end_char
            if 0 <= gap <= _REACH and (best is None or gap < best[0]):
                best = (gap, p, cue.text, min(p.start, cue.start_char), max(p.end, cue.end_char))
        if best:
            break
    if best is None:
        return None
    _, person, title, s, e = best
    return Coordinator(name=person.name, title=title, span=ctx.span(s, e)), person
