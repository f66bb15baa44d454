"""What must hold for any input, and hypothesis strategies that make inputs: French-like text
built from the words and marks of real press releases, arbitrary Unicode, arbitrary bytes.
Shared by tests/test_properties.py (a few dozen examples) and fuzz/fuzz_clsx.py (as many as
you let it run)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from helpers import SAMPLES, walk_spans
from hypothesis import strategies as st

from clsx.source import InputError, parse

MARKS = [
    "\n", "\n\n", "\r\n", "\t", "\u00a0", " ", ". ", ", ", " : ", "• ", "- ", "– ", ">> ", "1. ", "Axe 1 : ", "Axe transversal : ",
    "M. ", "Mme ", "Dr ", "(", ")", "[", "]", "« ", " »", "’", "'", "&amp;", "&eacute;", "Ã©", "â€™", "-\n", "\u00ad",
    "12/03/2022", "2018-2020", "mardi 15 mars", "le 1er juillet 2022", "44 000 €", "1,2 million d'euros", "CLS 2",
    "contrat local de santé", "Communauté de communes", "ARS Normandie", "signé", "fiches actions", "coordinatrice",
]


@cache
def _words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    return sorted(set(re.findall(r"\S+", text)))


def french_like() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(_words()), st.sampled_from(MARKS))
    sep = st.sampled_from([" ", " ", " ", "\n", "", ", "])
    return st.lists(st.tuples(piece, sep), min_size=1, max_size=60).map(lambda xs: "".join(a + b for a, b in xs))


def unicode_text() -> st.SearchStrategy[str]:
    return st.text(max_size=400)


# What str.splitlines() breaks at besides \n and \r: inside a JSON string clsx writes them as they are.
LINE_BREAKERS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r", "\r\n"]


def line_breaking_text() -> st.SearchStrategy[str]:
    """Arbitrary Unicode with the characters that break lines other than \\n mixed in, among
    French words: texts whose records a reader splitting on them would cut."""
    piece = st.one_of(st.sampled_from(LINE_BREAKERS), st.sampled_from(_words()), st.text(max_size=20))
    return st.lists(st.tuples(piece, st.sampled_from([" ", "", "\n"])), min_size=1, max_size=40).map(lambda xs: "".join(a + b for a, b in xs))


def any_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=600), french_like().flatmap(lambda t: st.sampled_from(_encodings(t))))


def _encodings(text: str) -> list[bytes]:
    out = []
    for codec in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "mac_roman", "latin-1"):
        try:
            out.append(text.encode(codec))
        except UnicodeEncodeError:
            pass
    return out or [text.encode("utf-8")]


def check_text(text: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The record of any text: no exception, spans that index the text, a line that validates."""
    from clsx.extract import record_for_text, to_line

    rec = record_for_text(text).model_dump(mode="json")
    for where, span in walk_spans(rec):
        assert 0 <= span["start"] <= span["end"] <= len(text), where
        assert text[span["start"] : span["end"]] == span["text"], where
    jsonschema.Draft202012Validator(schema).validate(rec)
    to_line(rec).encode("utf-8")
    return rec


def check_bytes(data: bytes, schema: dict[str, Any]) -> None:
    """Any bytes: a document or an InputError, never another exception; a document gives a record."""
    try:
        doc = parse(data)
    except InputError as e:
        assert e.kind in {"empty", "binary", "decode"} and str(e)
        return
    assert doc.text.strip() and doc.encoding
    check_text(doc.text, schema)


def check_round_trip(text: str, folder: Path) -> dict[str, Any]:
    """What `clsx extract --with-text` writes for a file holding `text` reads back as the same
    record (clsx.texts.read_records), and both readers of records draw it."""
    from clsx.extract import extract_path, to_line
    from clsx.review import page
    from clsx.show import renderable
    from clsx.texts import read_records, text_of

    src = folder / "doc.txt"
    src.write_bytes(text.encode("utf-8", "surrogatepass"))
    rec = extract_path(str(src), with_text=True)
    out = folder / "out.jsonl"
    out.write_bytes((to_line(rec) + "\n").encode("utf-8"))
    back = read_records(out)
    assert back == [rec]
    shown, _ = text_of(back[0])
    assert shown == rec.get("text")
    page(back, [shown]).encode("utf-8")
    renderable(back[0], shown)
    return rec
