"""The one loader of clsx's vocabularies: `patterns/lexicon/*.jsonl`, every entry validated and
every id unique across all files.

Each file holds one kind of entry (cue phrases, organisations, titles, civilities, territory
kinds, regions, departments, word classes, character expressions); its pydantic model says
what an entry may carry, so a typo in the data fails at load, not in the middle of a batch.
Code asks this module for words and patterns; it never writes a word list of its own
(tests/test_lexicon.py checks both).
"""

from __future__ import annotations

import json
import re
from functools import cache, cached_property
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .patterns import patterns_dir

FOLDER = "lexicon"
CueLabel = Literal["SIGN", "PLANNED", "CEREMONY", "OTHER_EVENT", "CLS", "COORD", "AXIS_CUE", "PARTNER_CUE", "CAPTION"]


class Entry(BaseModel):
    """What every entry has: an id (the identity a candidate reports) and the forms it is written in."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    id: str = Field(pattern=r"^[a-z_]+\.[\w.\-’'°]+$")
    forms: tuple[str, ...] = Field(min_length=1)
    about: Optional[str] = None
    reason: Optional[str] = None  # why an entry that fires on one document is kept

    @field_validator("forms")
    @classmethod
    def _no_blank(cls, forms: tuple[str, ...]) -> tuple[str, ...]:
        if any(not f.strip() or f != f.strip() for f in forms):
            raise ValueError("a form is blank or has spaces around it")
        return forms


class Cue(Entry):
    label: CueLabel
    direction: Optional[Literal["after", "before"]] = None  # PARTNER_CUE: where the names are
    names_follow: bool = False  # PARTNER_CUE: a cue only when a name follows ('en lien avec la CAF')


class Organisation(Entry):
    kind: str
    capitalised: bool = False
    generic: bool = False


class Title(Entry):
    head: bool = False


class Civility(Entry):
    pass


class TerritoryKind(Entry):
    kind: Optional[str]
    link: str
    suffix_forms: tuple[str, ...] = ()
    capitalised: bool = False
    name_before: bool = False
    in_name: bool = False  # the kind word is part of the name ('Pays de Craon')
    prefix: bool = True  # the register linker strips the forms from the front of a name
    anaphoric: bool = True  # the bare word may stand for the carrier ('l'Agglo', 'la communauté de communes')


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    former: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Department(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^(?:\d\d|2[AB]|97\d)$")
    name: str
    of: str

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name,)


class Word(Entry):
    cls: str = Field(alias="class")
    value: Optional[Union[int, str]] = None


class Expression(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z_]+\.[a-z_]+$")
    use: str
    regex: str
    flags: str = ""
    about: Optional[str] = None


FILES: dict[str, type[BaseModel]] = {
    "cues.jsonl": Cue,
    "organisations.jsonl": Organisation,
    "titles.jsonl": Title,
    "civilities.jsonl": Civility,
    "territory_kinds.jsonl": TerritoryKind,
    "regions.jsonl": Region,
    "departments.jsonl": Department,
    "words.jsonl": Word,
    "expressions.jsonl": Expression,
}
# regions and departments keep the codes and names they had before the lexicon (INSEE codes, region names)
_PLAIN_IDS = {"regions.jsonl", "departments.jsonl"}


class LexiconError(ValueError):
    """The data of patterns/lexicon/ is not valid: the message names the file and the line."""


class Lexicon:
    """Every entry by file and by id, with the views the extractors read."""

    def __init__(self, files: dict[str, tuple[Any, ...]]):
        self.files = files
        self.by_id: dict[str, Any] = {}
        for name, entries in files.items():
            for e in entries:
                key = f"{name}:{e.id}" if name in _PLAIN_IDS else e.id
                if key in self.by_id:
                    raise LexiconError(f"{name}: id {e.id!r} is used twice")
                self.by_id[key] = e

    def entries(self, name: str) -> tuple[Any, ...]:
        return self.files[name]

    def cues(self, label: str) -> tuple[Cue, ...]:
        return tuple(c for c in self.files["cues.jsonl"] if c.label == label)

    @cache
    def words(self, cls: str) -> frozenset[str]:
        """The forms of a word class, in lower case."""
        found = [f.lower() for w in self.files["words.jsonl"] if w.cls == cls for f in w.forms]
        if not found:
            raise KeyError(f"no word class {cls!r} in words.jsonl")
        return frozenset(found)

    @cache
    def values(self, cls: str) -> dict[str, Any]:
        """form (lower case) -> value, for a valued class (months, weekdays, numbers)."""
        out = {f.lower(): w.value for w in self.files["words.jsonl"] if w.cls == cls for f in w.forms}
        if not out:
            raise KeyError(f"no word class {cls!r} in words.jsonl")
        return out

    @cache
    def alternation(self, *classes: str) -> str:
        """The words of `classes` as a regex alternation, longest first, for the few rules that read
        characters rather than tokens ('de la|de|du|…')."""
        return _alternation({w: None for cls in classes for w in self.words(cls)})

    @cache
    def of_phrase(self) -> str:
        """A regex for what introduces a complement: 'de la ', 'de l'', 'du ', 'des ', 'd'', 'de '."""
        return rf"(?:(?:{self.alternation('of')})\s*(?:(?:{self.alternation('article')})\s*)?)"

    @cache
    def exact_values(self, cls: str) -> dict[str, Any]:
        """form (as written) -> value: roman numerals are 'II', never 'ii'."""
        return {f: w.value for w in self.files["words.jsonl"] if w.cls == cls for f in w.forms}

    @cache
    def expression(self, id_: str) -> re.Pattern[str]:
        e = self.by_id[id_]
        regex = e.regex
        for slot, cls in (("{months}", "month"), ("{weekdays}", "weekday"), ("{cardinals}", "cardinal")):
            regex = regex.replace(slot, _alternation(self.values(cls)))
        return re.compile(regex, re.IGNORECASE if "i" in e.flags else 0)

    def expressions(self, use: str) -> list[tuple[str, re.Pattern[str]]]:
        return [(e.id, self.expression(e.id)) for e in self.files["expressions.jsonl"] if e.use == use]

    @cached_property
    def civilities(self) -> frozenset[str]:
        """Civility forms as written (case matters: 'M.' is one, 'm.' is not)."""
        return frozenset(f for c in self.files["civilities.jsonl"] for f in c.forms)

    @cached_property
    def organisation_kinds(self) -> dict[str, str]:
        """entry id -> kind, for organisations and the territory kinds that name collectivities."""
        out = {o.id: o.kind for o in self.files["organisations.jsonl"]}
        # a département is an institution beside the carrier far more often than the carrier itself
        out.update({k.id: "department" if k.kind == "departement" else "collectivity" for k in self.files["territory_kinds.jsonl"]})
        return out


def _alternation(words: dict[str, Any]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _read(name: str, model: type[BaseModel]) -> tuple[Any, ...]:
    path = patterns_dir() / FOLDER / name
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("//"):
            continue
        try:
            out.append(model.model_validate(json.loads(line)))
        except (ValidationError, json.JSONDecodeError) as e:
            raise LexiconError(f"{name}:{n}: {e}") from None
    return tuple(out)


@cache
def lexicon() -> Lexicon:
    """The lexicon, loaded and validated once per process."""
    return Lexicon({name: _read(name, model) for name, model in FILES.items()})
