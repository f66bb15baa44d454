"""The one place that assembles the record: it asks each field module for its candidates, lets
it choose, and builds and validates the pydantic record once (offsets mapped back to the raw
text, doc_id, the warnings of the chosen candidates, the register link, the fallbacks).

Data flows one way: doc and mentions -> candidates (fields/*.find) -> choices (fields/*.choose)
-> this record. Where a field comes from: the module named in each step below.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from . import __version__
from .candidate import Candidate, Trace
from .doc import Ctx
from .fields import axes, contract, coordinator, funding, partners, period, region, signatories, signature, territory
from .link import linked
from .mentions import Mentions
from .model import Axis, CoCarrier, Coordinator, Extractor, Funding, Partner, Period, Record, Signatory, Signature, Source, Territory
from .pipeline import model_version

_TITLE_CHARS = 200


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _title(ctx: Ctx) -> str | None:
    """The first line, if it is short enough to be one."""
    if not ctx.lines:
        return None
    a, b = ctx.lines[0]
    line = ctx.clean[a:b].strip()
    return line if len(line) <= _TITLE_CHARS else None


def _words(ctx: Ctx, a: int, b: int) -> str:
    return re.sub(r"\s+", " ", ctx.clean[a:b]).strip(" ,;.")


class Assembly:
    """One document's choices, field by field, with every candidate kept for the rule report."""

    def __init__(self, ctx: Ctx):
        self.ctx = ctx
        self.m = Mentions(ctx)
        self.trace = Trace()
        self.warnings: list[str] = []

    def _keep(self, name: str, found: list[Candidate[Any]], chosen: list[Candidate[Any]]) -> None:
        self.trace.add(name, found, chosen)
        for c in chosen:
            self.warnings.extend(c.warnings)

    def record(self, source: Source) -> Record:
        ctx, m = self.ctx, self.m
        # which contract: its number, and the sentences about an earlier one (contract.py)
        found = contract.find(ctx)
        number, earlier = contract.choose(ctx, found)
        self._keep("cls_number", found, [number] if number else [])
        # the signature: date, place, status (signature.py, mentions/dates.py)
        sentences = signature.signing_sentences(ctx)
        dates = signature.find_dates(ctx, m, earlier)
        places = signature.find_places(ctx, sentences, earlier)
        dated, place, status = signature.choose(ctx, dates, places, sentences)
        self._keep("signature_date", dates, [dated] if dated else [])
        self._keep("signature_place", places, [place] if place else [])
        # the territory (territory.py), linked to the register (link.py)
        found_t = territory.find(ctx, m)
        carrier = territory.choose(ctx, found_t)
        if carrier is None and place is not None:
            carrier = territory.commune_at(ctx, place)
        if carrier is None:
            carrier = territory.head_commune(ctx)
        self._keep("territory", found_t, [carrier] if carrier else [])
        found_r = region.find(ctx)
        reg = region.choose(found_r)
        self._keep("region", found_r, [reg] if reg else [])
        others = territory.co_carriers(ctx, found_t, carrier) if carrier else []
        ter = self._territory(carrier, reg.value if reg else None, others)
        # the period (period.py), the signing sentence's range first
        signing = ctx.sentence_of(dated.start) if dated and dated.value else None
        years, durations = period.find(ctx, earlier, signing)
        span_years, span_duration = period.choose(years, durations)
        self._keep("period", years + durations, [c for c in (span_years, span_duration) if c])
        # people: the coordinator (coordinator.py), then the signatories (signatories.py)
        found_c = coordinator.find(ctx, m.people)
        coord = coordinator.choose(found_c)
        self._keep("coordinator", found_c, [coord] if coord else [])
        exclude = {coord.value.key} if coord else set()
        found_s = signatories.find(ctx, m, exclude)
        chosen_s = signatories.choose(found_s)
        carrier_keys = self._carrier_keys(ter)
        if not chosen_s and status == "signed":
            found_s = signatories.heads(ctx, m, exclude, carrier_keys)
            chosen_s = signatories.choose(found_s)
        self._keep("signatories", found_s, chosen_s)
        # partners (partners.py): cues, signing verbs, the organisations the signatories represent
        found_p = partners.find(ctx, m, [c.value for c in chosen_s])
        chosen_p = partners.choose(ctx, found_p, carrier_keys, ter.kind if ter else None)
        self._keep("partners", found_p, chosen_p)
        # axes (axes.py)
        blocks, counts = axes.find(ctx, earlier)
        items, announced = axes.choose(ctx, blocks, counts)
        self._keep("axes", axes.items_of(blocks) + counts, [*items, *([announced] if announced else [])])
        actions = axes.actions_count(ctx, items)
        found_f = funding.find(ctx)
        self._keep("funding", found_f, found_f)
        if not any(x.id_ == "cls.name" for x in ctx.matches("CLS")):
            self.warnings.append("the text never mentions a contrat local de santé: is it about one?")
        return Record(
            doc_id=doc_id(ctx.text.raw),
            source=source,
            title=_title(ctx),
            territory=ter,
            region=reg.value if reg else None,
            cls_number=number.value if number and number.value is not None else None,
            signature=self._signature(dated, place, status),
            period=self._period(span_years, span_duration),
            signatories=[self._signatory(c) for c in chosen_s],
            partners=[Partner(name=c.value, span=ctx.span(c.start, c.end), rule=c.rule) for c in chosen_p],
            axes=[Axis(label=_words(ctx, c.start, c.end), transversal=c.value[2], span=ctx.span(c.start, c.end), rule=c.rule) for c in items],
            axes_announced=announced.value if announced else None,
            actions_count=actions.value if actions else None,
            coordinator=self._coordinator(coord),
            funding=[Funding(amount_eur=c.value[0], funder=c.value[1], span=ctx.span(c.start, c.end), rule=c.rule) for c in found_f],
            warnings=list(dict.fromkeys(self.warnings)),
            extractor=Extractor(version=__version__, model=model_version()),
        )

    def _territory(self, c: Candidate[territory.Named] | None, region_name: str | None, others: list[Candidate[territory.Named]]) -> Territory | None:
        if c is None:
            return None
        ctx = self.ctx
        count = territory.communes_count(ctx)
        dep = territory.department(ctx)
        t = Territory(
            name=c.value.name,
            kind=c.value.kind,  # type: ignore[arg-type]
            acronym=c.value.acronym,
            communes_count=count.value if count else None,
            department=dep.value if dep else None,
            span=ctx.span(c.start, c.end),
            rule=c.rule,
        )
        t = linked(t, ctx, region_name)
        return t.model_copy(update={"co_carriers": [self._co_carrier(o, region_name) for o in others]}) if others else t

    def _co_carrier(self, c: Candidate[territory.Named], region_name: str | None) -> CoCarrier:
        ctx = self.ctx
        t = linked(Territory(name=c.value.name, kind=c.value.kind, span=ctx.span(c.start, c.end)), ctx, region_name)  # type: ignore[arg-type]
        return CoCarrier(name=t.name, kind=t.kind, span=t.span, siren=t.siren, insee_code=t.insee_code, official_name=t.official_name, rule=c.rule)

    def _carrier_keys(self, ter: Territory | None) -> set[str]:
        if ter is None:
            return set()
        keys = {territory.key(ter.name)}
        if ter.acronym:
            keys.add(territory.key(ter.acronym))
        return keys

    def _signature(self, dated: Candidate[Any] | None, place: Candidate[str] | None, status: str | None) -> Signature:
        ctx = self.ctx
        d = dated.value if dated else None
        parts = [(x.start, x.end) for x in (dated if d else None, place) if x]
        span = ctx.span(min(a for a, _ in parts), max(b for _, b in parts)) if parts else None
        if span is None and status:
            first = signature.signing_sentences(ctx)
            span = ctx.span(first[0].start, first[0].end) if first else None
        return Signature(
            date=d.iso if d else None,
            place=place.value if place else None,
            status=status,  # type: ignore[arg-type]
            span=span,
            rule=dated.rule if d else (place.rule if place else None),
            date_inferred=bool(dated.warnings) if d else None,
        )

    def _period(self, years: Candidate[Any] | None, duration: Candidate[int] | None) -> Period:
        whole, own = period.spans(self.ctx, years, duration)
        return Period(
            start_year=years.value.start if years else None,
            end_year=years.value.end if years else None,
            duration_years=duration.value if duration else None,
            span=self.ctx.span(*whole) if whole else None,
            duration_span=self.ctx.span(*own) if own else None,
            rule=years.rule if years else (duration.rule if duration else None),
        )

    def _signatory(self, c: Candidate[Any]) -> Signatory:
        p, ctx = c.value, self.ctx
        return Signatory(
            name=p.name,
            title=_words(ctx, *p.title) if p.title else None,
            organization=_words(ctx, *p.organisation) if p.organisation else None,
            span=ctx.span(p.start, p.end),
            rule=c.rule,
        )

    def _coordinator(self, c: Candidate[Any] | None) -> Coordinator | None:
        if c is None:
            return None
        return Coordinator(name=c.value.name, title=c.data.get("title"), span=self.ctx.span(c.start, c.end), rule=c.rule)


def build_traced(ctx: Ctx, source: Source) -> tuple[Record, Trace]:
    """The record and every candidate behind it (the rule report's input)."""
    a = Assembly(ctx)
    return a.record(source), a.trace


