"""clsx: French press releases about Contrats Locaux de Santé -> validated, evidence-backed records.

    import clsx
    record = clsx.extract_text(text)            # one text -> clsx.Record
    for rec in clsx.extract_files(["corpus/"]): # files and folders -> Record or ErrorRecord, in order
        ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["extract_text", "extract_files", "Record", "ErrorRecord", "__version__"]

if TYPE_CHECKING:
    from .api import extract_files, extract_text
    from .model import ErrorRecord, Record


def __getattr__(name: str) -> Any:
    """Imported on first use: `import clsx` stays instant, as the command line needs."""
    if name in ("extract_text", "extract_files"):
        from . import api

        return getattr(api, name)
    if name in ("Record", "ErrorRecord"):
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'clsx' has no attribute {name!r}")
