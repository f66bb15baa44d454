"""The command line: parses and wires; the library does the work.

stdout carries data only (JSONL, a schema, a score table), always UTF-8; logs and progress go
to stderr. Usage errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import codecs
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from . import __version__
from .kinds import TERRITORY_KINDS as KINDS
from .limits import MAX_TOKENS
from .source import DEFAULT_GLOB, MAX_BYTES, STDIN, expand, nothing_found, patterns_of, yields_nothing

if TYPE_CHECKING:
    from .extract import Task

NO_INPUT = 3  # a folder given held no file to read: distinct from error records (1) and usage errors (2)

EXIT_HELP = (
    "Exit codes: 0 all documents extracted; 1 some gave error records (the others are written); "
    "2 usage error; 3 a folder given holds no file to read (stderr says what it skipped); "
    "4 a worker process died (its documents were redone); 5 -o is being written by another run; "
    "6 the output could not be written (a full disk; it ends on a whole line); "
    "130/143 interrupted by SIGINT/SIGTERM (the output ends on a whole line: rerun with --resume); "
    "141 the reader of stdout went away (| head)."
)
# `clsx extract`'s exit codes beyond 0, 1 (error records), 2 (usage errors) and 3 (no input); the
# README lists them all. 6 is also review's and contracts' when their output cannot be written.
EXIT_WORKER, EXIT_LOCKED, EXIT_OUTPUT, EXIT_PIPE = 4, 5, 6, 141
EXIT_CODES = {
    "clsx": "Exit codes: 0 done; 1 some documents gave error records (extract, show) or some lines were not records "
    "(contracts); 2 usage error, one line on stderr; 3 a folder given holds no file to read (extract, eval, show); "
    "4 a worker died (extract); 5 -o held by another run (extract); 6 the output could not be written (extract, "
    "review, contracts); 130/143 interrupted (extract); 141 the reader of stdout went away (all). Each command's --help lists its own.",
    "extract": EXIT_HELP,
    "eval": "Exit codes: 0 scored; 2 usage error (a path or the gold folder not found, no gold *.json in it); "
    "3 a folder given holds no file to read.",
    "link": "Exit codes: 0 looked up, whatever the link found; 2 usage error (an empty name, an unknown --kind, "
    "--department or --region).",
    "review": "Exit codes: 0 page written; 1 some lines were not valid records (shown as errors); 2 usage error (a file that "
    "is not records, such as an article: extract it first; an -o whose folder is missing or cannot be written); 6 the page could not be written (a full disk).",
    "show": "Exit codes: 0 shown; 1 a document gave an error record; 2 usage error (a path not found, a records "
    "file that is not records); 3 a folder holds no file to read, or a records file no record.",
    "schema": "Exit codes: 0 printed.",
    "contracts": "Exit codes: 0 done (error records are listed, not failures); 1 some lines were not records (named "
    "on stderr, the rest is written); 2 usage error (a file not found, an unknown --format, --review without "
    "--html, an -o or --html whose folder is missing or cannot be written); 6 the output could not be written.",
}


class _Command(typer.core.TyperCommand):
    """Help that reads well: arguments by their metavar ('PATH...') in the usage line and in
    their list, without typer's '{paths}...' and '<list[str]>'."""

    def _arguments(self, ctx: Any) -> list[Any]:
        return [p for p in self.get_params(ctx) if p.param_type_name == "argument"]

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [self.options_metavar or "[OPTIONS]", *(p.metavar for p in self._arguments(ctx))]

    def invoke(self, ctx: Any) -> Any:
        """Every command: a reader of stdout that goes away (`| head`) stops it at once, quietly,
        with the shell's broken-pipe code (click would exit 1, as for error records)."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(EXIT_PIPE) from None

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args = [(p.metavar, p.help or "") for p in self._arguments(ctx)]
        opts = [r for p in self.get_params(ctx) if p.param_type_name == "option" and (r := p.get_help_record(ctx))]
        for title, rows in (("Arguments", args), ("Options", opts)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _command(name: str, short: str) -> Any:
    """A subcommand with the help above, its one-line summary and its own exit codes."""
    return app.command(name, cls=_Command, short_help=short, epilog=EXIT_CODES[name])


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn French press releases about Contrats Locaux de Santé into JSONL records.\n\n"
    "\b\nExample:\n  clsx extract samples/ | jq .territory.name",
    epilog=EXIT_CODES["clsx"],
)


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


class Interrupted(BaseException):
    """SIGINT or SIGTERM: stop after the last whole line (a BaseException, so that no
    per-document `except Exception` turns it into an error record)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: Any) -> None:
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, signal.SIG_DFL)  # a second signal stops at once
    raise Interrupted(signum)


def _kept_names(files: list[str], folder: Path) -> dict[str, str]:
    """Where --keep-text writes each document's text: 'page.html' -> DIR/page.html.txt
    (page.html.2.txt for a second input of the same name; stdin.txt for stdin)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for f in files:
        base = "stdin" if f == STDIN else Path(f).name
        name, n = f"{base}.txt", 1
        while name in used:
            n += 1
            name = f"{base}.{n}.txt"
        used.add(name)
        out[f] = str(folder / name)
    return out


def _usage_error(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


def _check_paths(paths: list[str]) -> None:
    """Every path given must name something: an empty argument ('') would otherwise read as the
    current folder, whose files vanish from the record's path."""
    for p in paths:
        if p == "":
            _usage_error("an empty path was given")
        if p != STDIN and not Path(p).exists():
            _usage_error(f"path not found: {p}")


def _check_inputs(paths: list[str], glob: str) -> None:
    """Before any work: a --glob with no pattern is a usage error; a folder given in which the
    patterns find no file gets a line saying what it skipped, and the run stops (exit 3)."""
    if not patterns_of(glob):
        _usage_error(f"--glob {glob!r} names no file pattern (such as '*.txt,*.html')")
    empty = [p for p in paths if yields_nothing(p, glob)]
    for p in empty:
        typer.echo(f"Error: {nothing_found(p, glob)}", err=True)
    if empty:
        raise typer.Exit(NO_INPUT)


def _check_output(path: Optional[Path], option: str) -> None:
    """Before any work: an output clsx could not write is a usage error, in one line."""
    if path is None:
        return
    import os

    folder = path.parent
    if path.is_dir():
        problem = "is a folder: give a file name"
    elif not folder.is_dir():
        problem = f"{folder} is not a folder" if folder.exists() else f"the folder {folder} does not exist"
    elif not os.access(path if path.exists() else folder, os.W_OK):
        problem = "cannot be written here (permission denied, or a read-only file system)"
    else:
        return
    _usage_error(f"{option} {path}: {problem}")


def _write_failed(where: Path, e: OSError) -> NoReturn:
    """The output could not be written after all (a full disk): one line, the exit code extract
    also gives for it."""
    typer.echo(f"Error: cannot write {where}: {e.strerror or e}", err=True)
    raise typer.Exit(EXIT_OUTPUT)


def _pending(tasks: list[Task], output: Path, options: Any) -> tuple[list[Task], int, int]:
    """--resume: the tasks `output` does not hold yet, how many it holds, and how many of those are errors."""
    from .api import already_done
    from .extract import display_path
    from .output import ResumeError, read_done

    try:
        done = read_done(output)
    except (ResumeError, OSError) as e:
        _usage_error(f"cannot resume: {e}")
    if done.dropped:
        typer.echo(f"clsx: dropped a truncated last line ({done.dropped} bytes) from {output}", err=True)
    skip = already_done(done, options)
    todo: list[Task] = []
    held: list[Task] = []
    for t in tasks:
        (held if skip(t.path) else todo).append(t)
    return todo, len(held), sum(display_path(t.path) in done.errors for t in held)


@_command("extract", "Extract one record per document, in input order.")
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .html, .htm, .pdf, .docx, .odt; others by their first bytes), folders (searched "
            "recursively, see --glob) or - for stdin.",
            metavar="PATH...",
        ),
    ],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the records here instead of stdout.", metavar="FILE")] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Keep the lines already in --output (JSONL) and add only the missing documents.")
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl (one record a line), json (one array) or csv (one row a document).", metavar="FORMAT")
    ] = "jsonl",
    spans: Annotated[bool, typer.Option("--spans", help="CSV: add the evidence spans' start, end and text columns.")] = False,
    bom: Annotated[bool, typer.Option("--bom", help="CSV: start with a UTF-8 byte order mark (for Excel).")] = False,
    delimiter: Annotated[str, typer.Option("--delimiter", help="CSV: the field separator (';' for a French-locale Excel).", metavar="CHAR")] = ",",
    csv_safe: Annotated[
        bool, typer.Option("--csv-safe/--no-csv-safe", help="CSV: put a ' before a cell that begins with =, +, -, @, tab or CR, so that no spreadsheet runs it as a formula.")
    ] = True,
    with_text: Annotated[bool, typer.Option("--with-text", help="Add the document text the spans index to each record (field `text`).")] = False,
    keep_text: Annotated[
        Optional[Path],
        typer.Option("--keep-text", help="Write the text extracted from each document into this folder (NAME.txt).", metavar="DIR"),
    ] = None,
    glob: Annotated[str, typer.Option("--glob", help="File patterns inside folders, separated by commas, in any case.", metavar="PATTERNS")] = DEFAULT_GLOB,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, help="Worker processes.", metavar="N")] = 1,
    encoding: Annotated[
        Optional[str], typer.Option("--encoding", help="Force an input encoding (default: detect; see source.encoding).", metavar="NAME")
    ] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Larger inputs give an error record.", metavar="N")] = MAX_BYTES,
    max_tokens: Annotated[
        int, typer.Option("--max-tokens", min=1, help="The model reads at most this many tokens of a text (a warning says so).", metavar="N")
    ] = MAX_TOKENS,
) -> None:
    """Extract one record per document (plain text, web page, PDF, .docx or .odt), in input order.

    \b
    Examples:
      clsx extract samples/ -o records.jsonl
      clsx extract page.html communique.pdf --format csv --bom -o cls.csv
      cat article.txt | clsx extract -
    """
    from .formats import FORMATS

    if fmt not in FORMATS:
        _usage_error(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    if len(delimiter) != 1:
        _usage_error("--delimiter must be one character")
    _check_paths(paths)
    if paths.count(STDIN) > 1:
        _usage_error("stdin (-) can be read only once")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            _usage_error(f"unknown encoding: {encoding}")
    if resume and (output is None or STDIN in paths):
        _usage_error("--resume needs -o FILE and files (not stdin)")
    if resume and fmt != "jsonl":
        _usage_error("--resume works on JSONL output only")
    _check_inputs(paths, glob)
    from .api import tasks_for
    from .extract import Options

    options = Options(encoding, max_bytes, max_tokens, with_text)
    kept = None
    if keep_text:
        try:
            keep_text.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            _usage_error(f"cannot create {keep_text}: {e.strerror or e}")
        folder = keep_text
        kept = lambda files: _kept_names(files, folder)  # noqa: E731
    sink = _open_sink(output, resume)  # before any work: a folder that cannot be written is a usage error
    tasks = tasks_for(paths, options, glob, kept)
    skipped = errors = 0
    if resume and output is not None:
        tasks, skipped, errors = _pending(tasks, output, options)
    if fmt == "jsonl":
        from .output import LineWriter

        out: Any = LineWriter(sink)
    else:
        out = _FormatWriter(sink, fmt, bom=bom and fmt == "csv", spans=spans, delimiter=delimiter, csv_safe=csv_safe)
    new_errors, deaths = _write(tasks, jobs, out, output)
    errors += new_errors
    done = f", {skipped} already in {output}" if resume else ""
    typer.echo(f"clsx: {len(tasks) + skipped} document(s), {errors} error record(s){done}", err=True)
    if deaths:
        raise typer.Exit(EXIT_WORKER)
    if errors:
        raise typer.Exit(1)


def _open_sink(output: Optional[Path], append: bool) -> Any:
    """-o FILE opened and locked for this run (or stdout); one line and an exit code if it cannot be."""
    from .output import OutputError, OutputLocked, open_output

    try:
        return open_output(output, append)
    except OutputLocked as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(EXIT_LOCKED) from None
    except OutputError as e:
        _usage_error(str(e))


class _FormatWriter:
    """JSON (one array) or CSV records as UTF-8 whatever the locale, each record one whole piece
    of the sink (a failed write leaves whole rows)."""

    def __init__(self, sink: Any, fmt: str, *, bom: bool, spans: bool, delimiter: str, csv_safe: bool = True):
        import io

        from .formats import Writer

        self.sink = sink
        self.stream = io.StringIO()
        if bom:
            self.stream.write("\ufeff")
        self.writer = Writer(self.stream, fmt, spans=spans, delimiter=delimiter, csv_safe=csv_safe)  # type: ignore[arg-type]

    def write(self, line: str) -> None:
        self.writer.write(json.loads(line) if self.writer.fmt == "csv" else None, line)
        self._drain()

    def close(self) -> None:
        if not self.sink.closed:
            self.writer.close()
            self._drain()
            self.sink.close()

    def _drain(self) -> None:
        data = self.stream.getvalue()
        self.stream.seek(0)
        self.stream.truncate()
        if data:
            self.sink.write(data.encode("utf-8", "backslashreplace"))


def _write(tasks: list[Task], jobs: int, out: Any, output: Optional[Path]) -> tuple[int, int]:
    """Write the lines of `tasks`: the number of error records and of workers that died. Stops
    cleanly on SIGINT/SIGTERM, quietly when the reader of stdout goes away, with one line when
    the output cannot be written."""
    from contextlib import closing, suppress

    from .output import OutputError, PipeClosed
    from .workers import Death

    written = errors = 0
    deaths: list[Death] = []
    progress = _progress(len(tasks))
    where = output or "stdout"

    def died(death: Death) -> None:
        deaths.append(death)
        typer.echo(f"clsx: {death.describe()}", err=True)

    handlers = {s: signal.signal(s, _on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        task = progress.add_task("extracting", total=len(tasks)) if progress else None
        if progress:
            progress.start()
        from .api import records
        from .extract import to_line

        with closing(records(tasks, jobs, died)) as lines:
            for rec in lines:
                out.write(to_line(rec))
                written += 1
                errors += "error" in rec
                if progress:
                    progress.advance(task)  # type: ignore[arg-type]
        out.close()  # the end of a JSON array, the header of an empty CSV
    except Interrupted as e:
        typer.echo(
            f"clsx: interrupted by {signal.Signals(e.signum).name} after {written} of {len(tasks)} document(s); "
            f"{where} ends on a whole line (rerun with -o FILE --resume to continue)",
            err=True,
        )
        raise typer.Exit(128 + e.signum) from None
    except PipeClosed:
        _quiet_stdout()
        raise typer.Exit(EXIT_PIPE) from None
    except OutputError as e:
        typer.echo(f"Error: {e} (after {written} of {len(tasks)} document(s); what was written ends on a whole line)", err=True)
        raise typer.Exit(EXIT_OUTPUT) from None
    finally:
        for s, h in handlers.items():
            signal.signal(s, h)
        if progress:
            progress.stop()
        with suppress(OutputError):
            out.close()
    return errors, len(deaths)


def _console(**options: Any) -> Any:
    """A rich Console whose closed stdout ends the command like any other (exit 141): rich's own
    handling exits 1, the code of error records."""
    from rich.console import Console

    class _PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _PipeConsole(**options)


def _quiet_stdout() -> None:
    """The reader of stdout went away (`clsx extract … | head`): no more output, no noise at exit."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _open_output(output: Optional[Path], bom: bool) -> Any:
    """The data stream: the file, or stdout, as UTF-8 whatever the locale says."""
    if output:
        out = output.open("w", encoding="utf-8", newline="")
    else:
        import io

        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    if bom:
        out.write("\ufeff")
    return out


def _progress(total: int) -> Any:
    """A progress bar on stderr, only when stderr is a terminal and there is more than one document."""
    if total <= 1 or not sys.stderr.isatty():
        return None
    from rich.progress import Progress

    return Progress(console=_console(stderr=True), redirect_stdout=False, redirect_stderr=False, transient=True)


def schema_dict() -> dict[str, Any]:
    from typing import Union

    from pydantic import TypeAdapter

    from .model import ErrorRecord, Record

    s = TypeAdapter(Union[Record, ErrorRecord]).json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "clsx record (one JSONL line)"
    return s


@_command("schema", "Print the JSON Schema of a record (or of a contract).")
def schema(
    contract: Annotated[bool, typer.Option("--contract", help="The schema of a line of clsx contracts instead.")] = False,
) -> None:
    """Print the JSON Schema that every output line validates against.

    \b
    Examples:
      clsx schema > record.schema.json
      clsx schema --contract > contract.schema.json
    """
    if contract:
        from .contract_model import contract_schema

        typer.echo(json.dumps(contract_schema(), ensure_ascii=False, indent=2))
        return
    typer.echo(json.dumps(schema_dict(), ensure_ascii=False, indent=2))


@_command("contracts", "Merge the records of one contract into one contract record.")
def contracts_command(
    paths: Annotated[
        list[str], typer.Argument(help="Records (JSONL, or a JSON array) written by clsx extract, or - for stdin.", metavar="FILE...")
    ],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the contracts here instead of stdout.", metavar="FILE")] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl (one contract a line) or csv (one row a contract).", metavar="FORMAT")
    ] = "jsonl",
    html: Annotated[Optional[Path], typer.Option("--html", help="Also write a self-contained overview page here.", metavar="FILE")] = None,
    review: Annotated[
        Optional[str],
        typer.Option("--review", help="A clsx review page of the same records: the overview links each source to it.", metavar="PAGE"),
    ] = None,
) -> None:
    """Merge the article records that describe the same contract (same territory, same generation)
    into one contract record each, with every value's sources and the articles' disagreements.

    \b
    Examples:
      clsx extract corpus/ | clsx contracts - -o contracts.jsonl
      clsx contracts records.jsonl --format csv --html overview.html --review review.html
    """
    from .contracts import build
    from .contracts_io import STDIN, InputError, contract_lines, read, write_csv

    if fmt not in ("jsonl", "csv"):
        _usage_error(f"unknown format {fmt!r}; one of: jsonl, csv")
    for p in paths:
        if p != STDIN and not Path(p).is_file():
            _usage_error(f"file not found: {p}")
    if paths.count(STDIN) > 1:
        _usage_error("stdin (-) can be read only once")
    if review and not html:
        _usage_error("--review needs --html (the overview page links to it)")
    _check_output(output, "-o")
    _check_output(html, "--html")
    try:
        inputs = read(paths)
    except InputError as e:
        _usage_error(str(e))
    drafts = build(inputs.articles)
    lines = contract_lines(drafts, inputs.skipped)
    out = _open_output(output, False)
    try:
        if fmt == "csv":
            write_csv(out, lines)
        else:
            out.write("".join(line + "\n" for line in lines))
        out.flush()
        if output:
            out.close()
        else:
            out.detach()  # leave sys.stdout open
    except BrokenPipeError:
        _quiet_stdout()
        raise typer.Exit(EXIT_PIPE) from None
    except OSError as e:  # a full disk: the process ends without closing `out` again
        _write_failed(output or Path("stdout"), e)
    if html:
        from .contracts_page import page, review_anchors, review_href, unlinked

        anchors = review_anchors(review) if review else None
        records = [json.loads(line) for line in lines]
        try:
            html.write_text(page(records, review_href(review, html) if review else None, anchors), encoding="utf-8")
        except OSError as e:
            _write_failed(html, e)
        if anchors is not None and (missing := unlinked(records, anchors)):
            typer.echo(f"clsx: {missing} article(s) are not in {review}: not linked", err=True)
    for problem in inputs.problems:
        typer.echo(f"clsx: {problem}", err=True)
    unplaced = sum(1 for d in drafts if d.territory is None)
    typer.echo(
        f"clsx: {len(inputs.articles)} article(s) in {len(drafts)} contract(s) ({unplaced} unplaced); "
        f"{len(inputs.skipped)} line(s) skipped ({inputs.errors} error record(s))",
        err=True,
    )
    if inputs.problems:
        raise typer.Exit(1)


@_command("link", "Look a territory up in the official register.")
def link_command(
    name: Annotated[str, typer.Argument(help="A territory as written: 'CC des Coëvrons', 'Ville de Saint-Denis', 'CALL'.", metavar="NAME")],
    kind: Annotated[
        Optional[str],
        typer.Option("--kind", help=f"The territory's kind, as a record gives it: {', '.join(KINDS)}. Default: from the name.", metavar="KIND"),
    ] = None,
    department: Annotated[
        Optional[str], typer.Option("--department", help="The department the text gives, by name or code ('Orne', '61', '2A').", metavar="DEPARTMENT")
    ] = None,
    region: Annotated[
        Optional[str],
        typer.Option("--region", help="The region of the ARS, current or before 2016 ('Normandie', 'Basse-Normandie').", metavar="REGION"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")] = False,
) -> None:
    """Look a territory up in the official register and print the link and its candidates.

    \b
    Examples:
      clsx link "Communauté de communes des Coëvrons"
      clsx link "Ville de Saint-Denis" --department 93
    """
    from .gazetteer import load
    from .link import describe, hints_from, link_name

    if not name.strip():
        _usage_error("the territory name is empty")
    if kind is not None and kind not in KINDS:
        _usage_error(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}")
    register = load()
    if department is not None and register.department_code(department) is None:
        _usage_error(f"unknown department {department!r}: give a name or a code ('Orne', '61', '2A', '974')")
    if region is not None and register.region_code(region) is None:
        _usage_error(f"unknown region {region!r}; one of: {', '.join(sorted(register.regions.values()))}, or one before 2016")
    res = link_name(name, kind, None, hints_from(department, [], region))
    out = describe(res)
    if as_json:
        typer.echo(json.dumps({"query": name, **out}, ensure_ascii=False))
        return
    found = out["code"]
    typer.echo(f"{out['status']} {out['score']:.3f}" + (f"  {found}  {out['official_name']}  [{out['type']}, {out['department_code']}, {out['official_region']}]" if found else ""))
    for c in out["candidates"]:
        typer.echo(f"  candidate {c['score']:.3f}  {c['code']}  {c['name']}  [{c['type']}, {c['department_code']}]")


@_command("eval", "Score the records of texts against gold annotations.")
def evaluate(
    paths: Annotated[list[str], typer.Argument(help="Texts (files or folders) to extract and score.", metavar="PATH...")],
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files, one per text stem.", metavar="DIR")],
    show_errors: Annotated[bool, typer.Option("--show-errors", help="List every miss.")] = False,
    rules: Annotated[bool, typer.Option("--rules", help="Report each rule: the documents it fired on, whether its candidates were chosen and right.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores (or the rule report) as JSON.")] = False,
    glob: Annotated[str, typer.Option("--glob", help="File patterns inside folders, separated by commas, in any case.", metavar="PATTERNS")] = "*.txt",
) -> None:
    """Extract the texts and score their records against gold annotations: F1, precision and recall per field.

    \b
    Examples:
      clsx eval --gold ../shared/dev/gold ../shared/dev/texts --show-errors
      clsx eval --rules --gold ../shared/dev/gold ../shared/dev/texts
    """
    if not gold.is_dir():
        _usage_error(f"gold folder not found: {gold}")
    if next(gold.glob("*.json"), None) is None:
        _usage_error(f"no gold file (*.json, one per text stem) in {gold}")
    _check_paths(paths)
    _check_inputs(paths, glob)
    files = list(expand(paths, glob))
    if rules:
        _rule_report(files, gold, as_json)
        return
    from .extract import extract_path
    from .scoring import score

    records = [extract_path(p, listed=True) for p in files]
    res = score(records, gold)
    if as_json:
        typer.echo(json.dumps(res, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"{res['docs']} gold documents, {res['records']} records")
    for col in ("field", "F1", "P", "R"):
        table.add_column(col, justify="left" if col == "field" else "right")
    for f, v in res["fields"].items():
        table.add_row(f, *(["-"] * 3 if v is None else [f"{v['f1']:.3f}", f"{v['p']:.3f}", f"{v['r']:.3f}"]))
    console = _console()
    console.print(table)
    console.print(f"headline (mean field F1): {res['headline']:.3f}")
    if res["missing_or_error"]:
        console.print(f"missing or error records: {', '.join(res['missing_or_error'])}")
    if show_errors:
        for stem, field, p, g in res["errors"]:
            console.print(f"{stem} {field}: got {p!r}, gold {g!r}", markup=False, highlight=False)


def _rule_report(files: list[str], gold: Path, as_json: bool) -> None:
    """`clsx eval --rules`: each rule's documents, chosen, right; each lexicon entry's documents."""
    from .rules_report import run, table

    report = run(files, gold)
    if as_json:
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False))
        return
    from rich.table import Table

    t = Table(title=f"rules over {report.documents} documents")
    for col in ("rule", "docs", "candidates", "chosen", "right", "wrong", "right unchosen", "precision"):
        t.add_column(col, justify="left" if col == "rule" else "right", no_wrap=True)
    for row in table(report):
        t.add_row(*row)
    console = _console(width=None if sys.stdout.isatty() else 120)
    console.print(t)
    lonely = report.single_without_reason()
    console.print(f"lexicon entries matched: {len(report.entries)}; on one document only, with no reason given: {len(lonely)}")
    for e in lonely:
        console.print(f"  {e}", markup=False, highlight=False)


def _read_all(files: list[Path]) -> tuple[list[dict[str, Any]], list[Optional[str]], list[Optional[str]]]:
    """Records of the files, with the text each one's spans index (or a note why not)."""
    from .texts import RecordsError, read_records, text_of

    records, texts, notes = [], [], []
    for f in files:
        if f.is_dir():
            _usage_error(f"{f} is a folder: give the records files clsx extract wrote")
        if not f.is_file():
            _usage_error(f"file not found: {f}")
        try:
            rows = read_records(f)
        except RecordsError as e:
            document = any(Path(f.name.lower()).match(p) for p in patterns_of(DEFAULT_GLOB))
            hint = f" (it is a document, not records: clsx extract {f} --with-text -o out.jsonl first)" if document else ""
            _usage_error(f"{e}{hint}")
        for r in rows:
            t, note = text_of(r, f.parent)
            records.append(r)
            texts.append(t)
            notes.append(note)
    return records, texts, notes


@_command("review", "Write one HTML page to check every record in its text.")
def review(
    files: Annotated[list[Path], typer.Argument(help="Records (JSONL, or a JSON array) written by clsx extract.", metavar="FILE...")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the page here instead of stdout.", metavar="FILE")] = None,
    title: Annotated[str, typer.Option("--title", help="Title of the page.", metavar="TEXT")] = "clsx review",
) -> None:
    """Write one self-contained HTML page to check every record: each value highlighted in its
    text, the record beside it, the warnings, and a filter for the documents needing a look.

    The text comes from the record (clsx extract --with-text) or is read again from source.path.

    \b
    Example:
      clsx extract corpus/ --with-text -o out.jsonl && clsx review out.jsonl -o review.html
    """
    from .review import page
    from .texts import bad_lines

    _check_output(output, "-o")
    records, texts, notes = _read_all(files)
    html = page(records, texts, notes, title)
    try:
        if output:
            output.write_text(html, encoding="utf-8")
        else:
            sys.stdout.buffer.write(html.encode("utf-8"))
            sys.stdout.buffer.flush()
    except BrokenPipeError:
        _quiet_stdout()
        raise typer.Exit(EXIT_PIPE) from None
    except OSError as e:
        _write_failed(output or Path("stdout"), e)
    missing = sum(1 for r, t in zip(records, texts) if t is None and not r.get("error"))
    for message in (bad := bad_lines(records)):  # each shown on the page as an error
        typer.echo(f"clsx: {message}", err=True)
    typer.echo(f"clsx: {len(records)} document(s) reviewed" + (f", {missing} without their text" if missing else ""), err=True)
    if bad:
        raise typer.Exit(1)


RECORDS_SUFFIXES = (".jsonl", ".json", ".ndjson")


@_command("show", "Show documents or records in the terminal, values highlighted.")
def show(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Documents to extract (files, or folders searched as clsx extract does), or records (.jsonl, .json).", metavar="PATH..."
        ),
    ],
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Force colours on or off (default: on a terminal).")] = None,
) -> None:
    """Show records in the terminal: the text with each value highlighted, then the record as a table.

    \b
    Examples:
      clsx show samples/seed-coevrons-2018.txt
      clsx show out.jsonl | less -R
    """
    _check_paths([str(f) for f in paths])
    _check_inputs([str(f) for f in paths], DEFAULT_GLOB)
    read = {f: _read_all([f]) for f in paths if f.is_file() and f.suffix.lower() in RECORDS_SUFFIXES}
    for f, (rows, _, _) in read.items():
        if not rows:
            typer.echo(f"Error: no record in {f}", err=True)
            raise typer.Exit(NO_INPUT)

    from .extract import extract_path
    from .show import show as render

    records: list[dict[str, Any]] = []
    texts: list[Optional[str]] = []
    notes: list[Optional[str]] = []
    for f in paths:
        if f in read:
            r, t, n = read[f]
        else:
            r, t, n = [], [], []
            for path in expand([str(f)]):
                rec = extract_path(path, with_text=True, listed=path != str(f))
                t.append(rec.pop("text", None))
                r.append(rec)
                n.append(None)
        records += r
        texts += t
        notes += n
    console = _console(highlight=False, force_terminal=color, no_color=color is False, soft_wrap=False)
    render(records, texts, notes, console)
    if any(r.get("error") for r in records):
        raise typer.Exit(1)


def run(argv: Optional[list[str]] = None) -> None:
    """The `clsx` command. Output is UTF-8 whatever the locale; a usage error (unknown option,
    missing argument) is one line on stderr and exit code 2, never click's usage block. spaCy's
    own command line, 0.2-0.3 s of start-up that clsx never uses, is imported only if used."""
    from .lazy_spacy_cli import defer_by_default

    defer_by_default()
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors=errors)  # type: ignore[union-attr]
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="clsx", standalone_mode=False)
    except typer.Abort:
        code = 130
    except Exception as e:  # click's exceptions; recent typer ships its own click, so match by shape
        if not (hasattr(e, "format_message") and hasattr(e, "exit_code")):
            raise
        ctx = getattr(e, "ctx", None)
        if type(e).__name__ == "NoArgsIsHelpError" and ctx:  # bare `clsx`: the help, as a usage error
            typer.echo(ctx.get_help(), err=True)
        else:
            hint = f" (see '{ctx.command_path} --help')" if ctx and e.exit_code == 2 else ""
            typer.echo(f"Error: {' '.join(e.format_message().split())}{hint}", err=True)
        code = e.exit_code
    _exit(code if isinstance(code, int) else 0)


def _exit(code: int) -> NoReturn:
    """Exit once everything is written, without the interpreter's teardown: freeing the
    model's millions of objects one by one takes 0.4-0.5 s, a fifth of a one-file run."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away before the last bytes
            code = code or EXIT_PIPE
        except (OSError, ValueError, AttributeError):  # another failed write, no stream
            code = code or EXIT_OUTPUT
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
