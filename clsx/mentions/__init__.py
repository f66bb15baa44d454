"""Typed mentions the fields read: organisations, people, dates, enumerations of them.

`Mentions(ctx)` finds each kind once per document, when a field first asks for it.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..doc import Ctx
    from .dates import DateMention
    from .enumerations import Item
    from .organisations import Organisations
    from .people import Person


class Mentions:
    def __init__(self, ctx: Ctx):
        self.ctx = ctx

    @cached_property
    def organisations(self) -> Organisations:
        from .organisations import Organisations

        return Organisations(self.ctx)

    @cached_property
    def people(self) -> list[Person]:
        from .people import find_people

        return find_people(self.ctx, self.organisations)

    @cached_property
    def dates(self) -> list[DateMention]:
        from .dates import find_dates

        return find_dates(self.ctx)

    def enumeration(self, start: int, end: int, names: bool = True) -> list[Item]:
        from .enumerations import enumeration

        return enumeration(self.ctx, self.organisations, self.people, start, end, names)
