"""The contract record (`clsx contracts`): one line per Contrat Local de Santé, merged from the
article records that describe it, as pydantic models; `clsx schema --contract` prints its JSON Schema.

Every field is a `Choice`: the value chosen, the articles it came from (path, doc_id, span) and,
when articles disagree, every distinct value with its sources under `conflicts`; `rule` names
the choice rule that decided (clsx/contracts.json, README 'One record per contract').
"""

from __future__ import annotations

import re
from typing import Any, Generic, Literal, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema

from .model import SCHEMA_VERSION, Span, TerritoryKind, _Sparse

T = TypeVar("T")
Status = Literal["signed", "planned"]
Flag = Literal["unplaced", "territory_ambiguous", "generation_unknown", "order_inferred", "conflicts"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceRef(_Sparse):
    """Where a value comes from: the article record (its source.path and doc_id), the evidence
    span, and the extraction rule that found it when the record says (left out otherwise)."""

    _omit_if_none = ("rule",)
    path: str
    doc_id: str
    span: Span | None = None
    rule: str | None = None


class Alternative(_Model, Generic[T]):
    value: T
    sources: list[SourceRef]


class Choice(_Model, Generic[T]):
    """A field of the contract: `value` is null when no article gives it; `conflicts` is empty
    unless articles disagree, and then lists every distinct value (the chosen one first)."""

    value: T | None = None
    rule: str | None = None  # the choice rule that decided: an id of contracts.json "choice_rules", "agree" or "single"
    sources: list[SourceRef] = Field(default_factory=list)
    conflicts: list[Alternative[T]] = Field(default_factory=list)


class ContractTerritory(_Model):
    # what grouped the articles: "siren:200033298", "insee:97307" or "name:pays|centre ouest bretagne|29"; null: unplaced
    key: str | None = None
    name: Choice[str]
    kind: Choice[TerritoryKind]
    acronym: Choice[str]
    department: Choice[str]
    siren: Choice[str]
    insee_code: Choice[str]
    official_name: Choice[str]
    department_code: Choice[str]
    official_region: Choice[str]


class Years(_Model):
    start_year: int | None = None
    end_year: int | None = None


class ContractSignature(_Model):
    date: Choice[str]
    place: Choice[str]
    status: Choice[Status]


class ContractPeriod(_Model):
    years: Choice[Years]
    duration_years: Choice[int]


class CoordinatorValue(_Model):
    name: str | None = None
    title: str | None = None


class MergedSignatory(_Model):
    """One person however the articles write them: the best-written form, every form seen."""

    name: str
    title: str | None = None
    organization: str | None = None
    forms: list[str]
    sources: list[SourceRef]


class MergedPartner(_Model):
    name: str
    forms: list[str]
    sources: list[SourceRef]


class MergedAxis(_Model):
    label: str
    transversal: bool = False
    forms: list[str]
    sources: list[SourceRef]


class MergedFunding(_Model):
    amount_eur: float
    funder: str | None = None
    sources: list[SourceRef]


class ArticleRef(_Model):
    """An article record placed in this contract."""

    path: str
    doc_id: str
    title: str | None = None
    status: Status | None = None
    about: bool  # it reports or announces this signing (not only mentions the contract)


class Contract(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    contract_id: str  # from the territory's code (or name) and the generation: stable across reruns
    territory: ContractTerritory  # for an unplaced article (flag "unplaced"), what it says, with a null key
    region: Choice[str]
    number: Choice[int]
    signature: ContractSignature
    period: ContractPeriod
    signatories: list[MergedSignatory] = Field(default_factory=list)
    partners: list[MergedPartner] = Field(default_factory=list)
    axes: list[MergedAxis] = Field(default_factory=list)
    axes_announced: Choice[int]
    actions_count: Choice[int]
    coordinator: Choice[CoordinatorValue]
    funding: list[MergedFunding] = Field(default_factory=list)
    previous: str | None = None  # the contract_id of the territory's generation before this one
    next: str | None = None
    articles: list[ArticleRef]
    flags: list[Flag] = Field(default_factory=list)


class SkippedInfo(_Model):
    """An input line that is not a contract's article: an error record, or a line that is not a record."""

    path: str | None = None  # the record's source.path, when it has one
    reason: str
    line_sha256: str  # of the line as read, first 16 hex: names it whatever the input order


class Skipped(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    skipped: SkippedInfo


class _Names(GenerateJsonSchema):
    """'Choice_TerritoryKind_' rather than 'Choice_Literal__commune____communaute_de_communes…' in $defs."""

    def normalize_name(self, name: str) -> str:
        name = re.sub(r"Literal\[[^\]]*'commune'[^\]]*\]", "TerritoryKind", name)
        return super().normalize_name(re.sub(r"Literal\['signed', 'planned'\]", "Status", name))


def contract_schema() -> dict[str, Any]:
    """The JSON Schema of one line of `clsx contracts` (a contract, or a skipped input line)."""
    from pydantic import TypeAdapter

    s = TypeAdapter(Union[Contract, Skipped]).json_schema(schema_generator=_Names)
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "clsx contract (one JSONL line of clsx contracts)"
    return s
