"""An article record as `clsx contracts` reads it: which territory it names, what it says about
the generation (CLS number, signature date and status, period), and how far to trust its values.

Records are read as plain dicts, never validated against clsx/model.py: records from a newer
clsx carry optional fields this one does not know (`rule`, `signature.date_inferred`), and a
record is only read, never written back. Every feature is computed here, once per record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .gazetteer import split, words


@cache
def rules() -> dict[str, Any]:
    """clsx/contracts.json: the grouping and choice rules as data."""
    return json.loads((Path(__file__).with_name("contracts.json")).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Date:
    """A signature date as an interval of days: '2018' spans the year, '2018-06' the month."""

    iso: str
    first: dt.date
    last: dt.date

    @property
    def precision(self) -> int:
        """3 a day, 2 a month, 1 a year."""
        return self.iso.count("-") + 1

    def gap(self, other: Date) -> int:
        """Days between the two intervals (0 when they overlap)."""
        return max(0, (other.first - self.last).days, (self.first - other.last).days)


def parse_date(iso: Any) -> Date | None:
    """'2018-06-12', '2018-06' or '2018' as a Date; anything else None."""
    if not isinstance(iso, str):
        return None
    parts = iso.split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) == 1:
            return Date(iso, dt.date(nums[0], 1, 1), dt.date(nums[0], 12, 31))
        if len(nums) == 2:
            first = dt.date(nums[0], nums[1], 1)
            nxt = dt.date(nums[0] + (nums[1] == 12), nums[1] % 12 + 1, 1)
            return Date(iso, first, nxt - dt.timedelta(days=1))
        if len(nums) == 3:
            day = dt.date(*nums)
            return Date(iso, day, day)
    except (ValueError, OverflowError):
        return None
    return None


def name_key(name: Any) -> str | None:
    """A territory's name compared without case, accents, articles or kind words:
    'Pays du Centre Ouest Bretagne' and 'Pays Centre-Ouest Bretagne' -> 'pays centre ouest bretagne'."""
    if not isinstance(name, str) or not name.strip():
        return None
    core = " ".join(split(name)[1])
    return core or None


def item_key(text: Any) -> str:
    """A list item (person, partner, axis) compared without case, accents, punctuation or articles."""
    return " ".join(words(text)) if isinstance(text, str) else ""


@cache
def _generic_words() -> frozenset[str]:
    """Words that only say what kind of territory it is: the territory kinds' forms and the generic
    words of names (patterns/lexicon/)."""
    from .lexicon import lexicon

    lex = lexicon()
    phrases = [*lex.words("name_generic"), *(f for k in lex.entries("territory_kinds.jsonl") for f in k.forms)]
    return frozenset(w for p in phrases for w in words(p))


def _generic(core: str) -> bool:
    """A name made only of such words ('PETR', 'Pays', 'la Communauté') names no territory."""
    return all(w in _generic_words() for w in core.split())


def _matches(warnings: list[str], key: str) -> bool:
    return any(p in w for w in warnings for p in rules()["warnings"][key])


@dataclass(frozen=True)
class Article:
    """One article record, placed or not, with everything grouping and choosing need."""

    record: dict[str, Any]
    path: str
    doc_id: str
    line_sha: str  # of the input line: orders identical records and names a skipped line
    code: str | None  # "siren:…" or "insee:…" when the register linked the territory
    codes: frozenset[str]  # that code and its co-carriers' (a CLS two communautés carry together)
    names: frozenset[str]  # name keys: the written name, the register's name, the acronym
    kind: str | None  # the territory kind, after contracts.json "kind_families"
    department: str | None  # the department code (the linked territory's, or the one the text gives)
    number: int | None
    date: Date | None  # the signature date, None when absent or its year a guess
    status: str | None
    period: tuple[int | None, int | None]
    several: bool  # the text speaks of several contracts
    about: bool  # the article reports or announces this signing (not only mentions the contract)
    date_stated: int  # 2 stated, 1 inferred from context, 0 guessed
    territory_stated: int  # 2 stated, 1 inferred (taken from the signing place)

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.path, self.doc_id, self.line_sha)

    @property
    def placed(self) -> bool:
        """It names a territory that can be told apart (a code, or a distinctive name)."""
        return bool(self.code or self.names)

    @property
    def has_generation(self) -> bool:
        """It says something about which contract of its territory it is."""
        return self.number is not None or self.date is not None or self.period != (None, None)


def line_sha(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _date_stated(sig: dict[str, Any], warnings: list[str]) -> int:
    if _matches(warnings, "date_guessed"):
        return 0
    if sig.get("date_inferred") is True or _matches(warnings, "date_inferred"):
        return 1
    return 2


def _code(ter: dict[str, Any]) -> str | None:
    return f"siren:{ter['siren']}" if ter.get("siren") else (f"insee:{ter['insee_code']}" if ter.get("insee_code") else None)


def article(record: dict[str, Any], line: str) -> Article:
    """The features of one record (a dict with `source`, not an error record)."""
    src = record.get("source") or {}
    ter = record.get("territory") if isinstance(record.get("territory"), dict) else {}
    sig = record.get("signature") if isinstance(record.get("signature"), dict) else {}
    per = record.get("period") if isinstance(record.get("period"), dict) else {}
    warnings = [w for w in record.get("warnings") or [] if isinstance(w, str)] if isinstance(record.get("warnings"), list) else []
    code = _code(ter)
    co = [c for c in ter.get("co_carriers") or [] if isinstance(c, dict)] if isinstance(ter.get("co_carriers"), list) else []
    codes = frozenset(x for x in [code, *(_code(c) for c in co)] if x)
    keys = {name_key(ter.get(k)) for k in ("name", "official_name", "acronym")}
    names = frozenset(k for k in keys if k and not _generic(k))
    kind = ter.get("kind")
    date_stated = _date_stated(sig, warnings)
    status = sig.get("status") if sig.get("status") in ("signed", "planned") else None
    return Article(
        record=record,
        path=str(src.get("path") or ""),
        doc_id=str(record.get("doc_id") or ""),
        line_sha=line_sha(line),
        code=code,
        codes=codes,
        names=names,
        kind=rules()["kind_families"].get(kind, kind) if isinstance(kind, str) else None,
        department=ter.get("department_code") or None,
        number=_int(record.get("cls_number")),
        date=parse_date(sig.get("date")) if date_stated else None,
        status=status,
        period=(_int(per.get("start_year")), _int(per.get("end_year"))),
        several=_matches(warnings, "several_contracts"),
        about=status is not None and not _matches(warnings, "not_about_cls"),
        date_stated=date_stated,
        territory_stated=1 if _matches(warnings, "territory_inferred") else 2,
    )
