"""The CLS's strategic axes, in text order, and the count the text announces (record["axes"],
["axes_announced"], ["actions_count"]).

An axis cue ('5 axes stratégiques', 'trois priorités', 'Les orientations du contrat'), or a
heading that names the contract's plan ('Le plan pour 2022-2025'), opens a list; each block of
items says which rule read it:
- axes.lines: bullet or prefixed lines after it ('• …', 'Axe 1 : …', '1. …'), a description line
  under an 'Axe 1 :' line skipped;
- axes.headings: a two-level list, headings without a marker each over bullet lines: the
  headings are the axes ('Quatre grands axes ont été retenus' / 'Améliorer la prévention' /
  '- Prévenir les conduites à risque …');
- axes.plain_lines: two or more short one-sentence lines with no marker;
- axes.inline: an enumeration after the cue's colon ('trois axes : A, B et C.'), 'autour de A,
  de B et de C', or after a comma when the count fits;
- axes.prose: sentences ordered by 'd'abord… ensuite… enfin';
- axes.prefixed: two or more 'Axe 1 – …' lines with no cue before them.
Not axes: the priorities of another plan (PRS, a national strategy), of an earlier contract, a
list of needs. A label loses its marker, 'Axe 1 :', asides and trailing punctuation, and the
explanation after its colon when the list's items are written 'label : explanation'; an item
cut by the end of the excerpt ('Axe 2 : développer une ') is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..candidate import Candidate
from ..doc import Ctx, number
from ..lexicon import lexicon

Item = tuple[int, int, bool]  # clean start, end, transversal
_INLINE_MIN = 2
_PLAIN_LINE_CHARS = 160
_HEADING_CHARS = 70  # a cue sentence this short, with no full stop, heads a list
_AROUND = re.compile(r"[^,.:;]{0,60}?\bautour\s+(?:de\s+(?=l['’]|la\b)|d['’]|du\s+|des\s+)")
_ACTIONS = re.compile(r"(?P<n>\d{1,3})\s+fiches?[ -]actions?", re.IGNORECASE)


@cache
def _lead() -> re.Pattern[str]:
    """'… retenus portent sur ': what stands between a counted cue and the list it leads to."""
    forms = sorted((re.escape(w) for w in lexicon().words("list_lead")), key=len, reverse=True)
    return re.compile(rf"[^,.:;]{{0,40}}?\b(?:{'|'.join(forms)})\s+", re.IGNORECASE)


# A short heading, a colon, then a description that starts with an infinitive and runs on;
# 'Modes de vie : alimentation, activité physique, sommeil' is a label with its contents.
@cache
def _heading() -> re.Pattern[str]:
    return re.compile(rf"(?P<head>[^:\n]{{3,80}}?)[ \t]*:[ \t]+[a-zéèêàâîôûç]+(?:{lexicon().alternation('infinitive_ending')})\b.{{30,}}$")


@dataclass(frozen=True)
class Block:
    """One list of axes as one rule read it."""

    items: tuple[Item, ...]
    announced: int | None
    cue: str | None  # the lexicon entry that opened it
    heading: str = ""  # the sentence or line that announces it
    labels: tuple[str, ...] = ()  # the items as written
    cue_at: int | None = None  # where its cue starts (its count is announced there)


@cache
def _rx() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    adverbs = "|".join(re.escape(a) for a in sorted(lex.words("prose_adverb"), key=len, reverse=True))
    numbers = "|".join(lex.values("cardinal"))
    plans = "|".join(re.escape(p) for p in sorted(lex.words("other_plan"), key=len, reverse=True))
    headings = "|".join(re.escape(p) for p in sorted(lex.words("plan_heading"), key=len, reverse=True))
    return {
        "bullet": lex.expression("list.bullet"),
        "prefix": lex.expression("list.axis_prefix"),
        "transversal": lex.expression("list.transversal_prefix"),
        "adverbs": re.compile(rf"\b(?:{adverbs})\b\s*", re.IGNORECASE),
        "count": re.compile(rf"\b(?P<n>\d{{1,2}}|{numbers})\s+(?:[a-zéèêàç]+\s+)?$", re.IGNORECASE),
        "other_plan": re.compile(rf"(?<!\w)(?:{plans})(?!\w)", re.IGNORECASE),
        "not_cls_after": re.compile(rf"\s*(?:[\w’'-]+\s+){{0,2}}(?:{plans})\b", re.IGNORECASE),
        "plan_heading": re.compile(rf"^[ \t]*(?:(?:{lex.alternation('article', 'determiner')})\s*)?(?:{headings})\b", re.IGNORECASE),
        "label_clause": re.compile(rf",\s+(?:{lex.alternation('label_clause')})(?!\w)", re.IGNORECASE),
        "item_and": re.compile(rf",\s*|(?<!\s)\s+et\s+(?=(?:{lex.alternation('article', 'determiner', 'of')})(?!\w))"),
    }


@cache
def _asides() -> list[re.Pattern[str]]:
    return [rx for _, rx in lexicon().expressions("label_aside")]


def _clean_label(ctx: Ctx, s: int, e: int, cut_colon: bool = False) -> tuple[int, int]:
    """Drop the marker, 'Axe 1 :' prefixes, '(ex : …)' asides and trailing punctuation; with
    `cut_colon`, the explanation after the label's colon."""
    rx = _rx()
    text = ctx.clean[s:e]
    m = rx["prefix"].match(text) or rx["bullet"].match(text)
    if m:
        s += m.end()
        text = ctx.clean[s:e]
    e = s + len(text.rstrip(" \t,;.:…"))  # '(6 fiches actions).' ends the label too
    text = ctx.clean[s:e]
    for aside in _asides():
        am = aside.search(text)
        if am and am.end() == len(text):
            e = s + am.start()
            text = ctx.clean[s:e]
    colon = text.find(" :") if " :" in text else text.find(":")
    if cut_colon and 3 <= colon:
        text = text[:colon]
    else:
        head = _heading().match(text)
        if head:  # 'L'accès aux soins : lutter contre la désertification…' -> 'L'accès aux soins'
            text = head.group("head")
    clause = _rx()["label_clause"].search(text)
    if clause and clause.start() >= 3:  # 'Le panier de services en santé publique, avec un certain nombre de …'
        text = text[: clause.start()]
    stripped = text.rstrip(" \t,;.:…")
    lead = len(text) - len(text.lstrip(" \t"))
    return s + lead, s + len(stripped)


def _lines(ctx: Ctx, pos: int) -> list[tuple[int, str]]:
    """(start, line) for each line from `pos`, up to 200 lines: a list never runs longer."""
    out = []
    for m in re.finditer(r"[^\n]*\n?", ctx.clean[pos : pos + 40_000]):
        if not m.group(0):
            break
        out.append((pos + m.start(), m.group(0).rstrip("\n")))
        if len(out) >= 200:
            break
    return out


def _colon_list(ctx: Ctx, spans: list[tuple[int, int]]) -> bool:
    """Most items read 'label : explanation': the labels are before the colons."""
    with_colon = sum(1 for s, e in spans if re.search(r"\S\s?:\s+\S", ctx.clean[s:e]))
    return len(spans) >= 2 and with_colon * 2 > len(spans)


def _marked_lines(ctx: Ctx, pos: int, transversal: bool) -> list[Item]:
    """Bullet or prefixed lines after `pos` (one blank line allowed between them); a description
    line right under an 'Axe 1 : …' line is skipped."""
    rx = _rx()
    raw: list[tuple[int, int, bool]] = []
    prefixed = False
    blank = 0
    nl = ctx.clean.find("\n", pos)
    start = nl + 1 if nl >= 0 else len(ctx.clean)
    for s, line in _lines(ctx, start):
        if not line.strip():
            blank += 1
            if blank > 1:
                break
            continue
        is_prefix = bool(rx["prefix"].match(line))
        if is_prefix or rx["bullet"].match(line):
            if line.rstrip().endswith(":"):
                break  # 'Consultez :' opens something else
            prefixed = prefixed or is_prefix
            raw.append((s, s + len(line), bool(rx["transversal"].match(line))))
            blank = 0
            continue
        if raw and prefixed and not blank:
            continue
        break
    if not any(t for _, _, t in raw):  # lines that say which is transversal ('Axe transversal –') overrule the sentence
        raw = [(s, e, transversal) for s, e, _ in raw]
    return _labels(ctx, raw)


def _labels(ctx: Ctx, raw: list[tuple[int, int, bool]]) -> list[Item]:
    cut = _colon_list(ctx, [(s, e) for s, e, _ in raw])
    out = []
    for s, e, t in raw:
        a, b = _clean_label(ctx, s, e, cut)
        if b > a:
            out.append((a, b, t))
    return out


def _headings(ctx: Ctx, pos: int, transversal: bool) -> list[Item]:
    """Headings without a marker, each over one or more bullet lines: the headings are the axes."""
    rx = _rx()
    nl = ctx.clean.find("\n", pos)
    start = nl + 1 if nl >= 0 else len(ctx.clean)
    heads: list[tuple[int, int, bool]] = []
    children = 0
    for s, line in _lines(ctx, start):
        if not line.strip():
            if heads and children == 0:
                return []
            continue
        if rx["bullet"].match(line) or rx["prefix"].match(line):
            if not heads:
                return []
            children += 1
            continue
        if len(line.strip()) > _PLAIN_LINE_CHARS or re.search(r"[.!?]\s+[A-ZÀ-Ý]", line):
            break
        if line.rstrip().endswith(":"):
            return []  # 'Le CLS s'articule autour de trois axes :' announces a list, it is not an axis
        if heads and children == 0:
            return []  # two plain lines in a row: not a two-level list
        heads.append((s, s + len(line), transversal))
        children = 0
    if len(heads) < _INLINE_MIN:
        return []
    return _labels(ctx, heads)


def _plain_lines(ctx: Ctx, pos: int, transversal: bool) -> list[Item]:
    """Two or more short one-sentence lines with no marker, right after 'trois axes :'."""
    raw = []
    started = False
    for s, line in _lines(ctx, pos):
        if not line.strip():
            if started and raw:
                break
            started = True  # one blank line may separate the cue from the list
            continue
        if not raw and s <= pos:
            continue
        started = True
        body = line.strip().rstrip(".;")
        if len(body) > _PLAIN_LINE_CHARS or re.search(r"[.!?]\s+[A-ZÀ-Ý]", body) or body.endswith(":"):
            break
        raw.append((s, s + len(line), transversal))
    items = _labels(ctx, raw)
    return items if len(items) >= _INLINE_MIN else []


def _fit_count(ctx: Ctx, items: list[Item], count: int) -> list[Item]:
    """One item short of the count: the last one holds two, joined by its last 'et' before a verb
    ('…, promouvoir la santé mentale et lutter contre les addictions et favoriser un environnement …'),
    else before an article ('l'accès aux soins, la santé mentale et le bien vieillir')."""
    if len(items) != count - 1 or not items:
        return items
    s, e, t = items[-1]
    text = ctx.clean[s:e]
    joins = list(re.finditer(r"(?<!\s)\s+et\s+(?=[a-zéèêàâîôûç]+(?:" + lexicon().alternation("infinitive_ending") + r")\b)", text))
    joins = joins or list(_rx()["item_and"].finditer(text))
    joins = [j for j in joins if j.group(0).strip()]
    if not joins:
        return items
    j = joins[-1]
    return [*items[:-1], (s, s + j.start(), t), (s + j.end(), e, t)]


def _inline(ctx: Ctx, a: int, b: int, transversal: bool, of: bool = False, cut: bool = False, counted: bool = False) -> list[Item]:
    """'trois axes : A, B et C.' or 'trois priorités : A, avec… ; B ; C, notamment…';
    `of`: items after 'autour de' ('de la prévention, de la mobilisation… et de l'accès…');
    `cut`: the excerpt ends inside the list, so even one item is the list's beginning; `counted`: the
    count is known, so an 'et' splits only where the count needs it (`_fit_count`)."""
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
        for m in (re.finditer(r",\s*", text) if counted else _rx()["item_and"].finditer(text)):
            parts.append((a + pos, a + m.start()))
            pos = m.end()
        parts.append((a + pos, b))
        if len(parts) == 2 and "," not in text:
            parts = [(a, b)]  # 'A et B' alone is one label ('La promotion et la prévention')
    items = []
    for s, e in parts:
        lead = re.match(r"\s*(?:et|ou)\s+", ctx.clean[s:e])
        s += lead.end() if lead else 0
        of_lead = re.match(r"\s*(?:de\s+(?=l['’]|la\b)|d['’]|du\s+|des\s+)", ctx.clean[s:e]) if of else None
        s += of_lead.end() if of_lead and not ctx.clean[s:e].lstrip().startswith(("du ", "des ")) else 0
        s2, e2 = _clean_label(ctx, s, e)
        if e2 - s2 > 3:
            items.append((s2, e2, transversal))
    return items if len(items) >= (1 if cut else _INLINE_MIN) else []


def _prose(ctx: Ctx, after: int, count: int | None) -> list[Item]:
    """'Il s'agit d'abord de maintenir…, en … Le contrat vise ensuite à favoriser…'."""
    items: list[Item] = []
    following = [s for s in ctx.sentences if s[0] >= after][: (count or 3) + 2]
    for a, b in following:
        m = _rx()["adverbs"].search(ctx.clean, a, b)
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
    return items if len(items) >= _INLINE_MIN else []


def _count_before(ctx: Ctx, cue_start: int) -> int | None:
    """'5 axes stratégiques', 'trois priorités'; not 'l'un des sept axes' (one of seven)."""
    line_start = ctx.clean.rfind("\n", 0, cue_start) + 1
    m = _rx()["count"].search(ctx.clean[line_start:cue_start])
    if not m:
        return None
    before = ctx.clean[max(line_start, line_start + m.start() - 12) : line_start + m.start()].lower()
    if re.search(r"\bune?\s+(?:des|de\s+ses|de\s+nos)\s*$", before):
        return None
    return number(m.group("n"))


def _other_plan(ctx: Ctx, a: int, b: int, cue_end: int) -> bool:
    """'les 6 objectifs du Plan régional de santé'; 'Le Projet régional de santé … est bâti autour de
    5 grandes priorités' (its sentence names another plan, not the CLS)."""
    rx = _rx()
    if rx["not_cls_after"].match(ctx.clean, cue_end):
        return True
    return bool(rx["other_plan"].search(ctx.clean, a, cue_end)) and not ctx.matches_in("CLS", a, b)


def _block_after(ctx: Ctx, a: int, b: int, cue_end: int, count: int | None, transversal: bool) -> tuple[str, list[Item]]:
    """The list a cue's sentence opens, and the rule that read it."""
    sentence = ctx.clean[a:b]
    colon = ctx.clean.find(":", cue_end, b)
    comma = re.match(r"[^,.:;]{0,40},", ctx.clean[cue_end:b])
    if colon >= 0 and ctx.clean[colon + 1 : b].strip(" .\n"):
        items = _inline(ctx, colon + 1, b, transversal, cut=not ctx.clean[b:].strip(), counted=bool(count))
        return "axes.inline", _fit_count(ctx, items, count) if count else items
    if colon >= 0 or len(sentence.strip()) <= _HEADING_CHARS and not sentence.rstrip().endswith("."):
        items = _marked_lines(ctx, b, transversal)
        if items:
            return "axes.lines", items
        items = _headings(ctx, b, transversal)
        if items:
            return "axes.headings", items
        return "axes.plain_lines", _plain_lines(ctx, b, transversal)
    if (around := _AROUND.match(ctx.clean, cue_end, b)) and count:
        items = _inline(ctx, around.end(), b, transversal, of=True)
        return "axes.inline", items if len(items) == count else []
    if (lead := _lead().match(ctx.clean, cue_end, b)) and count:
        items = _fit_count(ctx, _inline(ctx, lead.end(), b, transversal, counted=True), count)
        return "axes.inline", items if len(items) == count else []
    if comma and count:
        items = _fit_count(ctx, _inline(ctx, cue_end + comma.end(), b, transversal, counted=True), count)
        return "axes.inline", items if len(items) == count else []
    if count:
        return "axes.prose", _prose(ctx, b, count)
    return "axes.lines", []


def find(ctx: Ctx, other_contracts: list[tuple[int, int]]) -> tuple[list[Candidate[Block]], list[Candidate[int]]]:
    """(blocks of axes, announced counts)."""
    rx = _rx()
    blocks: list[Candidate[Block]] = []
    counts: list[Candidate[int]] = []
    used: set[int] = set()
    listed_until = -1  # the end of the last list read: a cue inside a list is one of its items
    for cue in ctx.matches("AXIS_CUE"):
        if cue.start_char < listed_until:
            continue
        a, b = ctx.sentence_of(cue.start_char)
        line_start = ctx.clean.rfind("\n", 0, cue.start_char) + 1
        line_end = ctx.clean.find("\n", cue.start_char)
        if rx["prefix"].match(ctx.clean[line_start : line_end if line_end >= 0 else len(ctx.clean)]):
            continue  # 'Axe 1 :' opens an item, it does not announce a list
        if a in used or (a, b) in other_contracts:
            continue
        used.add(a)
        if _other_plan(ctx, a, b, cue.end_char):
            continue
        count = _count_before(ctx, cue.start_char)
        if count and count <= 20 and "transversa" not in cue.text.lower():
            counts.append(Candidate(count, cue.start_char, cue.end_char, "axes.announced"))
        sentence = ctx.clean[a:b].lower()
        transversal = "transversa" in sentence and "dont" not in sentence
        rule, items = _block_after(ctx, a, b, cue.end_char, count, transversal)
        if items:
            blocks.append(_block(ctx, items, count, cue.id_, ctx.clean[a:b], rule, cue.start_char))
            listed_until = max(listed_until, items[-1][1])
    blocks += _plan_headings(ctx, used, other_contracts) + _prefixed_blocks(ctx)
    return [b for b in blocks if b.value.items], counts


def _block(
    ctx: Ctx, items: list[Item], count: int | None, cue: str | None, heading: str, rule: str, cue_at: int | None = None
) -> Candidate[Block]:
    kept = _not_cut(ctx, items)
    labels = tuple(re.sub(r"\s+", " ", ctx.clean[s:e]) for s, e, _ in kept)
    return Candidate(Block(tuple(kept), count, cue, heading, labels, cue_at), items[0][0], items[-1][1], rule)


def _plan_headings(ctx: Ctx, used: set[int], other_contracts: list[tuple[int, int]]) -> list[Candidate[Block]]:
    """'Le plan pour 2022-2025' then bullet lines: a heading that names the contract's plan with
    its period opens its list of axes, as 'axes' would."""
    out = []
    for a, b in ctx.lines:
        line = ctx.clean[a:b]
        if a in used or len(line.strip()) > _HEADING_CHARS or line.rstrip().endswith("."):
            continue
        if not _rx()["plan_heading"].match(line) or not re.search(r"(?:19|20)\d\d\s*[-–/]\s*(?:19|20)\d\d", line):
            continue
        if any(x <= a < y for x, y in other_contracts):
            continue
        items = _marked_lines(ctx, a, False)
        if items:
            out.append(_block(ctx, items, None, None, line, "axes.plan_heading"))
    return out


def _prefixed_blocks(ctx: Ctx) -> list[Candidate[Block]]:
    """Two or more lines 'Orientation 1 – …', 'Axe 2 : …' with no cue before them."""
    rx = _rx()
    blocks: list[list[tuple[int, int, bool]]] = []
    current: list[tuple[int, int, bool]] = []
    for a, b in ctx.lines:
        line = ctx.clean[a:b]
        if rx["prefix"].match(line) and re.search(r"\d|\b[IVX]+\b|transversal", line[:40], re.IGNORECASE):
            current.append((a, b, bool(rx["transversal"].match(line))))
        else:
            if len(current) >= _INLINE_MIN:
                blocks.append(current)
            current = []
    if len(current) >= _INLINE_MIN:
        blocks.append(current)
    out = []
    for raw in blocks:
        items = _labels(ctx, raw)
        if _not_cut(ctx, items):
            out.append(_block(ctx, items, None, None, "", "axes.prefixed"))
    return out


def _not_cut(ctx: Ctx, items: list[Item]) -> list[Item]:
    """Drop the last item when the excerpt ends inside it: it ends the text on a function word
    ('… pour agir sur les ') or a word the model has never seen ('Santé environnem')."""
    if not items:
        return items
    s, e, _ = items[-1]
    if ctx.clean[e:].strip():
        return items
    words = ctx.clean[s:e].split()
    last = words[-1].lower() if words else ""
    toks = ctx.tokens(s, e)
    cut_word = bool(toks) and toks[-1].is_oov and toks[-1].is_alpha and toks[-1].is_lower and not ctx.clean.endswith((".", "\n"))
    if last in lexicon().words("line_continues") or cut_word:
        return items[:-1]
    return items


def choose(ctx: Ctx, blocks: list[Candidate[Block]], counts: list[Candidate[int]]) -> tuple[list[Candidate[Item]], Candidate[int] | None]:
    """Every block's items once, in text order; the count the first block's cue announces, else
    the first count written. A list for one year ('Les axes de travail prioritaires pour 2022')
    beside the contract's own is that year's work plan."""
    if len(blocks) > 1:
        kept = [b for b in blocks if not _one_year(b.value.heading)]
        blocks = kept or blocks
    seen: set[int] = set()
    items: list[Candidate[Item]] = []
    for c in items_of(blocks):
        if c.start not in seen:
            seen.add(c.start)
            items.append(c)
    items.sort(key=lambda c: c.start)
    # the count its list's cue announces ('5 axes stratégiques :'), else the first count written
    by_cue = {c.start: c for c in counts}
    announced = next((by_cue[b.value.cue_at] for b in sorted(blocks, key=lambda c: c.start) if b.value.cue_at in by_cue), None)
    announced = announced or (counts[0] if counts else None)
    if announced is not None and items and announced.value != len(items):
        announced = announced.warn(f"the text announces {announced.value} axes but lists {len(items)}")
    return items, announced


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–/]\s*(?:19|20)\d\d")


def items_of(blocks: list[Candidate[Block]]) -> list[Candidate[Item]]:
    """Each block's items as candidates of the block's rule, in block order."""
    out = []
    for blk in sorted(blocks, key=lambda c: c.value.items[0][0]):
        for it, label in zip(blk.value.items, blk.value.labels):
            out.append(Candidate(it, it[0], it[1], blk.rule, data={"cue": blk.value.cue, "label": label}))
    return out


def _one_year(heading: str) -> bool:
    return len(_YEAR.findall(heading)) == 1 and not _RANGE.search(heading)


def actions_count(ctx: Ctx, items: list[Candidate[Item]]) -> Candidate[int] | None:
    """'42 fiches actions'; summed when given per axis."""
    per_axis = []
    for c in items:
        end = ctx.clean.find("\n", c.end)
        for m in _ACTIONS.finditer(ctx.clean[c.end : end if end >= 0 else len(ctx.clean)]):
            per_axis.append((int(m.group("n")), c.end + m.start(), c.end + m.end()))
    if per_axis:
        return Candidate(sum(n for n, _, _ in per_axis), per_axis[0][1], per_axis[-1][2], "axes.actions_per_axis")
    m = _ACTIONS.search(ctx.clean)
    return Candidate(int(m.group("n")), m.start(), m.end(), "axes.actions") if m else None
