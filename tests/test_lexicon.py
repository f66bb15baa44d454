"""The lexicon (patterns/lexicon/, clsx/lexicon.py): every vocabulary once, each entry with a unique
id, consistent, and no word list left in Python."""

from __future__ import annotations

import ast
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from clsx.lexicon import FILES, LexiconError, Lexicon, _read, lexicon
from clsx.patterns import patterns_dir

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "clsx"
LEX = patterns_dir() / "lexicon"


def _norm(form: str) -> str:
    return form.lower().replace("’", "'")


def test_every_file_loads_and_every_id_is_unique() -> None:
    lex = lexicon()
    assert set(lex.files) == set(FILES)
    ids = [e.id for name, entries in lex.files.items() if name not in ("regions.jsonl", "departments.jsonl") for e in entries]
    assert len(ids) == len(set(ids))
    assert len(lex.entries("departments.jsonl")) == 101


def test_a_bad_entry_fails_at_load_naming_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "cues.jsonl"
    bad.write_text('// header\n{"id": "sign.x", "label": "SIGNED", "forms": ["a signé"]}\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"cues.jsonl:2"):
        from clsx import lexicon as module

        original = module.patterns_dir
        module.patterns_dir = lambda: tmp_path.parent  # type: ignore[assignment]
        (tmp_path.parent / "lexicon").mkdir(exist_ok=True)
        (tmp_path.parent / "lexicon" / "cues.jsonl").write_text(bad.read_text(encoding="utf-8"), encoding="utf-8")
        try:
            _read("cues.jsonl", FILES["cues.jsonl"])
        finally:
            module.patterns_dir = original  # type: ignore[assignment]


def test_an_id_used_twice_is_refused() -> None:
    lex = lexicon()
    cues = lex.entries("cues.jsonl")
    with pytest.raises(LexiconError, match="used twice"):
        Lexicon({**lex.files, "cues.jsonl": (*cues, cues[0])})


def _forms_by(name: str, key: str | None = None) -> dict[str, set[str]]:
    """normalised form -> the entries (or their `key` attribute) that hold it."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in lexicon().entries(name):
        for f in e.forms:
            out[_norm(f)].add(getattr(e, key) if key else e.id)
    return out


def test_no_cue_form_says_two_contradicting_things() -> None:
    by_label = _forms_by("cues.jsonl", "label")
    contradictions = [("SIGN", "PLANNED"), ("SIGN", "OTHER_EVENT"), ("PLANNED", "OTHER_EVENT")]
    for a, b in contradictions:
        both = sorted(f for f, labels in by_label.items() if {a, b} <= labels)
        assert both == [], f"forms both {a} and {b}: {both}"


def test_a_form_has_one_entry_per_label() -> None:
    by_entry: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in lexicon().entries("cues.jsonl"):
        for f in e.forms:
            by_entry[(e.label, _norm(f))].add(e.id)
    twice = {k: v for k, v in by_entry.items() if len(v) > 1}
    assert twice == {}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("organisations.jsonl", "titles.jsonl"),
        ("organisations.jsonl", "territory_kinds.jsonl"),
        ("titles.jsonl", "territory_kinds.jsonl"),
        ("titles.jsonl", "civilities.jsonl"),
        ("organisations.jsonl", "civilities.jsonl"),
    ],
)
def test_institutions_functions_kinds_and_civilities_are_told_apart(a: str, b: str) -> None:
    both = sorted(set(_forms_by(a)) & set(_forms_by(b)))
    assert both == [], f"forms in both {a} and {b}: {both}"


def test_within_a_file_a_form_belongs_to_one_entry() -> None:
    for name in ("organisations.jsonl", "titles.jsonl", "civilities.jsonl", "territory_kinds.jsonl"):
        twice = {f: ids for f, ids in _forms_by(name).items() if len(ids) > 1}
        assert twice == {}, name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("enumeration_joiner", "name_link"),  # a joiner inside names would glue the items of a list
        ("enumeration_joiner", "item_aside"),
        ("month", "weekday"),
        ("article", "determiner"),
        ("title_modifier", "not_given_name"),
        ("prose_adverb", "enumeration_joiner"),
    ],
)
def test_word_classes_that_contradict_share_no_word(a: str, b: str) -> None:
    lex = lexicon()
    assert lex.words(a) & lex.words(b) == frozenset()


def test_a_valued_word_has_one_value() -> None:
    seen: dict[tuple[str, str], object] = {}
    for w in lexicon().entries("words.jsonl"):
        if w.value is None:
            continue
        for f in w.forms:
            key = (w.cls, f.lower())
            assert seen.setdefault(key, w.value) == w.value, key


def test_expressions_compile_and_have_ids() -> None:
    lex = lexicon()
    for e in lex.entries("expressions.jsonl"):
        assert isinstance(lex.expression(e.id), re.Pattern)


def test_every_data_file_is_read_by_the_loader() -> None:
    on_disk = {p.name for p in LEX.glob("*.jsonl")}
    assert on_disk == set(FILES)


# --- no word list left in Python -----------------------------------------------------------

_WORD = re.compile(r"^[a-zàâäçéèêëîïôöùûüÿœæ][a-zàâäçéèêëîïôöùûüÿœæ'’\- ]+$")
_ALTERNATION = re.compile(r"(?:^|[(|:])((?:[a-zàâäçéèêëîïôöùûüÿœæ]{2,}\|){2,}[a-zàâäçéèêëîïôöùûüÿœæ]{2,})(?=[)|]|$)")
# Word lists a module may keep in code, each with its reason.
_ALLOWED: dict[str, str] = {
    "kinds.py:line 6": "the record contract's territory kinds (../shared/RECORD.md): values, not vocabulary",
    "scoring.py:line 17": "the reference scorer's stopwords, copied so that clsx eval scores as ../shared/tools/score.py does",
    "scoring.py:line 18": "the reference scorer's civilities, likewise",
}


def _french() -> frozenset[str]:
    """Every word the lexicon knows: a literal list of three of them is vocabulary in the wrong place."""
    lex = lexicon()
    words: set[str] = set()
    for name, entries in lex.files.items():
        if name == "expressions.jsonl":
            continue
        for e in entries:
            for f in e.forms:
                words |= set(re.findall(r"[\wàâäçéèêëîïôöùûüÿœæ'’-]+", f.lower()))
    return frozenset(words)


def _python_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _literal_word_lists(tree: ast.AST) -> list[tuple[int, list[str]]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str) and _WORD.match(e.value)]
            if sum(w in _french() for w in words) >= 3:
                out.append((node.lineno, words))
        elif isinstance(node, ast.Dict):
            words = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str) and _WORD.match(k.value)]
            if sum(w in _french() for w in words) >= 3:
                out.append((node.lineno, words))
    return out


def _regex_word_lists(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for m in _ALTERNATION.finditer(node.value):
                if sum(w in _french() for w in m.group(1).split("|")) >= 3:
                    out.append((node.lineno, m.group(1)))
    return out


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_word_list_in_python(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"line {n}: {w}" for n, w in _literal_word_lists(tree) + _regex_word_lists(tree)]
    found = [f for f in found if f"{path.name}:{f.split(':')[0]}" not in _ALLOWED]
    assert found == [], f"{path.name} holds French words that belong in patterns/lexicon/: {found}"


def test_the_checker_sees_a_word_list() -> None:
    tree = ast.parse("X = {'le', 'la', 'les'}\nY = re.compile(r'(?:pour|pendant|durant)')\nZ = ('jsonl', 'json', 'csv')")
    assert len(_literal_word_lists(tree)) == 1
    assert _literal_word_lists(tree) and _regex_word_lists(tree)


def test_the_lexicon_files_are_jsonl_with_a_header() -> None:
    for p in LEX.glob("*.jsonl"):
        lines = p.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("//"), p.name
        for line in lines[1:]:
            if line.strip():
                assert isinstance(json.loads(line), dict)
