"""Records -> JSONL (default), one JSON array, or CSV (one row per document).

CSV columns come from the record model, not from the records seen, so every file of a
version has the same header, error rows included: nested fields are flattened with `_`
(`territory_name`, `signature_date`), the items of a list are joined with " | " in one
cell (`signatories_name`: "A | B"), evidence spans are left out unless asked for, the
document text (`--with-text`) always is. Empty cell = null; booleans are true/false.

Cells hold text copied from documents, and a spreadsheet runs a cell that begins with `=`, `+`,
`-` or `@` as a formula (`=HYPERLINK(…)`, `@SUM(…)`; a tab or CR there too): such a cell gets a
`'` in front, as OWASP advises against CSV injection, and so does one that already begins with
`'`, so that `read_csv` removes exactly what was added. A spreadsheet shows the `'` as the mark of
text it is, not as part of the value. `csv_safe=False` writes the cells as they are.
"""

from __future__ import annotations

import csv
import json
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Literal, Union

from pydantic import BaseModel

from .model import ErrorInfo, Record

Format = Literal["jsonl", "json", "csv"]
FORMATS: tuple[str, ...] = ("jsonl", "json", "csv")
JOIN = " | "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of a formula
GUARD = "'"
SPAN_FIELDS = ("span", "duration_span")
Scalar = Union[str, int, float, bool, None]


@dataclass(frozen=True)
class Column:
    name: str  # "signatories_name"
    path: tuple[str, ...]  # ("signatories", "name")
    type: type  # str, int, float or bool
    in_list: bool  # under a list: the cell joins the items


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """Optional[X] -> X; list[X] -> (X, True)."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else (str, False)
    if origin is list:
        inner, _ = _unwrap(typing.get_args(tp)[0])
        return inner, True
    if origin is Literal:
        return type(typing.get_args(tp)[0]), False
    return tp, False


def _columns(model: type[BaseModel], prefix: tuple[str, ...], in_list: bool, spans: bool) -> Iterator[Column]:
    for name, field in model.model_fields.items():
        if name == "text" and not prefix:
            continue  # the document text belongs in the JSON, not in a cell
        if name in SPAN_FIELDS and not spans:
            continue
        tp, is_list = _unwrap(field.annotation)
        path = (*prefix, name)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            yield from _columns(tp, path, in_list or is_list, spans)
        elif tp is dict or typing.get_origin(tp) is dict:
            continue
        else:
            yield Column("_".join(path), path, tp if tp in (int, float, bool) else str, in_list or is_list)


def columns(spans: bool = False) -> list[Column]:
    """Every CSV column: the record's, then the error record's."""
    cols = list(_columns(Record, (), False, spans))
    cols += [Column(f"error_{n}", ("error", n), str, False) for n in ErrorInfo.model_fields]
    return cols


def _values(value: Any, path: tuple[str, ...]) -> list[Any]:
    """The leaves at `path`, one per list item crossed on the way."""
    if not path:
        return [value]
    if isinstance(value, list):
        return [v for item in value for v in _values(item, path)]
    if not isinstance(value, dict):
        return []
    return _values(value.get(path[0]), path[1:])


def cell(value: Scalar) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def guarded(text: str) -> str:
    """A cell a spreadsheet cannot run: a ' before a formula start (or before a ')."""
    return GUARD + text if text.startswith((*FORMULA_START, GUARD)) else text


def unguarded(text: str) -> str:
    """A cell as `guarded` wrote it -> its value."""
    return text[1:] if text.startswith(GUARD) and text[1:].startswith((*FORMULA_START, GUARD)) else text


def flatten(record: dict[str, Any], cols: list[Column]) -> dict[str, Scalar]:
    """column -> value: a scalar, or the items of a list joined with " | " (None when empty)."""
    out: dict[str, Scalar] = {}
    for c in cols:
        vals = _values(record, c.path)
        if c.in_list or (vals and isinstance(vals[0], list)):
            items = [v for x in vals for v in (x if isinstance(x, list) else [x])]
            out[c.name] = JOIN.join(cell(v) for v in items) if items else None
        else:
            out[c.name] = vals[0] if vals else None
    return out


def parse_cell(text: str, column: Column, csv_safe: bool = True) -> Scalar:
    """A CSV cell back to its value (scalar columns; a list column stays its joined text);
    `csv_safe`: the file was written with cells guarded (the default)."""
    if text == "":
        return None
    if csv_safe:
        text = unguarded(text)
    if column.in_list:
        return text
    if column.type is bool:
        return text == "true"
    if column.type is int:
        return int(text)
    if column.type is float:
        return float(text)
    return text


def read_csv(stream: IO[str], spans: bool = False, delimiter: str = ",", csv_safe: bool = True) -> list[dict[str, Scalar]]:
    """Rows of a CSV written by clsx, typed back (what a spreadsheet user sees, as values).
    `csv_safe=False` for a file written with `--no-csv-safe` (its cells are taken as they are)."""
    by_name = {c.name: c for c in columns(spans)}
    reader = csv.DictReader(stream, delimiter=delimiter)
    return [{k: parse_cell(v, by_name[k], csv_safe) if k in by_name else v for k, v in row.items()} for row in reader]


class Writer:
    """Writes records as they come (stdout stays a stream for JSONL and CSV)."""

    def __init__(self, out: IO[str], fmt: Format = "jsonl", *, spans: bool = False, delimiter: str = ",", csv_safe: bool = True):
        self.out, self.fmt, self.count, self.csv_safe = out, fmt, 0, csv_safe
        if fmt == "csv":
            self.cols = columns(spans)
            self.csv = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
            self.csv.writerow([c.name for c in self.cols])
        elif fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")

    def write(self, record: dict[str, Any] | None, line: str | None = None) -> None:
        """`line`: the record already serialised as one JSON line, if at hand (then JSON and
        JSONL need no `record`)."""
        if self.fmt == "csv":
            assert record is not None
            flat = flatten(record, self.cols)
            values = [flat[c.name] for c in self.cols]
            # text only: a number is a number (and none of the record's is negative)
            self.csv.writerow([guarded(v) if self.csv_safe and isinstance(v, str) else cell(v) for v in values])
        else:
            line = line or json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            if self.fmt == "json":
                line = ("[\n" if self.count == 0 else ",\n") + line
            self.out.write(line if self.fmt == "json" else line + "\n")
        self.count += 1
        self.out.flush()

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
            self.out.flush()


def write_all(records: Iterable[dict[str, Any]], out: IO[str], fmt: Format = "jsonl", **options: Any) -> int:
    w = Writer(out, fmt, **options)
    for r in records:
        w.write(r)
    w.close()
    return w.count
