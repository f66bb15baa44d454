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

    start: int = Field(ge=0, description="Offset of its first character in the text as decoded (0-based, in characters).")
    end: int = Field(ge=0, description="Offset just after its last character: text[start:end] == span.text.")
    text: str = Field(description="The characters the offsets cover, as the text writes them.")


class Source(_Sparse):
    """`sha256` and `chars` are the text's (for a page or a PDF, the text extracted from it,
    which the spans index); `bytes` the file's."""

    _omit_if_none = ("converter", "published")
    path: str = Field(description="The input as given: a file path, or '-' for stdin (bytes of a file name that are not UTF-8 shown as \\xNN).")
    sha256: str = Field(description="SHA-256 (hex) of the text the spans index: the decoded text, or the text extracted from a page, PDF, .docx or .odt.")
    chars: int = Field(description="Length of that text, in characters.")
    encoding: str = Field(
        description="How the bytes were decoded ('utf-8', 'utf-8-sig', 'cp1252'…; a page's charset), or 'pdf', 'docx', 'odt' for those formats."
    )
    bytes: int | None = Field(default=None, description="Size of the input, in bytes.")
    converter: str | None = Field(
        default=None,
        description="Which converter made the text ('trafilatura 2.3.1', 'pdfminer.six 20260107', 'python-docx 1.2.0'); absent for a plain text.",
    )
    published: str | None = Field(
        default=None,
        description="A web page's own publication date (ISO), from its metadata: the reference for dates written without a year; absent when unknown.",
    )


class LinkCandidate(_Model):
    """A register entry the territory may be: SIREN (EPCI) or INSEE code (commune) or department code."""

    code: str = Field(description="The entry's SIREN (an EPCI), INSEE code (a commune) or department code.")
    name: str = Field(description="The register's name of the entry.")
    type: Literal["CC", "CA", "CU", "ME", "COM", "DEP"] = Field(
        description="CC, CA, CU, ME (communauté de communes, d'agglomération, urbaine, métropole), COM (commune) or DEP (department)."
    )
    department_code: str | None = Field(default=None, description="The entry's (main) department code.")
    score: float = Field(description="The weighted share of name words it has in common with the territory (0 to 1).")


class Link(_Model):
    """How the territory was found in the register (clsx/link.py): exact and fuzzy fill the codes,
    ambiguous and none leave them null and list the candidates."""

    status: Literal["exact", "fuzzy", "ambiguous", "none"] = Field(
        description="exact (the distinctive words equal a register name and the kind agrees), fuzzy (one register name fits "
        "without being equal), ambiguous (several fit) or none. Only exact and fuzzy fill the codes."
    )
    score: float = Field(ge=0, le=1, description="How well the register entry (or the best candidate) fits, 0 to 1.")
    candidates: list[LinkCandidate] = Field(
        default_factory=list, description="When the link is ambiguous or none: up to five register entries it may be, the best first."
    )


_RULE = "The id of the rule that found it (clsx eval --rules reports each rule)."


class CoCarrier(_Model):
    """Another collectivity that carries the CLS with the territory ('Saint-Flour Communauté et Hautes
    Terres Communauté ont signé leur Contrat Local de Santé'), linked to the register like it."""

    name: str = Field(description="Its name as the text writes it ('Hautes Terres Communauté').")
    kind: TerritoryKind | None = Field(default=None, description="Its kind; null when unknown.")
    span: Span = Field(description="Where the text names it.")
    siren: str | None = Field(default=None, pattern=r"^\d{9}$", description="The EPCI's SIREN, when the register links it.")
    insee_code: str | None = Field(
        default=None, pattern=r"^[0-9][0-9AB][0-9]{3}$", description="The commune's INSEE code, when the register links it."
    )
    official_name: str | None = Field(default=None, description="The register's name of the linked collectivity.")
    rule: str | None = Field(default=None, description=_RULE)


class Territory(_Model):
    """The territory the CLS covers, named by its carrier collectivity, with its link to the official register."""

    name: str = Field(description="Its name as the text writes it, official-looking and full ('Communauté de communes des Coëvrons').")
    kind: TerritoryKind | None = Field(default=None, description="Its kind; null when unknown.")
    acronym: str | None = Field(default=None, description="The short form the text gives ('CCVBA', 'CALL').")
    communes_count: int | None = Field(default=None, description="How many communes the text says it has ('des 19 communes de la CCVBA').")
    department: str | None = Field(default=None, description="The department the text names for it ('Orne'), only when the text says it.")
    span: Span = Field(description="Where the text names it.")
    siren: str | None = Field(default=None, pattern=r"^\d{9}$", description="The EPCI's SIREN, when the link is exact or fuzzy.")
    insee_code: str | None = Field(
        default=None, pattern=r"^[0-9][0-9AB][0-9]{3}$", description="The commune's INSEE code, when the link is exact or fuzzy."
    )
    official_name: str | None = Field(default=None, description="The register's name of the linked territory.")
    department_code: str | None = Field(
        default=None, description="The linked territory's (main) department code; unlinked, the code of the department the text gives."
    )
    official_region: str | None = Field(
        default=None,
        description="The current region (since 2016) of that department, or of the ARS the text names ('Basse-Normandie' gives 'Normandie').",
    )
    link: Link | None = Field(default=None, description="How the territory was looked up in the official register.")
    rule: str | None = Field(default=None, description=_RULE)
    co_carriers: list[CoCarrier] = Field(
        default_factory=list, description="Other collectivities that carry the CLS with it, named with it in a sentence about the contract."
    )


class Signature(_Model):
    """When, where and whether the contract was signed."""

    date: str | None = Field(
        default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="ISO date; '2018-06' or '2018' when only that is known; null when unsaid."
    )
    place: str | None = Field(default=None, description="The locality where it was signed, in natural case ('Evron').")
    status: Literal["signed", "planned"] | None = Field(
        default=None, description="signed, or planned (a signing announced, or a contract 'en projet'); null when the text says neither."
    )
    span: Span | None = Field(default=None, description="The passage from the date to the place (else the signing sentence).")
    rule: str | None = Field(default=None, description=_RULE)
    date_inferred: bool | None = Field(
        default=None, description="true when the year (or the day) was inferred from context, not written with the date (a warning says how)."
    )


class Period(_Model):
    """The years the contract runs, each only as the text states it: never computed from the others."""

    start_year: int | None = Field(default=None, description="The first year ('2018-2020', 'pour la période 2024-2028').")
    end_year: int | None = Field(default=None, description="The last year ('2018-2020', 'jusqu'en 2028').")
    duration_years: int | None = Field(default=None, description="The duration stated, in years ('pour trois ans', 'd'une durée de 5 ans').")
    span: Span | None = Field(default=None, description="Where the text gives the years (or the duration).")
    duration_span: Span | None = Field(default=None, description="Where the text gives the duration, when it is far from the years.")
    rule: str | None = Field(default=None, description=_RULE)


class Signatory(_Model):
    """A person named as signing, or as an official at the signature."""

    name: str = Field(description="Given name(s) and surname, in natural case, without civility ('M.', 'Mme', 'Dr').")
    title: str | None = Field(default=None, description="Their function as written ('Directeur général', 'Présidente').")
    organization: str | None = Field(default=None, description="The organisation they represent, as written ('Agence Régionale de Santé').")
    span: Span = Field(description="Where the text names them.")
    rule: str | None = Field(default=None, description=_RULE)


class Partner(_Model):
    """An organisation named as co-signing or partnering the contract, besides the ARS and the carrier."""

    name: str = Field(description="The organisation, as written (its best-written form when it is named several times).")
    span: Span = Field(description="Where the text names it.")
    rule: str | None = Field(default=None, description=_RULE)


class Axis(_Model):
    """A strategic axis (priority, objective) of the contract."""

    label: str = Field(description="The axis as written, without its bullet, 'Axe 1 :', asides or trailing punctuation.")
    transversal: bool = Field(default=False, description="true for an 'Axe transversal' or one of the 'axes transversaux'.")
    span: Span = Field(description="Where the text gives it.")
    rule: str | None = Field(default=None, description=_RULE)


class Coordinator(_Model):
    """The contract's coordinator or animator."""

    name: str | None = Field(default=None, description="The person; null when the text names the post without a name.")
    title: str | None = Field(default=None, description="Their function as written ('animatrice', 'coordinatrice').")
    span: Span = Field(description="Where the text names them.")
    rule: str | None = Field(default=None, description=_RULE)


class Funding(_Model):
    """An amount of money committed to the contract."""

    amount_eur: float = Field(description="The amount in euros ('44 000 euros' gives 44000, '1,2 million d'euros' 1200000).")
    funder: str | None = Field(default=None, description="Who commits it, when the text says ('ARS').")
    span: Span = Field(description="Where the text gives the amount.")
    rule: str | None = Field(default=None, description=_RULE)


class Extractor(_Model):
    """What made the record."""

    name: str = Field(default="clsx", description="Always 'clsx'.")
    version: str = Field(description="The version of clsx.")
    model: str = Field(description="The spaCy model and its version ('fr_core_news_md 3.8.0').")


class Record(_Sparse):
    """One document's record: one JSONL line."""

    _omit_if_none = ("text",)
    schema_version: Literal["1"] = Field(default=SCHEMA_VERSION, description="The version of this format: '1'.")
    doc_id: str = Field(description="The first 16 hex characters of the SHA-256 of the text (UTF-8): the same text gives the same id.")
    source: Source = Field(description="Where the text comes from and how it was read.")
    title: str | None = Field(default=None, description="The first line, when it is short enough to be a heading (200 characters at most).")
    territory: Territory | None = Field(default=None, description="The territory the CLS covers; null when the text names none.")
    region: str | None = Field(
        default=None, description="The region of the signing ARS as the text names it ('ARS Pays de la Loire'; 'Basse-Normandie' stays Basse-Normandie)."
    )
    cls_number: int | None = Field(
        default=None, description="Which CLS of the territory this is: 1 for 'premier', 2 for 'CLS 2' or a renewal; null when unsaid."
    )
    signature: Signature = Field(default_factory=Signature, description="When, where and whether it was signed.")
    period: Period = Field(default_factory=Period, description="The years the contract runs.")
    signatories: list[Signatory] = Field(default_factory=list, description="People named as signing, or as officials at the signature, in text order.")
    partners: list[Partner] = Field(
        default_factory=list, description="Organisations named as co-signing or partnering, besides the ARS and the carrier, in text order."
    )
    axes: list[Axis] = Field(default_factory=list, description="The strategic axes (priorities, objectives), in text order.")
    axes_announced: int | None = Field(default=None, description="The number of axes the text announces ('5 axes stratégiques'), or null.")
    actions_count: int | None = Field(default=None, description="The number of 'fiches actions' when stated (summed when given per axis).")
    coordinator: Coordinator | None = Field(default=None, description="The CLS coordinator or animator, or null.")
    funding: list[Funding] = Field(default_factory=list, description="Amounts of money committed to the contract.")
    warnings: list[str] = Field(
        default_factory=list, description="Anything a reviewer should check: a year inferred, several contracts mentioned, a text cut at the limit…"
    )
    extractor: Extractor = Field(description="The program and the model that made the record.")
    text: str | None = Field(default=None, description="The text the spans index, with clsx extract --with-text; absent otherwise.")


class ErrorInfo(_Model):
    """Why the document gave no record."""

    type: str = Field(description="The kind of failure: empty, binary, too_large, unsupported_format, no_text… (listed in the README).")
    message: str = Field(description="What went wrong, and what to do about it, in one sentence.")


class ErrorRecord(_Model):
    """One line for a document that could not be read or processed."""

    schema_version: Literal["1"] = Field(default=SCHEMA_VERSION, description="The version of this format: '1'.")
    source: dict[str, object] = Field(description="The input: its path.")
    error: ErrorInfo = Field(description="Why the document gave no record: a type and a message.")
