"""Import spaCy without importing its command line: the default of the `clsx` command, opt-in
(CLSX_LAZY_SPACY_CLI=1) for the Python API.

`import spacy` imports `spacy.cli` for the sake of `spacy.info` alone, and with it weasel,
requests, httpx and jinja2: about a quarter of a second of clsx's start-up. `import_spacy()` (called
for spaCy's first import) puts placeholders for `spacy.cli` and `spacy.cli.info` in
`sys.modules`; the first use of either imports the real module, and `spacy.info()` calls the
real one. spaCy's module objects differ meanwhile (`spacy.cli` is a placeholder until used),
which is why a program that imports clsx keeps spaCy as it is unless it asks; the `clsx`
command, a process of its own where nothing else uses spaCy, defers it unless
CLSX_LAZY_SPACY_CLI=0.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from pathlib import Path
from typing import Any

ENV = "CLSX_LAZY_SPACY_CLI"
_NAMES = ("spacy.cli.info", "spacy.cli")


class _Placeholder(types.ModuleType):
    """A module that becomes the real one at its first attribute lookup."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probes dunders: not a use
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


def _real(name: str) -> types.ModuleType:
    for n in _NAMES:
        if isinstance(sys.modules.get(n), _Placeholder):
            del sys.modules[n]
    return importlib.import_module(name)


def _info(*args: Any, **kwargs: Any) -> Any:
    return _real("spacy.cli.info").info(*args, **kwargs)


_default = False  # set by the `clsx` command (cli.run): its process is clsx's alone


def defer_by_default() -> None:
    """Make deferring the default of this process (the `clsx` command); CLSX_LAZY_SPACY_CLI=0 still turns it off."""
    global _default
    _default = True


def enabled() -> bool:
    """CLSX_LAZY_SPACY_CLI=1 or 0 decides; unset (or any other value), the process's default does."""
    value = os.environ.get(ENV, "")
    return value == "1" or (value != "0" and _default)


def import_spacy() -> types.ModuleType:
    """`import spacy`, with the placeholders when enabled and spaCy is not imported yet."""
    if not enabled() or "spacy" in sys.modules:
        return importlib.import_module("spacy")
    spec = importlib.util.find_spec("spacy")  # finds spaCy without running it
    if spec is None or not spec.submodule_search_locations:
        return importlib.import_module("spacy")
    cli = _Placeholder("spacy.cli")
    cli.__path__ = [str(Path(p) / "cli") for p in spec.submodule_search_locations]  # its submodules still import
    info = _Placeholder("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    cli.info = _info  # type: ignore[attr-defined]  (as in spaCy: the function hides the submodule)
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    spacy = importlib.import_module("spacy")
    spacy.cli = cli  # type: ignore[attr-defined]  (the import system sets it only when it loads a module)
    return spacy
