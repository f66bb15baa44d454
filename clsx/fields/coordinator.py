"""The CLS coordinator or animator (record["coordinator"]): the person named next to a function
('coordinatrice', 'animateur', 'chargée de mission santé') or a role ('animé par',
'coordonnera'), cues of label COORD in patterns/lexicon/cues.jsonl.

The title is the function attached to that person, never the role phrase: "animé par X" says
who, not what X is.
- coordinator.function: a function cue next to the name ('Julie INDART, future animatrice');
- coordinator.role: a role cue next to the name ('le contrat sera animé par Camille Thévenot');
- coordinator.post: 'le poste est occupé par X' where that sentence or the one before names the function.
"""

from __future__ import annotations

import re
from functools import cache

from ..candidate import Candidate
from ..doc import Ctx
from ..lexicon import lexicon
from ..mentions.people import Person

_REACH = 90  # characters between the cue and the name, in the same sentence
@cache
def _attached() -> re.Pattern[str]:
    """', ' or ', future ' between a name and its function."""
    return re.compile(rf"\s*(?:,\s*)?(?:(?:{lexicon().alternation('title_prefix')})\s+)?")


def find(ctx: Ctx, people: list[Person]) -> list[Candidate[Person]]:
    """One candidate per cue: the nearest person it links to, in its sentence."""
    out: list[Candidate[Person]] = []
    for cue in ctx.matches("COORD"):
        a, b = ctx.sentence_of(cue.start_char)
        if cue.id_ == "coord.post" and not _post_of_coordinator(ctx, a, cue.start_char):
            continue
        best: tuple[int, Person] | None = None
        for p in people:
            if not (a <= p.start < b) or not _links(ctx, cue, p, people):
                continue
            gap = cue.start_char - p.end if p.end <= cue.start_char else p.start - cue.end_char
            if 0 <= gap <= _REACH and (best is None or gap < best[0]):
                best = (gap, p)
        if best:
            p = best[1]
            rule = {"coord.function": "coordinator.function", "coord.post": "coordinator.post"}.get(cue.id_, "coordinator.role")
            out.append(Candidate(p, min(p.start, cue.start_char), max(p.end, cue.end_char), rule, score=-best[0], data={"title": _function_of(ctx, p, people)}))
    return out


def _post_of_coordinator(ctx: Ctx, a: int, cue_start: int) -> bool:
    """'le poste est occupé par X': the post is the coordinator's when the sentence, or the one
    before it in its paragraph, names the function ('… l'absence de coordinateur pendant dix-huit mois.')."""
    functions = [c for c in ctx.matches("COORD") if c.id_ == "coord.function"]
    if any(a <= c.start_char < cue_start for c in functions):
        return True
    p0, _ = ctx.paragraph_of(a)
    before = [s for s in ctx.sentences if p0 <= s[0] and s[1] <= a]
    return bool(before) and any(before[-1][0] <= c.start_char < before[-1][1] for c in functions)


def choose(found: list[Candidate[Person]]) -> Candidate[Person] | None:
    """The first cue that names someone."""
    return found[0] if found else None


def _links(ctx: Ctx, cue: object, p: Person, people: list[Person]) -> bool:
    """No one else stands between, and a function after the name is not past another title of theirs
    ('M. X, président de la CC, a salué le travail de l'animatrice')."""
    c = cue  # a spaCy span
    lo, hi = (p.end, c.start_char) if p.end <= c.start_char else (c.end_char, p.start)  # type: ignore[attr-defined]
    if any(lo <= q.start < hi for q in people if q is not p):
        return False
    return not (c.id_ == "coord.function" and p.end <= c.start_char and ctx.matches_in("TITLE", lo, hi))  # type: ignore[attr-defined]


def _function_of(ctx: Ctx, p: Person, people: list[Person]) -> str | None:
    """', coordinatrice du CLS' right after the name, or 'la coordinatrice du contrat, X' before it."""
    a, b = ctx.sentence_of(p.start)
    functions = [c for c in ctx.matches_in("COORD", a, b) if c.id_ == "coord.function"]
    for c in functions:
        if c.start_char >= p.end and _attached().fullmatch(ctx.clean[p.end : c.start_char]):
            return c.text
    for c in reversed(functions):
        if c.end_char <= p.start and _links(ctx, c, p, people) and p.start - c.end_char <= _REACH:
            return c.text
    for c in functions:
        if c.start_char >= p.end and _links(ctx, c, p, people) and c.start_char - p.end <= _REACH:
            return c.text
    return None
