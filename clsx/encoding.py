"""Bytes -> text: which encoding a French document is in.

In order: a BOM (UTF-8, UTF-16, UTF-32: a sequence that does not decode, such as a lone
surrogate, is read as U+FFFD with a warning); strict UTF-8; UTF-8 with a few stray legacy bytes
(a cp1252 paragraph pasted into a UTF-8 page), each read as cp1252; UTF-16 without a BOM;
else a legacy 8-bit encoding. For the last, charset-normalizer ranks the candidates of
`patterns/encodings.json` and a French score settles between them: on short French texts
charset-normalizer alone takes mac-roman for cp1252 and back (é and È are one byte apart).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from .patterns import load_json

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_DATA = load_json("encodings.json")
_LOWER = frozenset(_DATA["french_lower"])
_UPPER = frozenset(_DATA["french_upper"])
_PUNCT = frozenset(_DATA["french_punctuation"])
_FRENCH = _LOWER | _UPPER | _PUNCT
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_C0 = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SCORE_CHARS = 200_000  # enough to tell encodings apart; bounds the time on 5 MB inputs


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def has_bom(data: bytes) -> bool:
    return data.startswith(tuple(bom for bom, _ in _BOMS))


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Raises UnicodeDecodeError or LookupError only for a forced `encoding`."""
    if encoding:
        return Decoded(data.decode(encoding), codecs.lookup(encoding).name)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text, notes = decode_replacing(data, enc)
            return Decoded(text, enc, notes)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed:
        return mixed
    utf16 = utf16_without_bom(data)
    if utf16:
        return utf16
    return _legacy(data)


def decode_replacing(data: bytes, enc: str) -> tuple[str, list[str]]:
    """Bytes whose encoding is known (a BOM says it) -> (text, warnings). What does not decode
    (a lone UTF-16 surrogate, a character cut at the end) becomes U+FFFD, one for each, with a
    warning: the document is still that encoding, so this is not a `decode` error."""
    try:
        return data.decode(enc), []
    except UnicodeDecodeError:
        text = data.decode(enc, "replace")
        n = text.count("\ufffd") - data.decode(enc, "ignore").count("\ufffd")
        name = re.sub(r"-(?:sig|le|be)$", "", codecs.lookup(enc).name).upper()
        return text, [f"{n} invalid {name} sequence(s) (a lone surrogate, a cut character) read as U+FFFD"]


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bytes that are not: those are read as cp1252 (latin-1 where cp1252 has none)."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text)) - bad
    if good <= bad:
        return None
    text = data.decode("utf-8", "clsx-cp1252")
    return Decoded(text, "utf-8", [f"{bad} byte(s) were not valid UTF-8 and were read as cp1252"])


def _cp1252_bytes(e: UnicodeError) -> tuple[str, int]:
    assert isinstance(e, UnicodeDecodeError)
    bad = e.object[e.start : e.end]
    return "".join(bytes([b]).decode("cp1252", "strict") if b not in b"\x81\x8d\x8f\x90\x9d" else chr(b) for b in bad), e.end


codecs.register_error("clsx-cp1252", _cp1252_bytes)


def utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM: mostly-Latin text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for zeros, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros > 0.6 * half and other < 0.05 * half:
            text, notes = decode_replacing(data, enc)
            return Decoded(text, enc, ["UTF-16 without a byte order mark", *notes])
    return None


def french_score(text: str) -> int:
    """+1 for each character a French text uses, -3 for a capital inside a word and for the rest."""
    score = 0
    sample = text[:_SCORE_CHARS]
    for m in _NON_ASCII.finditer(sample):
        c, i = m.group(0), m.start()
        if c in _LOWER or c in _PUNCT:
            score += 1
        elif c in _UPPER:
            before = sample[i - 1] if i else " "
            after = sample[i + 1] if i + 1 < len(sample) else " "
            inside = before.islower() or (after.islower() and c not in _DATA["upper_before_lower"])
            score += -3 if inside else 1
        else:
            score -= 3
    return score - 3 * len(_CONTROL.findall(sample))


def _legacy(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    ranked = [m.encoding for m in from_bytes(data, cp_isolation=_DATA["candidates"])]
    best: tuple[tuple[int, int], str, str] | None = None
    for rank, enc in enumerate(ranked + [e for e in _DATA["candidates"] if e not in ranked]):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        key = (french_score(text), -rank)
        if best is None or key > best[0]:
            best = (key, text, enc)
    if best is None:  # latin-1 decodes any byte string
        return Decoded(data.decode("latin-1"), "latin-1")
    return Decoded(best[1], _DATA["names"].get(best[2], best[2]))


def control_share(text: str) -> float:
    """Share of control characters (besides tab, newlines, form feed): binary read as text."""
    sample = text[:_SCORE_CHARS]
    return len(_C0.findall(sample)) / max(1, len(sample))


def unlikely_share(text: str) -> float:
    """Share of characters no French text would hold, among the non-space ones (legacy decodings only)."""
    sample = text[:_SCORE_CHARS]
    odd = sum(1 for m in _NON_ASCII.finditer(sample) if m.group(0) not in _FRENCH)
    return odd / max(1, len(sample) - sample.count(" ") - sample.count("\n"))
