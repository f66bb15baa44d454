"""Cleaned text with a map back to the text as decoded.

The pipeline reads a cleaned copy (mojibake repaired, HTML entities decoded, CRLF and form feeds made plain
newlines, PDF hyphenation and hard line breaks undone); every span it finds is mapped back
so that the record's offsets always index the original text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import mojibake
from .lexicon import lexicon

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\u200b\u00ad\ufeff]")
_NEWLINES = re.compile(r"\r\n?|\f|\v|\u2028|\u2029")
_LOWER = "a-zàâäçéèêëîïôöùûüÿœæ"
_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
# "Direc-\nteur" -> "Directeur": a word cut by a line break, lower case on both sides.
_HYPHENATED = re.compile(rf"(?<=[{_LOWER}])-[ \t]*\n[ \t]*(?=[{_LOWER}])")
# "Hauts-de-\nFrance", "Lens- Liévin": a real hyphen followed by a break or a stray space.
_HYPHEN_BREAK = re.compile(rf"(?<=[{_LOWER}{_UPPER}]-)(?:[ \t]*\n[ \t]*| )(?=[{_UPPER}])")


_LINE_BREAK = re.compile(r"(?<![ \t])[ \t]*\n[ \t]*(?=\S)")  # from the start of a blank run only: linear on long runs
_CONTINUES_AFTER = lexicon().words("line_continues")
_LIST_ITEM = lexicon().expression("list.line_item")


def _reflow(m: re.Match[str]) -> str | None:
    """A hard line break inside a sentence (PDF text) becomes a space.

    It is one when the next line starts in lower case after a line that does not end a
    sentence, or when the line ends on a comma or a function word ("du\\nNord").
    """
    before = m.string[max(0, m.start() - 80) : m.start()]  # the last word is all it needs: no copy of the whole head
    if not before or before.endswith("\n"):
        return None
    nxt = m.string[m.end()]
    if _LIST_ITEM.match(m.string, m.end()):
        return None
    last_word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
    if before[-1] in ",;" or last_word in _CONTINUES_AFTER or last_word.endswith(("'", "’")):
        return " "
    if (nxt.islower() or nxt == "(") and before[-1] not in ".!?:":
        return " "
    return None


@dataclass(frozen=True)
class Text:
    """`clean[i]` comes from `raw[starts[i]:ends[i]]`."""

    raw: str
    clean: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def raw_offsets(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span to the raw text."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.raw)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _sub(
    text: str, starts: list[int], ends: list[int], pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str | None]
) -> tuple[str, list[int], list[int]]:
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        a, b = m.span()
        rep = repl(m)
        if rep is None:
            continue
        out.append(text[pos:a])
        new_starts.extend(starts[pos:a])
        new_ends.extend(ends[pos:a])
        if rep:
            # The replacement stands for the whole matched source range.
            src_start = starts[a] if a < len(starts) else (ends[-1] if ends else 0)
            src_end = ends[b - 1] if b > a else src_start
            out.append(rep)
            new_starts.extend([src_start] * len(rep))
            new_ends.extend([src_end] * len(rep))
        pos = b
    out.append(text[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(out), new_starts, new_ends


def normalise(raw: str) -> Text:
    """Clean `raw` for reading, keeping the offset map."""
    text = raw
    starts = list(range(len(raw)))
    ends = list(range(1, len(raw) + 1))
    steps: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]] = [
        (mojibake.PATTERN, mojibake.repair),
        (_ENTITY, lambda m: html.unescape(m.group(0))),  # '&nbsp;', '&shy;' then go the way of the raw characters
        (_NEWLINES, lambda m: "\n"),
        (_SPACES, lambda m: "" if m.group(0) in "\u00ad\u200b\ufeff" else " "),
        (_HYPHENATED, lambda m: ""),
        (_HYPHEN_BREAK, lambda m: ""),
        (_LINE_BREAK, _reflow),
    ]
    for pattern, repl in steps:
        text, starts, ends = _sub(text, starts, ends, pattern, repl)
    return Text(raw=raw, clean=text, starts=tuple(starts), ends=tuple(ends))
