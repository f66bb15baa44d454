"""The CLS's strategic axes, in text order, and the count the text announces.

An axis cue ('5 axes stratégiques', 'trois priorités', 'Les orientations du contrat') opens a
list: bullet or prefixed lines after it, an inline enumeration after its colon, or sentences
with 'd'abord… ensuite… enfin'. Lines prefixed 'Axe 1', 'Orientation 2'… form a list on their
own. Bullets with no cue before them (needs, achievements) are not axes.
"""

from __future__ import annotations

import re

from ..doc import Ctx, number
from ..model import Axis
from ..patterns import load_json

_DATA = load_json("axes.json")
_BULLET = re.compile(_DATA["bullet"])
_PREFIX = re.compile(_DATA["prefix"], re.IGNORECASE)
_TRANSVERSAL = re.compile(_DATA["transversal_prefix"], re.IGNORECASE)
_ASIDES = [re.compile(a, re.IGNORECASE) for a in _DATA["asides"]]
_ADVERBS = re.compile(
    r"\b(?:" + "|".join(re.escape(a) for a in sorted(_DATA["prose_adverbs"], key=len, reverse=True)) + r")\b\s*",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"\b(?P<n>\d{1,2}|" + "|".join(load_json("numbers.json")["cardinals"]) + r")\s+(?:[a-zéèêàç]+\s+)?$", re.IGNORECASE
)
_NOT_CLS = re.compile(r"\s*(?:[\w’'-]+\s+){0,2}(?:" + "|".join(re.escape(x) for x in _DATA["not_cls_after"]) + r")\b", re.IGNORECASE)
# A short heading, a colon, then a description that starts with an infinitive and runs on;
# 'Modes de vie : alimentation, activité physique, sommeil' is a label with its contents.
_HEADING = re.compile(r"(?P<head>[^:]{3,80}?)\s*:\s+[a-zéèêàâîôûç]+(?:er|ir|re)\b.{30,}$", re.DOTALL)
# 'trois axes de travail commun autour de la prévention, de la mobilisation… et de l'accès…'
_AROUND = re.compile(r"[^,.:;]{0,60}?\bautour\s+(?:de\s+(?=l['’]|la\b)|d['’]|du\s+|des\s+)")
_ACTIONS = re.compile(r"(?P<n>\d{1,3})\s+fiches?[ -]actions?", re.IGNORECASE)

Item = tuple[int, int, bool]  # clean start, end, transversal


def _clean_label(ctx: Ctx, s: int, e: int) -> tuple[int, int]:
    """Drop the marker, 'Axe 1 :' prefixes, '(ex : …)' asides and trailing punctuation."""
    text = ctx.clean[s:e]
    m = _PREFIX.match(text) or _BULLET.match(text)
    if m:
        s += m.end()
        text = ctx.clean[s:e]
    e = s + len(text.rstrip(" \t,;.:…"))  # '(6 fiches actions).' ends the label too
    text = ctx.clean[s:e]
    for aside in _ASIDES:
        am = aside.search(text)
        if am and am.end() == len(text):
            e = s + am.start()
            text = ctx.clean[s:e]
    head = _HEADING.match(text)
    if head:  # 'L'accès aux soins : lutter contre la désertification…' -> 'L'accès aux soins'
        text = head.group("head")
    stripped = text.rstrip(" \t,;.:…")
    lead = len(text) - len(text.lstrip(" \t"))
    return s + lead, s + len(stripped)


def _list_after(ctx: Ctx, pos: int, transversal: bool) -> list[Item]:
    """Bullet or prefixed lines after `pos` (one blank line allowed between them); a
    description line right under an 'Axe 1 : …' line is skipped."""
    items: list[Item] = []
    prefixed = False
    blank = 0
    nl = ctx.clean.find("\n", pos)
    pos = nl + 1 if nl >= 0 else len(ctx.clean)
    for m in re.finditer(r"[^\n]*\n", ctx.clean[pos:] + "\n"):
        line = m.group(0).rstrip("\n")
        s = pos + m.start()
        if not line.strip():
            blank += 1
            if blank > 1:
                break
            continue
        is_prefix = bool(_PREFIX.match(line))
        if is_prefix or _BULLET.match(line):
            if line.rstrip().endswith(":"):
                break  # 'Consultez :' opens something else
            prefixed = prefixed or is_prefix
            a, b = _clean_label(ctx, s, s + len(line))
            if b > a:
                items.append((a, b, transversal or bool(_TRANSVERSAL.match(line))))
            blank = 0
            continue
        if items and prefixed and not blank:
            continue
        break
    return items or _plain_lines(ctx, pos, transversal)


def _plain_lines(ctx: Ctx, pos: int, transversal: bool) -> list[Item]:
    """Two or more short one-sentence lines with no marker, right after 'trois axes :'."""
    items: list[Item] = []
    started = False
    for m in re.finditer(r"[^\n]*\n", ctx.clean[pos:] + "\n"):
        line = m.group(0).rstrip("\n")
        if not line.strip():
            if started:
                break
            started = True  # one blank line may separate the cue from the list
            continue
        started = True
        body = line.strip().rstrip(".;")
        if len(body) > 160 or re.search(r"[.!?]\s+[A-ZÀ-Ý]", body) or body.endswith(":"):
            break
        s = pos + m.start()
        a, b = _clean_label(ctx, s, s + len(line))
        if b > a:
            items.append((a, b, transversal))
    return items if len(items) >= 2 else []


def _inline(ctx: Ctx, a: int, b: int, transversal: bool, of: bool = False) -> list[Item]:
    """'trois axes : A, B et C.' or 'trois priorités : A, avec… ; B ; C, notamment…';
    `of`: items after 'autour de' ('de la prévention, de la mobilisation… et de l'accès…')."""
    text = ctx.clean[a:b]
    parts: list[tuple[int, int]] = []
    if ";" in text:
        pos = 0
        for chunk in text.split(";"):
            comma = chunk.find(",")
            parts.append((a + pos, a + pos + (comma if comma >= 0 else len(chunk))))
            pos += len(chunk) + 1
    else:
        pos = 0
        for m in re.finditer(r",\s*|\s+et\s+(?=(?:le|la|les|l['’]|des|du|un|une|de|d['’])\b)", text):
            parts.append((a + pos, a + m.start()))
            pos = m.end()
        parts.append((a + pos, b))
    items = []
    for s, e in parts:
        lead = re.match(r"\s*(?:et|ou)\s+", ctx.clean[s:e])
        s += lead.end() if lead else 0
        of_lead = re.match(r"\s*(?:de\s+(?=l['’]|la\b)|d['’]|du\s+|des\s+)", ctx.clean[s:e]) if of else None
        s += of_lead.end() if of_lead and not ctx.clean[s:e].lstrip().startswith(("du ", "des ")) else 0
        s2, e2 = _clean_label(ctx, s, e)
        if e2 - s2 > 3:
            items.append((s2, e2, transversal))
    return items if len(items) >= 2 else []


def _prose(ctx: Ctx, after: int, count: int | None) -> list[Item]:
    """'Il s'agit d'abord de maintenir…, en … Le contrat vise ensuite à favoriser…'."""
    items: list[Item] = []
    following = [s for s in ctx.sentences if s[0] >= after][: (count or 3) + 2]
    for a, b in following:
        m = _ADVERBS.search(ctx.clean, a, b)
        if not m:
            continue
        s = m.end()
        lead = re.match(r"(?:de |d['’]|à )", ctx.clean[s:b])
        if lead:
            s += lead.end()
        stop = re.search(r"[,.;:]", ctx.clean[s:b])
        e = s + stop.start() if stop else b
        s2, e2 = _clean_label(ctx, s, e)
        if e2 - s2 > 3:
            items.append((s2, e2, False))
    return items if len(items) >= 2 else []


def _count_before(ctx: Ctx, cue_start: int) -> int | None:
    line_start = ctx.clean.rfind("\n", 0, cue_start) + 1
    m = _COUNT.search(ctx.clean[line_start:cue_start])
    return number(m.group("n")) if m else None


def extract_axes(ctx: Ctx) -> tuple[list[Axis], int | None, int | None]:
    """(axes, announced count, actions count)."""
    blocks: list[tuple[int | None, list[Item]]] = []
    counts: list[int] = []
    used: set[int] = set()
    for cue in ctx.matches("AXIS_CUE"):
        a, b = ctx.sentence_of(cue.start_char)
        line_start = ctx.clean.rfind("\n", 0, cue.start_char) + 1
        if _PREFIX.match(ctx.clean[line_start : ctx.clean.find("\n", cue.start_char) % (len(ctx.clean) + 1)]):
            continue  # 'Axe 1 :' opens an item, it does not announce a list
        if a in used:
            continue
        used.add(a)
        if _NOT_CLS.match(ctx.clean, cue.end_char):
            continue  # 'les 6 objectifs du Plan régional de santé' are not the CLS's
        count = _count_before(ctx, cue.start_char)
        if count and count <= 20 and "transversa" not in cue.text.lower():
            counts.append(count)
        sentence = ctx.clean[a:b]
        transversal = "transversa" in sentence.lower() and "dont" not in sentence.lower()
        colon = ctx.clean.find(":", cue.end_char, b)
        items: list[Item] = []
        comma = re.match(r"[^,.:;]{0,40},", ctx.clean[cue.end_char : b])
        if colon >= 0 and ctx.clean[colon + 1 : b].strip(" .\n"):
            items = _inline(ctx, colon + 1, b, transversal)
        elif colon >= 0 or len(sentence.strip()) <= 70 and not sentence.rstrip().endswith("."):
            items = _list_after(ctx, b, transversal)
        elif (around := _AROUND.match(ctx.clean, cue.end_char, b)) and count:
            items = _inline(ctx, around.end(), b, transversal, of=True)
            items = items if len(items) == count else []
        elif comma and count:
            items = _inline(ctx, cue.end_char + comma.end(), b, transversal)
            items = items if len(items) == count else []
        elif count:
            items = _prose(ctx, b, count)
        if items:
            blocks.append((count, items))
    blocks.extend((None, items) for items in _prefixed_blocks(ctx))
    seen: set[int] = set()
    flat: list[Item] = []
    for _, items in sorted(blocks, key=lambda blk: blk[1][0][0]):
        for it in items:
            if it[0] not in seen:
                seen.add(it[0])
                flat.append(it)
    flat.sort()
    announced = next((c for c, items in sorted(blocks, key=lambda blk: blk[1][0][0]) if c), None)
    if announced is None and counts:
        announced = counts[0]
    axes = [
        Axis(label=re.sub(r"\s+", " ", ctx.clean[s:e]), transversal=t, span=ctx.span(s, e)) for s, e, t in flat
    ]
    if announced is not None and axes and announced != len(axes):
        ctx.warnings.append(f"the text announces {announced} axes but lists {len(axes)}")
    return axes, announced, _actions(ctx, flat)


def _prefixed_blocks(ctx: Ctx) -> list[list[Item]]:
    """Two or more lines 'Orientation 1 – …', 'Axe 2 : …' with no cue before them."""
    blocks: list[list[Item]] = []
    current: list[Item] = []
    for m in re.finditer(r"[^\n]+", ctx.clean):
        line = m.group(0)
        if _PREFIX.match(line) and re.search(r"\d|\b[IVX]+\b|transversal", line[:40], re.IGNORECASE):
            s, e = _clean_label(ctx, m.start(), m.end())
            if e > s:
                current.append((s, e, bool(_TRANSVERSAL.match(line))))
        elif line.strip():
            if len(current) >= 2:
                blocks.append(current)
            current = []
    if len(current) >= 2:
        blocks.append(current)
    return blocks


def _actions(ctx: Ctx, items: list[Item]) -> int | None:
    per_axis = [
        int(m.group("n"))
        for s, e, _ in items
        for m in _ACTIONS.finditer(ctx.clean[e : ctx.clean.find("\n", e) if ctx.clean.find("\n", e) >= 0 else len(ctx.clean)])
    ]
    if per_axis:
        return sum(per_axis)
    m = _ACTIONS.search(ctx.clean)
    return int(m.group("n")) if m else None
