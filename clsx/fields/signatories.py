"""People who signed, or officials present at the signature (record["signatories"]).

A person (clsx/mentions/people.py: name, function, organisation) is a candidate when the
signing passage names them:
- signatory.signing_sentence: a sentence with a signing cue, with a function, or certainly a
  person (capitals, civility) where someone signs ('X a signé', 'signé par X');
- signatory.ceremony: a sentence of the ceremony ('autour de la table', 'la cérémonie réunira',
  'en présence de' when the text reports a signing), with a function;
- signatory.list: the lines after a sentence that ends in a colon ('Ont signé le contrat :');
- signatory.caption: a photo caption ('De gauche à droite : …') of an article about a signing;
- signatory.next_sentence: the sentence after a signing one, in its paragraph, with a function,
  unless it quotes someone;
- signatory.by_title: 'AUTORISE le Président à signer': the person given that function elsewhere;
- signatory.heads: a reported signing that names nobody: the heads of the carrier and the ARS
  the text names (with a warning).
The coordinator is not a signatory.
"""

from __future__ import annotations

import re

from ..candidate import Candidate
from ..doc import Ctx
from ..lexicon import lexicon
from ..mentions import Mentions
from ..mentions.people import Person
from .signature import signs_other

Sentences = set[tuple[int, int]]


def _passage(ctx: Ctx) -> tuple[Sentences, Sentences, Sentences, Sentences]:
    """(sentences where anyone named is at the signing, ceremony sentences, list and caption
    lines, next sentences)."""
    # a sentence that signs something else ('le contrat de ville a été signé par …') names its own signatories
    strong = {ctx.sentence_of(m.start_char) for label in ("SIGN", "PLANNED") for m in ctx.matches(label) if not signs_other(ctx, m)}
    ceremony = {ctx.sentence_of(m.start_char) for m in ctx.matches("CEREMONY") if m.id_ != "ceremony.presence"}
    if strong:
        # 'en présence de' alone also describes receptions and visits: only in an article about a signing
        ceremony |= {ctx.sentence_of(m.start_char) for m in ctx.matches("CEREMONY") if m.id_ == "ceremony.presence"}
    lists: Sentences = set()
    for a, b in strong | ceremony:
        if ctx.clean[a:b].rstrip().endswith(":"):
            end = ctx.paragraph_of(a)[1]  # 'Ont signé le contrat :' and the lines that follow, up to a blank line
            lists |= {s for s in ctx.sentences if b <= s[0] < end}
    if strong:
        lists |= {ctx.sentence_of(m.start_char) for m in ctx.matches("CAPTION")}
    following: Sentences = set()
    for a, b in strong:
        nxt = ctx.next_sentence(b)
        # the next sentence of the paragraph, unless it quotes someone ('« … », précise X')
        if (
            nxt and ctx.paragraph_of(nxt[0]) == ctx.paragraph_of(a) and not re.search(r"[«»“”]", ctx.clean[nxt[0] : nxt[1]])
            and not any(signs_other(ctx, x) for x in ctx.matches_in("SIGN", *nxt))  # '… le contrat de ville a été signé par X'
        ):
            following.add(nxt)
    return strong, ceremony, lists, following


def find(ctx: Ctx, m: Mentions, exclude: set[tuple[str, str]]) -> list[Candidate[Person]]:
    strong, ceremony, lists, following = _passage(ctx)
    # an untitled name counts only where someone signs ('X a signé'), not where a journalist attends
    verbs = {ctx.sentence_of(x.start_char) for label in ("SIGN", "PLANNED") for x in ctx.matches(label) if x.id_ != "sign.noun" and not signs_other(ctx, x)}
    out: list[Candidate[Person]] = []
    for p in m.people:
        if p.key in exclude:
            continue
        s = ctx.sentence_of(p.start)
        titled = p.title is not None
        rule = None
        if s in strong and (titled or (p.certain and s in verbs)):
            rule = "signatory.signing_sentence"
        elif s in ceremony and titled:
            rule = "signatory.ceremony"
        elif s in lists and (titled or p.certain):
            rule = "signatory.list" if not ctx.matches_in("CAPTION", *s) else "signatory.caption"
        elif s in following and titled:
            rule = "signatory.next_sentence"
        if rule:
            out.append(Candidate(p, p.start, p.end, rule))
    # a caption names everyone on the picture: its people count when the signing passage names nobody
    named = [c for c in out if c.rule != "signatory.caption"]
    if named:
        out = named
    return out + _by_title(ctx, m, exclude)


def _by_title(ctx: Ctx, m: Mentions, exclude: set[tuple[str, str]]) -> list[Candidate[Person]]:
    """'le Président à signer' with no name in the sentence: the person titled so elsewhere."""
    out = []
    for cue in ctx.matches("SIGN") + ctx.matches("PLANNED"):
        a, b = ctx.sentence_of(cue.start_char)
        if any(a <= p.start < b for p in m.people):
            continue
        for t in ctx.matches_in("TITLE", a, b):
            for p in m.people:
                if p.key not in exclude and p.title and ctx.clean[p.title[0] : p.title[1]].lower() == t.text.lower():
                    out.append(Candidate(p, p.start, p.end, "signatory.by_title"))
    return out


def heads(ctx: Ctx, m: Mentions, exclude: set[tuple[str, str]], carrier: set[str]) -> list[Candidate[Person]]:
    """A reported signing that names no signatory (an interview, a radio piece): the heads of the
    carrier and of the ARS named in the text are the ones who sign a CLS."""
    from .territory import key

    lex = lexicon()
    head_forms = {f.lower() for t in lex.entries("titles.jsonl") if t.head for f in t.forms}
    out = []
    for p in m.people:
        if p.key in exclude or not p.title or not p.organisation:
            continue
        title = ctx.clean[p.title[0] : p.title[1]].lower()
        if title not in head_forms:
            continue
        org = m.organisations.covering(*p.organisation)
        k = key(ctx.clean[p.organisation[0] : p.organisation[1]])
        # the organisation may stop at an 'et' inside the carrier's name ('Entre Beauce et Perche')
        carrier_org = any(c and (k.endswith(c) or (len(k) > 12 and c.startswith(k))) for c in carrier)
        if (org and org.kind == "ars") or carrier_org:
            out.append(Candidate(p, p.start, p.end, "signatory.heads"))
    if out:
        out[0] = out[0].warn("no signatory named at the signing: the heads of the carrier and of the ARS named in the text are given")
    return out


def choose(found: list[Candidate[Person]]) -> list[Candidate[Person]]:
    """One candidate per person, in text order (by-title readings after the others)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in found:
        if c.value.key not in seen:
            seen.add(c.value.key)
            out.append(c)
    return out
