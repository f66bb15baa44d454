"""The CLS record (../shared/RECORD.md) as pydantic models: the output contract of clsx."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from .kinds import TERRITORY_KINDS

SCHEMA_VERSION = "1"

TerritoryKind = Literal[TERRITORY_KINDS]  # type: ignore[valid-type]  # Literal["commune", …, "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Sparse(_Model):
    """A model whose optional additions are left out of the JSON when unset, so that a plain
    text's record has no `"converter": null` or `"text": null`."""

    _omit_if_none: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _omit(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for k in self._omit_if_none:
                if data.get(k) is None:
                    data.pop(k, None)
        return data


class Span(_Model):
    """Evidence: `text[start:end] == span.text` on the text as decoded."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Source(_Sparse):
    """`sha256` and `chars` are the text's (for a page or a PDF, the text extracted from it,
    which the spans index); `bytes` the file's."""

    _omit_if_none = ("converter", "published")
    path: str
    sha256: str
    chars: int
    encoding: str
    bytes: int | None = None
    converter: str | None = None  # "trafilatura 2.3.1", "pdfminer.six 20260107": the text was extracted from HTML or PDF
    published: str | None = None  # ISO date from the page's metadata: the reference for dates without a year


class LinkCandidate(_Model):
    """A register entry the territory may be: SIREN (EPCI) or INSEE code (commune) or department code."""

    code: str
    name: str
    type: Literal["CC", "CA", "CU", "ME", "COM", "DEP"]
    department_code: str | None = None
    score: float


class Link(_Model):
    """How the territory was found in the register (clsx/link.py): exact and fuzzy fill the codes,
    ambiguous and none leave them null and list the candidates."""

    status: Literal["exact", "fuzzy", "ambiguous", "none"]
    score: float = Field(ge=0, le=1)
    candidates: list[LinkCandidate] = Field(default_factory=list)


class CoCarrier(_Model):
    """Another collectivity that carries the CLS with the territory ('Saint-Flour Communauté et Hautes
    Terres Communauté ont signé leur Contrat Local de Santé'), linked to the register like it."""

    name: str
    kind: TerritoryKind | None = None
    span: Span
    siren: str | None = Field(default=None, pattern=r"^\d{9}$")
    insee_code: str | None = Field(default=None, pattern=r"^[0-9][0-9AB][0-9]{3}$")
    official_name: str | None = None
    rule: str | None = None


class Territory(_Model):
    name: str
    kind: TerritoryKind | None = None
    acronym: str | None = None
    communes_count: int | None = None
    department: str | None = None
    span: Span
    siren: str | None = Field(default=None, pattern=r"^\d{9}$")  # the EPCI's, when linked
    insee_code: str | None = Field(default=None, pattern=r"^[0-9][0-9AB][0-9]{3}$")  # the commune's, when linked
    official_name: str | None = None
    department_code: str | None = None  # the linked territory's (its main one), else the department the text gives
    official_region: str | None = None  # current region (after 2016), even when the text names an old one
    link: Link | None = None
    rule: str | None = None  # the id of the rule that found it (clsx eval --rules)
    co_carriers: list[CoCarrier] = Field(default_factory=list)  # collectivities that carry the CLS with it


class Signature(_Model):
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    place: str | None = None
    status: Literal["signed", "planned"] | None = None
    span: Span | None = None
    rule: str | None = None  # the id of the rule that found it (clsx eval --rules)
    date_inferred: bool | None = None  # the year (or the day) was inferred from context, not written


class Period(_Model):
    start_year: int | None = None
    end_year: int | None = None
    duration_years: int | None = None
    span: Span | None = None
    # evidence of the duration when it is stated far from the years (clsx addition)
    duration_span: Span | None = None
    rule: str | None = None  # the id of the rule that found it (clsx eval --rules)


class Signatory(_Model):
    name: str
    title: str | None = None
    organization: str | None = None
    span: Span
    rule: str | None = None  # the id of the rule that found it (clsx eval --rules)


class Partner(_Model):
    name: str
    span: Span
    rule: str | None = None  # the id of the rule that found it (clsx eval --rules)


class Axis(_Model):
    label: str
    transversal: bool = False
    span: Span
    rule: str | None = None  # the id of the rule that found it (clsx eval --rules)


class Coordinator(_Model):
    name: str | None = None
    title: str | None = None
    span: Span
    rule: str | None = None  # the id of the rule that found it (clsx eval --rules)


class Funding(_Model):
    amount_eur: float
    funder: str | None = None
    span: Span
    rule: str | None = None  # the id of the rule that found it (clsx eval --rules)


class Extractor(_Model):
    name: str = "clsx"
    version: str
    model: str


class Record(_Sparse):
    _omit_if_none = ("text",)
    schema_version: Literal["1"] = SCHEMA_VERSION
    doc_id: str
    source: Source
    title: str | None = None
    territory: Territory | None = None
    region: str | None = None
    cls_number: int | None = None
    signature: Signature = Field(default_factory=Signature)
    period: Period = Field(default_factory=Period)
    signatories: list[Signatory] = Field(default_factory=list)
    partners: list[Partner] = Field(default_factory=list)
    axes: list[Axis] = Field(default_factory=list)
    axes_announced: int | None = None
    actions_count: int | None = None
    coordinator: Coordinator | None = None
    funding: list[Funding] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    extractor: Extractor
    text: str | None = None  # the document text the spans index, with `clsx extract --with-text`


class ErrorInfo(_Model):
    type: str
    message: str


class ErrorRecord(_Model):
    """One line for a document that could not be read or processed."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    source: dict[str, object]
    error: ErrorInfo
