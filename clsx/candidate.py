"""What a field's rules find: candidates, each with its evidence, the rule that found it and the
warnings that come with it.

A field module has two parts: `find(...)` reads the document and returns candidates (every
reading a rule makes, the rejected ones too), `choose(...)` picks among them without looking
at the document again. Warnings travel on the candidate, so a rejected candidate's warning
never reaches the record; `clsx eval --rules` reads the same candidates to say which rule
fires where and whether its candidate was chosen and right.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True)
class Candidate(Generic[V]):
    """One reading of one field: `value` found at clean[start:end] by `rule`."""

    value: V
    start: int
    end: int
    rule: str  # the id of the rule (a lexicon entry or a rule of a field module)
    score: float = 0.0  # how much the rule's context supports it; `choose` compares these
    warnings: tuple[str, ...] = ()
    contract: int | None = None  # the CLS number the reading is about, when the text says
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)  # what `choose` may need besides

    def with_(self, **changes: Any) -> Candidate[V]:
        return replace(self, **changes)

    def warn(self, message: str) -> Candidate[V]:
        return replace(self, warnings=(*self.warnings, message))


@dataclass
class Trace:
    """Every candidate of a document by field, and which were chosen: what the rule report reads."""

    found: dict[str, list[Candidate[Any]]] = field(default_factory=dict)
    chosen: dict[str, list[Candidate[Any]]] = field(default_factory=dict)

    def add(self, name: str, found: list[Candidate[Any]], chosen: list[Candidate[Any]]) -> None:
        self.found.setdefault(name, []).extend(found)
        self.chosen.setdefault(name, []).extend(chosen)
