"""`clsx contracts` in and out: article records read from JSONL files (or stdin, or one JSON
array as `clsx extract --format json` writes), contracts written as JSONL or CSV.

Every input line ends up somewhere: an article record in exactly one contract, anything else
(an error record, a line that is not JSON or not a clsx record) as a `skipped` line after the
contracts, named on stderr with its file and line number when it is not a record.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .articles import Article, article, line_sha
from .contract_model import Contract, Skipped
from .contracts import Draft, as_dict
from .formats import JOIN, cell

STDIN = "-"


class InputError(Exception):
    """A records file that cannot be read at all (one line on stderr, exit 2)."""


def lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(line number, line) of JSONL: split on b'\\n' only, since U+2028 or a form feed may sit
    inside a JSON string; blank lines left out. The one place lines are cut: swap it here."""
    for n, line in enumerate(data.split(b"\n"), 1):
        if line.strip():
            yield n, line


@dataclass
class Inputs:
    articles: list[Article] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)  # contract_model.SkippedInfo
    problems: list[str] = field(default_factory=list)  # "records.jsonl:3: not a JSON line: skipped", for stderr

    @property
    def errors(self) -> int:
        """Error records (documents clsx extract could not read)."""
        return sum(1 for s in self.skipped if s["reason"].startswith("error record"))


def _skip(inputs: Inputs, where: str, text: str, reason: str, path: str | None = None, tell: bool = True) -> None:
    inputs.skipped.append({"path": path, "reason": reason, "line_sha256": line_sha(text)})
    if tell:
        inputs.problems.append(f"{where}: {reason}: skipped")


def add(inputs: Inputs, name: str, data: bytes) -> None:
    """The records of one input (its bytes), named `name` in messages, in line order."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    if data.lstrip()[:1] == b"[":
        try:
            rows = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise InputError(f"{name}: not a JSON array of records: {e}") from e
        for i, rec in enumerate(rows if isinstance(rows, list) else [rows]):
            _record(inputs, f"{name}[{i}]", json.dumps(rec, ensure_ascii=False, separators=(",", ":")), rec)
        return
    for n, raw in lines(data):
        where = f"{name}:{n}"
        try:
            text = raw.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError:
            _skip(inputs, where, raw.decode("utf-8", "replace"), "not UTF-8")
            continue
        try:
            rec = json.loads(text)
        except json.JSONDecodeError as e:
            _skip(inputs, where, text, f"not a JSON line ({e.msg})")
            continue
        _record(inputs, where, text, rec)


def _record(inputs: Inputs, where: str, text: str, rec: Any) -> None:
    if not isinstance(rec, dict) or not isinstance(rec.get("source"), dict):
        _skip(inputs, where, text, "not a clsx record (no source)")
        return
    path = rec["source"].get("path")
    path = path if isinstance(path, str) else None
    if rec.get("error"):
        err = rec["error"] if isinstance(rec["error"], dict) else {}
        _skip(inputs, where, text, f"error record ({err.get('type')}): {err.get('message')}", path, tell=False)
        return
    inputs.articles.append(article(rec, text))


def read(paths: list[str]) -> Inputs:
    """The records of files (or '-' for stdin), in any order: the output does not depend on it."""
    inputs = Inputs()
    for p in paths:
        try:
            data = sys.stdin.buffer.read() if p == STDIN else Path(p).read_bytes()
        except OSError as e:
            raise InputError(f"cannot read {p}: {e.strerror or e}") from e
        add(inputs, "stdin" if p == STDIN else p, data)
    return inputs


def contract_lines(drafts: list[Draft], skipped: list[dict[str, Any]]) -> list[str]:
    """The JSONL lines: every contract (validated against the model), then the skipped lines."""
    out = [Contract.model_validate(as_dict(d)).model_dump_json() for d in drafts]
    for s in sorted(skipped, key=lambda s: (s["path"] or "", s["reason"], s["line_sha256"])):
        out.append(Skipped.model_validate({"skipped": s}).model_dump_json())
    return out


# CSV: one row per contract, the codes as columns; (column, path into the contract record).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("contract_id", "contract_id"),
    *((f"territory_{k}", f"territory.{k}.value") for k in ("name", "kind", "siren", "insee_code", "official_name", "department_code", "department", "official_region", "acronym")),
    ("region", "region.value"),
    ("number", "number.value"),
    ("signature_date", "signature.date.value"),
    ("signature_place", "signature.place.value"),
    ("signature_status", "signature.status.value"),
    ("period_start_year", "period.years.value.start_year"),
    ("period_end_year", "period.years.value.end_year"),
    ("period_duration_years", "period.duration_years.value"),
    ("signatories_name", "signatories[].name"),
    ("partners_name", "partners[].name"),
    ("axes_label", "axes[].label"),
    ("axes_announced", "axes_announced.value"),
    ("actions_count", "actions_count.value"),
    ("coordinator_name", "coordinator.value.name"),
    ("coordinator_title", "coordinator.value.title"),
    ("funding_amount_eur", "funding[].amount_eur"),
    ("funding_funder", "funding[].funder"),
    ("previous", "previous"),
    ("next", "next"),
    ("articles_path", "articles[].path"),
    ("articles_doc_id", "articles[].doc_id"),
    ("flags", "flags[]"),
    ("conflicts", ""),
    ("skipped_path", "skipped.path"),
    ("skipped_reason", "skipped.reason"),
)


def _at(value: Any, path: str) -> Any:
    """The value at a dotted path; 'items[].name' joins the items' names, 'flags[]' the list's items."""
    head, _, rest = path.partition(".")
    if head.endswith("[]"):
        items = value.get(head[:-2]) if isinstance(value, dict) else None
        vals = [_at(i, rest) if rest else i for i in items or []]
        return JOIN.join(cell(v) for v in vals) if vals else None
    v = value.get(head) if isinstance(value, dict) else None
    return _at(v, rest) if rest and v is not None else v


def conflicting(value: Any, where: str = "") -> list[str]:
    """The fields of a contract record whose articles disagree: 'signature.date', 'number'…"""
    if not isinstance(value, dict):
        return []
    if "conflicts" in value and "value" in value:
        return [where] if value["conflicts"] else []
    return [f for k, v in value.items() for f in conflicting(v, f"{where}.{k}" if where else k)]


def write_csv(out: IO[str], lines_: list[str]) -> None:
    """RFC 4180 (CRLF), UTF-8; an empty cell is null; the items of a list joined with ' | '."""
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([c for c, _ in COLUMNS])
    for line in lines_:
        rec = json.loads(line)
        w.writerow([cell(JOIN.join(conflicting(rec)) or None) if c == "conflicts" else cell(_at(rec, p)) for c, p in COLUMNS])
