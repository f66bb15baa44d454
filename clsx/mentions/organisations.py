"""Organisation mentions: an institution's head words from the lexicon (patterns/lexicon/
organisations.jsonl, and the collectivities of territory_kinds.jsonl), then what names it.

    ORG      := HEAD COMPLEMENT*
    HEAD     := a lexicon form ('caisse primaire d'assurance maladie', 'CPAM', 'préfecture')
    COMPLEMENT := '(' SHORT ')' | NUMBER | OF ARTICLE? NAME | NAME
    NAME     := a proper name (clsx/mentions/names.py: 'Simone Veil de Beauvais', 'Haute-Corse')

Rules (each mention says which one delimited it):
- org.complement: the head and its complements ('Caisse primaire d'assurance maladie (CPAM) de
  l'Aude', 'CPAM 54', 'MSA Portes de Bretagne', 'la Préfecture de l'Orne');
- org.spelled_out: a capitalised word, a few lower-case words, and the short form in brackets
  that spells their initials ('Union mutualiste d'initiative santé (Umis)');
- a head that needs a capital ('l'État', 'le Département') counts in lower case only with a
  name after it ('le département de la Mayenne', 'la ville de Nice'); a generic head ('centre',
  'union', 'association') only with a name after it or a capital of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..doc import Ctx
from ..lexicon import TerritoryKind, lexicon
from .names import acronym, capitalised, initials_fit, name_run

_DEPARTMENT_CODE = frozenset({*(f"{n:02d}" for n in range(1, 96)), "2A", "2B", "971", "972", "973", "974", "976"})
_SPELLED_OUT_WORDS = 6  # lower-case words between a capitalised head and its short form in brackets


@dataclass(frozen=True)
class Organisation:
    """An institution named at clean[start:end] (its article left out)."""

    start: int
    end: int
    head: str  # the lexicon entry of its head words
    kind: str  # the entry's kind; "collectivity" for a territory kind
    rule: str
    head_end: int  # where the head words end: what follows is the name
    plural: bool = False  # 'les Conseils départementaux …' may name several

    @property
    def named(self) -> bool:
        """Something names it beyond its head ('Préfecture de l'Orne', not 'la préfecture')."""
        return self.end > self.head_end


class Organisations:
    """Every organisation mention of a document, by start offset."""

    def __init__(self, ctx: Ctx):
        self.ctx = ctx

    @cached_property
    def all(self) -> list[Organisation]:
        return find(self.ctx)

    @cached_property
    def _by_start(self) -> dict[int, Organisation]:
        return {o.start: o for o in self.all}

    def at(self, char: int) -> Organisation | None:
        return self._by_start.get(char)

    def within(self, start: int, end: int) -> list[Organisation]:
        return [o for o in self.all if start <= o.start and o.end <= end]

    def covering(self, start: int, end: int) -> Organisation | None:
        return next((o for o in self.all if o.start <= start and end <= o.end), None)


def _heads(ctx: Ctx) -> list[Any]:
    """ORG and collectivity (KIND) matches, longest first where they overlap, in text order."""
    spans = sorted(ctx.matches("ORG") + ctx.matches("KIND"), key=lambda s: (-(s.end - s.start), s.start))
    taken: set[int] = set()
    out = []
    for s in spans:
        if not taken & set(range(s.start, s.end)):
            taken |= set(range(s.start, s.end))
            out.append(s)
    return sorted(out, key=lambda s: s.start)


def _avoid(ctx: Ctx) -> frozenset[int]:
    """Token indices where a name stops: a function, a cue, a civility, and a person named after a
    function's organisation ('du Président du Département Arnaud VIALA')."""
    out = {s.start for label in ("TITLE", "SIGN", "PLANNED", "CEREMONY", "PARTNER_CUE") for s in ctx.matches(label)}
    civilities = lexicon().civilities
    out |= {t.i for t in ctx.doc if t.text in civilities}
    if ctx.matches("TITLE"):
        out |= _people_starts(ctx)
    return frozenset(out)


def _people_starts(ctx: Ctx) -> set[int]:
    """Tokens where a 'Prénom NOM' starts: after a function, such a name is the person's (the
    organisation's name does not run into it)."""
    from .people import caps_name_starts

    titles_end = max(t.end_char for t in ctx.matches("TITLE"))
    first = min(t.start_char for t in ctx.matches("TITLE"))
    starts = caps_name_starts(ctx) + [e.start_char for e in ctx.doc.ents if e.label_ == "PER"]
    return {ctx.token_at(a) for a in starts if first < a <= titles_end + 200}


def find(ctx: Ctx) -> list[Organisation]:
    lex = lexicon()
    kinds = lex.organisation_kinds
    doc = ctx.doc
    avoid = _avoid(ctx)
    heads = _heads(ctx)
    head_starts = frozenset(h.start for h in heads)
    out: list[Organisation] = []
    for h in heads:
        if out and doc[h.start].idx < out[-1].end:
            continue  # '(ARS)' inside 'Agence régionale de santé (ARS)'
        entry = lex.by_id[h.id_]
        if isinstance(entry, TerritoryKind) and entry.kind is None and _inner_head(ctx, h.end, head_starts):
            continue  # 'le territoire de la Communauté d'Agglomération Lens-Liévin': the inner one is the mention
        i, rule = h.end, "org.complement"
        plural = doc[h.start].lower_.endswith(("s", "x")) and not doc[h.start].text.isupper() and doc[h.start].lower_ not in lex.words("invariable_plural")
        # a name may hold an 'et' ('Vallées de la Braye et de l'Anille', 'Direction … de la Cohésion Sociale et de la
        # Protection des Populations'), unless another institution follows it; a plural head's 'et' shares it out
        i = _complements(ctx, i, avoid, None if plural else head_starts | avoid)
        first = doc[h.start]
        capital = first.text[:1].isupper() and not _sentence_start(ctx, h.start)
        named = i > h.end
        collectivity_word = kinds.get(h.id_) == "collectivity"
        if getattr(entry, "capitalised", False) and not first.text[:1].isupper() and not named and not collectivity_word:
            continue  # 'l'état de santé', 'dans le département', but 'la ville de Nice' (and 'la municipalité': the carrier said bare)
        if getattr(entry, "generic", False) and not named:
            spelled = _spelled_out(ctx, h.start, h.end) if first.text[:1].isupper() else None
            if spelled is None and not capital:
                continue
            if spelled is not None:
                i, rule = spelled, "org.spelled_out"
        if named:
            i = _spelled_on(ctx, h.start, i)
        first_tok = _left_modifiers(ctx, h.start)
        start, end = doc[first_tok].idx, doc[i - 1].idx + len(doc[i - 1].text)
        out.append(Organisation(start, end, h.id_, kinds.get(h.id_, "other"), rule, h.end_char, plural))
    return out


def _place_end(ctx: Ctx, j: int) -> int | None:
    """End token of a department or region name starting at token j."""
    if j >= len(ctx.doc):
        return None
    for label in ("DEPARTMENT", "REGION"):
        m = ctx.match_at(label, ctx.doc[j].idx)
        if m is not None:
            return m.end
    return None


def _inner_head(ctx: Ctx, i: int, head_starts: frozenset[int]) -> bool:
    """'de la' + another institution's head at token i."""
    lex = lexicon()
    doc = ctx.doc
    j = i
    while j < len(doc) and j - i < 2 and doc[j].lower_ in lex.words("of") | lex.words("article"):
        j += 1
    return j > i and j in head_starts


def _left_modifiers(ctx: Ctx, i: int) -> int:
    """'le Grand Hôpital de l'Est Francilien': capitalised words between an article and the head
    belong to the name."""
    doc, opening = ctx.doc, lexicon().words("article") | lexicon().words("of")
    j = i
    while j - 1 > 0 and capitalised(doc[j - 1]) and not doc[j - 1].text.isupper() and i - j < 2:
        j -= 1
    return j if j < i and doc[j - 1].lower_ in opening else i


def _sentence_start(ctx: Ctx, i: int) -> bool:
    """Token i opens its line or follows a full stop: its capital says nothing."""
    if i == 0:
        return True
    prev = ctx.doc[i - 1]
    return prev.is_space or prev.text in {".", "!", "?", ":", "•", "-", "–", "—", "«", '"', "("}


def _complements(ctx: Ctx, i: int, avoid: frozenset[int] | set[int], et_avoid: frozenset[int] | None = None) -> int:
    """Token index after the complements that start at token i (`et_avoid`: see names.name_run)."""
    lex = lexicon()
    of, articles = lex.words("of"), lex.words("article")
    doc = ctx.doc
    while i < len(doc):
        t = doc[i]
        if t.text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")" and acronym(doc[i + 1].text):
            i += 3
            continue
        if t.text in _DEPARTMENT_CODE and not doc[i - 1].is_space:
            i += 1
            continue
        if t.lower_ in of:
            j = i + 1
            if j < len(doc) and doc[j].lower_ in articles:
                j += 1
            place = _place_end(ctx, j)  # 'de Tarn et Garonne', 'de Meurthe et Moselle'
            k = max(name_run(doc, j, avoid, et_avoid=et_avoid), place or j)
            if k > j:
                i = k
                continue
            # 'Conférence de territoire de l'Orne', 'Maison de santé de Lure': a noun, then the name
            if j + 1 < len(doc) and doc[j].is_alpha and doc[j].is_lower and doc[j + 1].lower_ in of:
                k0 = j + 2 + (1 if j + 2 < len(doc) and doc[j + 2].lower_ in articles else 0)
                k = name_run(doc, k0, avoid, et_avoid=et_avoid)
                if k > k0:
                    i = k
                    continue
            break
        k = name_run(doc, i, avoid, et_avoid=et_avoid)
        if k > i:
            i = k
            continue
        break
    return i


def _short_form(s: str) -> bool:
    """'Umis', 'Cali', 'CCAS': a short capitalised word of letters, in brackets after a name."""
    return 2 <= len(s) <= 10 and s.isalpha() and s[0].isupper()


_SPELLED_ON_WORDS = 2  # lower-case words after a name that its short form in brackets still spells


def _spelled_on(ctx: Ctx, head: int, i: int) -> int:
    """'communauté de communes de l'Ouest' + 'guyanais' + '(CCOG)': the name goes on through
    lower-case words when the short form in brackets after them spells them too; else i."""
    doc = ctx.doc
    for j in range(i, min(len(doc), i + _SPELLED_ON_WORDS + 1)):
        t = doc[j]
        if t.text == "(" and j > i:
            if j + 2 < len(doc) and doc[j + 2].text == ")" and acronym(doc[j + 1].text):
                return j + 3 if initials_fit([x.text for x in doc[head:j]], doc[j + 1].text) else i
            return i
        if not (t.is_alpha and t.is_lower):
            return i
    return i


def _spelled_out(ctx: Ctx, head: int, i: int) -> int | None:
    """'Union' + 'mutualiste d'initiative santé' + '(Umis)': the token after ')' when the short form
    in brackets spells the words' initials."""
    doc = ctx.doc
    head_words = [t.text for t in doc[head:i]]
    for j in range(i, min(len(doc), i + _SPELLED_OUT_WORDS + 1)):
        t = doc[j]
        if t.text == "(":
            if j + 2 < len(doc) and doc[j + 2].text == ")" and _short_form(doc[j + 1].text):
                words = [*head_words, *(x.text for x in doc[i:j])]
                return j + 3 if initials_fit(words, doc[j + 1].text) else None
            return None
        if t.is_space or t.is_punct or capitalised(t):
            return None
    return None
