"""The command line: parses and wires; the library does the work.

stdout carries data only (JSONL, a schema, a score table); logs and progress go to stderr.
Exit codes: 0 every document extracted, 1 some documents gave error records (all others
written), 2 usage error (unknown option, missing path).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import __version__
from .source import MAX_BYTES, STDIN, expand

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn French press releases about Contrats Locaux de Santé into JSONL records.\n\n"
    "Example: clsx extract samples/ | jq .territory.name",
)

EXIT_HELP = "Exit codes: 0 all documents extracted; 1 some gave error records (the others are written); 2 usage error."


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clsx {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """clsx: CLS press releases -> validated, evidence-backed JSON records."""


def _init_worker() -> None:
    from .pipeline import load

    load()


def _work(args: tuple[str, Optional[str], int]) -> tuple[str, bool]:
    """(JSON line, whether it is an error record)."""
    from .extract import extract_path, to_line

    rec = extract_path(*args)
    return to_line(rec), "error" in rec


def _records(paths: list[str], encoding: Optional[str], max_bytes: int, jobs: int) -> Iterator[tuple[str, bool]]:
    """JSON lines in input order, from one process or a pool of `jobs`."""
    tasks = [(p, encoding, max_bytes) for p in paths]
    if jobs <= 1 or len(tasks) <= 1:
        for t in tasks:
            yield _work(t)
        return
    import multiprocessing as mp

    with mp.get_context("fork").Pool(jobs, initializer=_init_worker) as pool:
        yield from pool.imap(_work, tasks, chunksize=1)


def _usage_error(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


@app.command(epilog=EXIT_HELP)
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or - for stdin.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write JSONL here instead of stdout.")] = None,
    glob: Annotated[str, typer.Option("--glob", help="File pattern inside folders.")] = "*.txt",
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, help="Worker processes.")] = 1,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Force an input encoding (default: detect).")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Larger inputs give an error record.")] = MAX_BYTES,
) -> None:
    """Extract one JSON record per document, as JSONL, in input order.

    Example: clsx extract samples/ -o records.jsonl ; cat article.txt | clsx extract -
    """
    for p in paths:
        if p != STDIN and not Path(p).exists():
            _usage_error(f"path not found: {p}")
    if paths.count(STDIN) > 1:
        _usage_error("stdin (-) can be read only once")
    files = list(expand(paths, glob))
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    errors = 0
    progress = _progress(len(files))
    try:
        task = progress.add_task("extracting", total=len(files)) if progress else None
        if progress:
            progress.start()
        for line, failed in _records(files, encoding, max_bytes, jobs):
            out.write(line + "\n")
            out.flush()
            errors += failed
            if progress:
                progress.advance(task)  # type: ignore[arg-type]
    finally:
        if progress:
            progress.stop()
        if output:
            out.close()
    typer.echo(f"clsx: {len(files)} document(s), {errors} error record(s)", err=True)
    if errors:
        raise typer.Exit(1)


def _progress(total: int) -> Any:
    """A progress bar on stderr, only when stderr is a terminal and there is more than one document."""
    if total <= 1 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress

    return Progress(console=Console(stderr=True), redirect_stdout=False, redirect_stderr=False, transient=True)


def schema_dict() -> dict[str, Any]:
    from typing import Union

    from pydantic import TypeAdapter

    from .model import ErrorRecord, Record

    s = TypeAdapter(Union[Record, ErrorRecord]).json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "clsx record (one JSONL line)"
    return s


@app.command()
def schema() -> None:
    """Print the JSON Schema that every output line validates against.

    Example: clsx schema > record.schema.json
    """
    typer.echo(json.dumps(schema_dict(), ensure_ascii=False, indent=2))


@app.command("link")
def link_command(
    name: Annotated[str, typer.Argument(help="A territory as written: 'CC des Coëvrons', 'Ville de Saint-Denis', 'CALL'.")],
    kind: Annotated[Optional[str], typer.Option("--kind", help="Territory kind (record kinds: commune, communaute_de_communes…); default: from the name.")] = None,
    department: Annotated[Optional[str], typer.Option("--department", help="Department the text gives ('Orne', '61').")] = None,
    region: Annotated[Optional[str], typer.Option("--region", help="Region of the ARS ('Normandie', 'Basse-Normandie').")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")] = False,
) -> None:
    """Look a territory up in the official register and print the link and its candidates.

    Example: clsx link "Communauté de communes des Coëvrons" ; clsx link "Ville de Saint-Denis" --department 93
    """
    from .link import KINDS, describe, hints_from, link_name

    if kind is not None and kind not in KINDS:
        _usage_error(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}")
    res = link_name(name, kind, None, hints_from(department, [], region))
    out = describe(res)
    if as_json:
        typer.echo(json.dumps({"query": name, **out}, ensure_ascii=False))
        return
    found = out["code"]
    typer.echo(f"{out['status']} {out['score']:.3f}" + (f"  {found}  {out['official_name']}  [{out['type']}, {out['department_code']}, {out['official_region']}]" if found else ""))
    for c in out["candidates"]:
        typer.echo(f"  candidate {c['score']:.3f}  {c['code']}  {c['name']}  [{c['type']}, {c['department_code']}]")


@app.command("eval", epilog=EXIT_HELP)
def evaluate(
    paths: Annotated[list[str], typer.Argument(help="Texts (files or folders) to extract and score.")],
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files, one per text stem.")],
    show_errors: Annotated[bool, typer.Option("--show-errors", help="List every miss.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    glob: Annotated[str, typer.Option("--glob", help="File pattern inside folders.")] = "*.txt",
) -> None:
    """Extract PATHS and score the records against gold annotations (per-field F1, P, R).

    Example: clsx eval --gold ../shared/dev/gold ../shared/dev/texts --show-errors
    """
    from .extract import extract_path
    from .scoring import score

    if not gold.is_dir():
        _usage_error(f"gold folder not found: {gold}")
    for p in paths:
        if not Path(p).exists():
            _usage_error(f"path not found: {p}")
    records = [extract_path(p) for p in expand(paths, glob)]
    res = score(records, gold)
    if as_json:
        typer.echo(json.dumps(res, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{res['docs']} gold documents, {res['records']} records")
    for col in ("field", "F1", "P", "R"):
        table.add_column(col, justify="left" if col == "field" else "right")
    for f, v in res["fields"].items():
        table.add_row(f, *(["-"] * 3 if v is None else [f"{v['f1']:.3f}", f"{v['p']:.3f}", f"{v['r']:.3f}"]))
    console = Console()
    console.print(table)
    console.print(f"headline (mean field F1): {res['headline']:.3f}")
    if res["missing_or_error"]:
        console.print(f"missing or error records: {', '.join(res['missing_or_error'])}")
    if show_errors:
        for stem, field, p, g in res["errors"]:
            console.print(f"{stem} {field}: got {p!r}, gold {g!r}", markup=False, highlight=False)


if __name__ == "__main__":  # pragma: no cover
    app()
