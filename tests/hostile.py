"""Hostile documents: texts built to make regexes backtrack, the tokenizer or parser crawl, or
the line and sentence logic go quadratic. Shared by tests/test_hostile.py and bench/adversarial.py.

Each builder takes a scale (1.0 = the full size the issue names) so the benchmark can show how
time grows with size.
"""

from __future__ import annotations

from collections.abc import Callable

MB = 1_000_000


def _fill(unit: str, chars: int) -> str:
    return unit * max(1, chars // len(unit))


def _times(unit: str, n: int) -> str:
    return unit * max(1, n)


HOSTILE: dict[str, Callable[[float], str]] = {
    "1 MB without a space": lambda s: _fill("contratlocaldesanté", int(MB * s)),
    "1 MB of one letter": lambda s: "a" * int(MB * s),
    "200,000 x 'a-a-'": lambda s: _times("a-a-", int(200_000 * s)),
    "200,000 x 'a-a- '": lambda s: _times("a-a- ", int(200_000 * s)),
    "50,000 bullet lines": lambda s: _times("• Améliorer l'accès aux soins de premier recours\n", int(50_000 * s)),
    "50,000 dash lines": lambda s: _times("- \n", int(50_000 * s)),
    "100,000 digits": lambda s: "".join(str(i % 10) for i in range(int(100_000 * s))),
    "100,000 spaced digits": lambda s: _times("1 ", int(100_000 * s)) + "€",
    "10,000 'Axe 1 :' on one line": lambda s: _times("Axe 1 : ", int(10_000 * s)),
    "10,000 'Axe 1 :' lines": lambda s: _times("Axe 1 :\n", int(10_000 * s)),
    "'M. M. M.' repeated": lambda s: _times("M. ", int(100_000 * s)),
    "'Mme Mme' repeated": lambda s: _times("Mme ", int(50_000 * s)),
    "capitalised names": lambda s: _times("Jean-Jacques COIPLET ", int(20_000 * s)),
    "'A-' hyphen chain": lambda s: _times("A-", int(200_000 * s)),
    "'de la ' repeated": lambda s: "Communauté de communes " + _times("de la ", int(100_000 * s)),
    "'contrat local de santé' repeated": lambda s: _times("contrat local de santé ", int(20_000 * s)),
    "dates without year": lambda s: _times("mardi 15 mars ", int(30_000 * s)),
    "slashes '12/'": lambda s: _times("12/", int(200_000 * s)),
    "years '2018-2020 '": lambda s: _times("2018-2020 ", int(50_000 * s)),
    "open parentheses": lambda s: _times("(", int(200_000 * s)),
    "'(ex : ' repeated": lambda s: "Axe 1 : " + _times("(ex : ", int(50_000 * s)),
    "open brackets": lambda s: "Axe 1 : " + _times("[", int(200_000 * s)),
    "HTML entities": lambda s: _times("&amp;", int(100_000 * s)) + _times("&#", int(50_000 * s)),
    "hyphenated line breaks": lambda s: _times("santé-\n", int(100_000 * s)),
    "blank lines": lambda s: "santé" + _times("\n \n", int(200_000 * s)) + "fin",
    "one long sentence": lambda s: _times("santé ", int(150_000 * s)),
    "dots": lambda s: "." * int(MB * s),
    "French quotes": lambda s: _times("« ", int(100_000 * s)),
    "combining accents": lambda s: "e" + "\u0301" * int(200_000 * s),
    "emoji": lambda s: _times("🏥 ", int(100_000 * s)),
    "NBSP and narrow spaces": lambda s: _times("\u00a0\u202f:", int(200_000 * s)),
    "signature words": lambda s: _times("signé signature signera ", int(30_000 * s)),
    "ARS and region": lambda s: _times("ARS Pays de la Loire ", int(30_000 * s)),
    "fiches actions": lambda s: _times("12 fiches actions ", int(30_000 * s)),
    "coordinator cues": lambda s: _times("coordinatrice du CLS, ", int(30_000 * s)),
    "apostrophes": lambda s: _times("l'", int(200_000 * s)),
    "90,000 spaces in a line": lambda s: "Axe 1 : santé" + " " * int(90_000 * s) + "(ex fin",
    "90,000 tabs then a line break": lambda s: "Le contrat local de santé" + "\t" * int(90_000 * s) + "\nsigné",
    "spaces in an axis aside": lambda s: "Trois axes :\n• Axe 1 : accès aux soins" + " " * int(90_000 * s) + "[",
    "partner list of 10,000 names": lambda s: "Le CLS est signé en partenariat avec " + _times("la Mairie, ", int(10_000 * s)),
    "brackets in an axis line": lambda s: "Axe 1 : " + _times("[ ", int(100_000 * s)),
}
