"""Every converter imports and reads a small file in the environment clsx is installed in, and
everything the converters import is a declared dependency of clsx: a web page must not depend on
which pip installed it (pip 23 drops the `lxml[html_clean]` extra jusText asks for, and every page
then failed with "lxml.html.clean module is now a separate project")."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest
from docbuild import html_page, pdf_document
from helpers import ROOT
from officebuild import docx_document, odt_document

from clsx.convert import read_document

TEXT = (
    "Signature du CLS de la Plaine d'Aunis\n\n"
    "Le 5 juin 2023, la communauté de communes de la Plaine d'Aunis et l'ARS Nouvelle-Aquitaine ont signé "
    "leur Contrat local de santé pour 2023-2027.\n\n"
    "Deux axes :\n- L'accès aux soins\n- La santé mentale\n"
)
# a page whose only text trafilatura sees is a cookie banner: selectolax reads it instead
BANNER_PAGE = (
    '<html><head><title>x</title></head><body><div id="cookie-banner"><p>Ce site utilise des cookies pour '
    "mesurer l'audience. En poursuivant votre navigation, vous acceptez l'utilisation des cookies et autres "
    'traceurs.</p><button>Tout accepter</button></div><div><span>Signature du CLS</span><br>'
    "<span>Le CLS de la Plaine d'Aunis a été signé le 5 juin 2023.</span></div></body></html>"
)


def _imports(folder: Path, local: frozenset[str] = frozenset()) -> set[str]:
    """Top-level names of the third-party modules the files in `folder` import (at any depth), but
    for `local` ones (the test helpers next to them)."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in ("clsx", "__future__") and n not in local}


def _declared(extra: bool) -> set[str]:
    """The distributions clsx declares: its dependencies, with the test extra's if `extra`."""
    return {
        _norm(re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0])
        for r in requires("clsx") or []
        if "extra ==" not in r or (extra and "extra == \"test\"" in r.replace("'", '"'))
    }


def _undeclared(modules: set[str], declared: set[str]) -> dict[str, object]:
    dists = packages_distributions()
    return {m: dists.get(m) for m in modules if not {_norm(d) for d in dists.get(m, [])} & declared}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_what_the_converters_import_is_declared() -> None:
    modules = _imports(ROOT / "clsx" / "convert") | {"lxml_html_clean"}  # what jusText imports as lxml.html.clean
    assert {"trafilatura", "selectolax", "pdfminer", "docx", "lxml_html_clean"} <= modules
    assert _undeclared(modules, _declared(extra=False)) == {}


def test_what_clsx_imports_is_declared() -> None:
    """Also the imports inside functions: dateparser came through trafilatura, undeclared."""
    modules = _imports(ROOT / "clsx")
    assert {"spacy", "pydantic", "typer", "rich", "dateparser", "charset_normalizer"} <= modules
    assert _undeclared(modules, _declared(extra=False)) == {}


@pytest.mark.parametrize("folder", ["tests", "scripts", "bench", "fuzz"])
def test_what_the_tests_and_scripts_import_is_declared(folder: str) -> None:
    helpers = frozenset(p.stem for f in ("tests", folder) for p in (ROOT / f).glob("*.py"))
    assert _undeclared(_imports(ROOT / folder, helpers), _declared(extra=True)) == {}


def test_lxml_html_clean_is_where_jusText_looks_for_it() -> None:
    import justext
    from lxml.html.clean import Cleaner

    assert Cleaner().clean_html("<p>a<script>x</script></p>") == "<p>a</p>"
    assert justext.get_stoplist("French")


@pytest.mark.parametrize(
    ("name", "converter"),
    [
        ("page.html", "trafilatura "),
        ("banner.html", "selectolax "),
        ("communique.pdf", "pdfminer.six "),
        ("communique.docx", "python-docx "),
        ("communique.odt", "xml.etree "),
    ],
)
def test_each_converter_reads_a_small_file(tmp_path: Path, name: str, converter: str) -> None:
    path = tmp_path / name
    if name == "page.html":
        path.write_text(html_page(TEXT), encoding="utf-8")
    elif name == "banner.html":
        path.write_text(BANNER_PAGE, encoding="utf-8")
    elif name.endswith(".pdf"):
        pdf_document(TEXT, path)
    elif name.endswith(".docx"):
        docx_document(TEXT, path)
    else:
        odt_document(TEXT, path)
    doc, conv = read_document(str(path))
    assert conv is not None and conv.converter.startswith(converter)
    assert "la communauté de communes de la Plaine d'Aunis" in doc.text or "Le CLS de la Plaine d'Aunis a été signé le 5 juin 2023." in doc.text
    if name != "banner.html":  # the list item stays a line ("• …" from a list, "- …" as the PDF shows it)
        assert doc.text.splitlines()[-1] in ("• La santé mentale", "- La santé mentale")
