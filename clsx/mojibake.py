"""Mojibake: UTF-8 that was once read as cp1252 and saved again ("santÃ©" for "santé",
"lâ€™ARS" for "l’ARS").

Only sequences that cannot be French are touched: a lead "Ã", "Â" or "Å" (U+0080–U+017F:
every French accent, «, », °, œ) or "â€", "â‚", "â„" (’, “, ”, –, …, €, ™), followed by
characters that stand for UTF-8 continuation bytes. `text.normalise` repairs them in the copy
the pipeline reads, with its map back, so values read "santé" while spans still index the
text as stored; the record warns that it was done.
"""

from __future__ import annotations

import re

_C1 = "\x81\x8d\x8f\x90\x9d"  # bytes cp1252 leaves undefined: read as latin-1 on the way in
_CONT = "".join(bytes([b]).decode("cp1252") for b in range(0x80, 0xC0) if chr(b) not in _C1) + _C1
_CLASS = "[" + "".join(re.escape(c) for c in _CONT) + "]"
PATTERN = re.compile(rf"[ÂÃÅ]{_CLASS}|â[€‚„]{_CLASS}|Ã (?= )")


def _byte(c: str) -> bytes:
    if c in _C1:
        return bytes([ord(c)])
    if c == " ":  # the no-break space of "à" (C3 A0), turned into a plain space on the way
        return b"\xa0"
    return c.encode("cp1252")


def repair(m: re.Match[str]) -> str | None:
    """The character a mojibake sequence stands for, or None if it is not one."""
    try:
        return b"".join(_byte(c) for c in m.group(0)).decode("utf-8")
    except UnicodeError:
        return None


def count(text: str) -> int:
    """How many mojibake sequences `text` holds."""
    return sum(1 for m in PATTERN.finditer(text) if repair(m) is not None)


def warning(n: int) -> str:
    return (
        f"mojibake repaired: {n} sequence(s) like 'Ã©' (UTF-8 once read as cp1252) are read as the characters "
        "they stand for; values are repaired, spans index the text as stored"
    )
