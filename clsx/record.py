"""The one place that runs the extractors on a document and assembles the validated record."""

from __future__ import annotations

import bisect
import hashlib
import re
from functools import cache

from . import __version__
from .doc import Ctx
from .fields.axes import extract_axes
from .fields.contract import extract_cls_number
from .fields.coordinator import extract_coordinator
from .fields.funding import extract_funding
from .fields.partners import extract_partners, partners_of_signatories
from .fields.people import find_people
from .fields.period import extract_period
from .fields.signatories import extract_signatories
from .fields.signature import extract_signature
from .fields.territory import commune_at, extract_region, extract_territory, key
from .link import linked
from .model import Extractor, Record, Source
from .patterns import load_jsonl
from .pipeline import model_version
from .text import Text


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _title(clean: str) -> str | None:
    for line in clean.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 200 else None
    return None


def _title_end(clean: str) -> int:
    """End of the headline: the first two non-empty lines, if short ('deuxième CLS' there wins)."""
    end = 0
    for m in [m for m in re.finditer(r"[^\n]+", clean) if m.group(0).strip()][:2]:
        if len(m.group(0)) > 150:
            break
        end = m.end()
    return end


@cache
def _region_keys() -> frozenset[str]:
    return frozenset(key(r["name"]) for r in load_jsonl("regions.jsonl"))


def build_record(text: Text, ctx: Ctx, source: Source) -> Record:
    territory = extract_territory(ctx, set(_region_keys()))
    region = extract_region(ctx)
    cls = extract_cls_number(ctx, _title_end(ctx.clean))
    signature, _ = extract_signature(ctx, cls[2] if cls else [])
    signing = ctx.sentence_of(_char(text, signature.span.start)) if signature.span else None
    if territory is None and signature.place:
        territory = commune_at(ctx, signature.place)
    if territory:
        territory = linked(territory, ctx, region[0] if region else None)
    period = extract_period(ctx, cls[2] if cls else [], signing)
    people = find_people(ctx)
    coordinator = extract_coordinator(ctx, people)
    exclude = {coordinator[1].key} if coordinator else set()
    carrier = {key(territory.name)} if territory else set()
    if territory and territory.acronym:
        carrier.add(key(territory.acronym))
    signatories = extract_signatories(ctx, people, exclude, signature.status == "signed", carrier)
    partners = extract_partners(ctx, carrier, people)
    orgs = [(s.organization, _char(text, s.span.start)) for s in signatories if s.organization]
    partners = partners_of_signatories(ctx, orgs, carrier, partners)
    axes, announced, actions = extract_axes(ctx)
    if not any(m.id_ == "cls" for m in ctx.matches("CLS")):
        ctx.warnings.append("the text never mentions a contrat local de santé: is it about one?")
    return Record(
        doc_id=doc_id(text.raw),
        source=source,
        title=_title(ctx.clean),
        territory=territory,
        region=region[0] if region else None,
        cls_number=cls[0] if cls else None,
        signature=signature,
        period=period,
        signatories=signatories,
        partners=partners,
        axes=axes,
        axes_announced=announced,
        actions_count=actions,
        coordinator=coordinator[0] if coordinator else None,
        funding=extract_funding(ctx),
        warnings=list(dict.fromkeys(ctx.warnings)),
        extractor=Extractor(version=__version__, model=model_version()),
    )


def _char(text: Text, raw_offset: int) -> int:
    """A clean offset at or after a raw one (the record's spans are raw)."""
    return bisect.bisect_left(text.starts, raw_offset)
