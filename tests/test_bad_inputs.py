"""One batch, as a user runs it, over a folder of every kind of bad or hostile input we know:
each good document gives its record, each bad one an error record with a type and a message,
nothing is lost (one line per input), exit code 1, the same bytes with --jobs 2."""

from __future__ import annotations

import codecs
import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import ROOT, SAMPLES, jsonl, stderr_lines, walk_spans
from hostile import HOSTILE
from officebuild import docx_document, odt_document, rezip

D05 = (
    "SANTÉ – MÉZENC-MEYGAL\n"
    "Le contrat local de santé de la communauté de communes Mézenc-Meygal (CCMM) a été signé le 09/11/2021 à Saint-Julien-Chapteuil "
    "par son président, Pierre ARNAUD, et par Marion CHABRIER, déléguée départementale de l'ARS Auvergne-Rhône-Alpes. Il court pour trois ans.\n"
)
PLAIN = D05.replace("–", "-")  # for encodings without the en dash
TERRITORY = "communauté de communes Mézenc-Meygal"
MAX_BYTES = 1_500_000  # the 1 MB hostile documents pass, the 1.6 MB one does not


@dataclass
class Case:
    name: str  # file name in the folder (sorted: the output order)
    error: str | None = None  # expected error type, None for a record
    encoding: str | None = None
    territory: str | None = None
    warning: str | None = None  # a warning the record must carry


def _write(folder: Path, name: str, data: bytes) -> None:
    (folder / name).write_bytes(data)


def build(folder: Path) -> list[Case]:
    """Write the inputs; the cases in output order. Kinds the platform or user cannot make are left out."""
    cases: list[Case] = []

    def add(name: str, data: bytes | None, **expect: Any) -> None:
        if data is not None:
            _write(folder, name, data)
        cases.append(Case(name, **expect))

    coevrons = (SAMPLES / "seed-coevrons-2018.txt").read_bytes()
    add("a01-utf8.txt", coevrons, encoding="utf-8", territory="Communauté de Communes des Coëvrons")
    add("a02-utf8-bom.txt", D05.encode("utf-8-sig"), encoding="utf-8-sig", territory=TERRITORY)
    add("a03-utf16le-bom.txt", D05.encode("utf-16"), encoding="utf-16", territory=TERRITORY)
    add("a04-utf16be-bom.txt", codecs.BOM_UTF16_BE + D05.encode("utf-16-be"), encoding="utf-16", territory=TERRITORY)
    add("a05-utf32-bom.txt", D05.encode("utf-32"), encoding="utf-32", territory=TERRITORY)
    add("a06-utf16le-no-bom.txt", D05.encode("utf-16-le"), encoding="utf-16-le", territory=TERRITORY, warning="UTF-16 without a byte order mark")
    add("a07-cp1252.txt", D05.encode("cp1252"), encoding="cp1252", territory=TERRITORY)
    add("a08-mac-roman.txt", D05.encode("mac_roman"), encoding="mac-roman", territory=TERRITORY)
    add("a09-cp850.txt", PLAIN.encode("cp850"), encoding="cp850", territory=TERRITORY)
    add("a10-latin9.txt", PLAIN.replace("trois ans", "trois ans, au cœur du territoire").encode("iso8859_15"), encoding="iso8859-15", territory=TERRITORY)
    add("a11-utf8-with-cp1252-bytes.txt", D05.encode() + "Coût : 2 000 €.\n".encode("cp1252"), encoding="utf-8", territory=TERRITORY, warning="2 byte(s) were not valid UTF-8")
    add("a12-utf8-cut-mid-character.txt", D05.encode() + "é".encode()[:1], encoding="utf-8", territory=TERRITORY, warning="1 byte(s) were not valid UTF-8")
    add("a13-mojibake.txt", D05.encode("utf-8").decode("cp1252").encode("utf-8"), encoding="utf-8", territory=TERRITORY, warning="mojibake repaired")
    add("a14-crlf.txt", D05.replace("\n", "\r\n").encode(), territory=TERRITORY)
    add("a15-old-mac-cr.txt", D05.replace("\n", "\r").encode(), territory=TERRITORY)
    add("a16-html.txt", f"<html><body><h1>Sant&eacute;</h1><p>{D05}</p></body></html>".encode(), territory=TERRITORY)
    english = "The local health contract of the community of municipalities was signed on 12 June 2018 by the regional health agency, who will work on access to care, prevention and mental health for three years with its partners.\n"
    add("a17-english.txt", english.encode(), warning="does not look French")
    add("a18-not-about-a-cls.txt", "La médiathèque de Lisieux ouvre le samedi 12 mars 2022 après six mois de travaux, avec un espace jeunesse.\n".encode(), warning="never mentions a contrat local de santé")
    add("a19-1MB-no-space.txt", HOSTILE["1 MB without a space"](1.0).encode(), warning="text too long for the model")
    add("a20-a-a-dash.txt", (D05 + HOSTILE["200,000 x 'a-a- '"](1.0)).encode(), territory=TERRITORY, warning="text too long for the model")
    add("a21-spaces-run.txt", (D05 + " " * 90_000 + "fin\n").encode(), territory=TERRITORY)
    add("a22-name\nwith-newline.txt", D05.encode(), territory=TERRITORY)
    if sys.platform.startswith("linux"):  # file names are bytes there: one that is not UTF-8
        add(os.fsdecode(b"a23-latin1-name-\xe9.txt"), D05.encode(), territory=TERRITORY)
    (folder / "a24-folder-named.txt").mkdir()  # a folder whose name matches the glob is walked, not read
    add("a24-folder-named.txt/inside.txt", D05.encode(), territory=TERRITORY)
    docx = docx_document(D05, folder / "a25-release.docx").read_bytes()
    add("a25-release.docx", None, encoding="docx", territory=TERRITORY)
    odt_document(D05, folder / "a26-release.odt")
    add("a26-release.odt", None, encoding="odt", territory=TERRITORY)
    add("a27-UPPER-CASE.TXT", D05.encode(), territory=TERRITORY)

    add("b01-empty.txt", b"", error="empty")
    add("b02-whitespace.txt", b" \t\r\n\n  \n", error="empty")
    add("b03-bom-only.txt", codecs.BOM_UTF8, error="empty")
    add("b04-utf16-whitespace.txt", "\n \n".encode("utf-16"), error="empty")
    add("b05-png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, error="unsupported_format")
    add("b06-zip.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(40)), error="unsupported_format")
    add("b07-nul-after-8kB.txt", D05.encode() * 40 + b"\x00" + D05.encode(), error="binary")
    add("b08-control-heavy.txt", bytes(range(1, 32)) * 64, error="binary")
    add("b09-high-bytes-only.txt", bytes(range(0x80, 0x100)) * 16, error="binary")
    add("b10-too-large.txt", b"contrat local de sant\xc3\xa9 " * 70_000, error="too_large")
    (folder / "b11-broken-link.txt").symlink_to(folder / "nowhere.txt")
    add("b11-broken-link.txt", None, error="broken_link")
    (folder / "b12-self-link.txt").symlink_to(folder / "b12-self-link.txt")
    add("b12-self-link.txt", None, error="symlink_loop")
    (folder / "b13-loop").mkdir()
    (folder / "b13-loop" / "back-up").symlink_to(folder)
    add("b13-loop/back-up", None, error="symlink_loop")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "b14-fifo.txt")
        add("b14-fifo.txt", None, error="not_regular_file")
    if hasattr(socket, "AF_UNIX"):
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(folder / "b15-socket.txt"))
        s.close()
        add("b15-socket.txt", None, error="not_regular_file")
    if Path("/proc/self/mem").exists():  # a regular file whose read fails (EIO), for root too
        (folder / "b16-read-error.txt").symlink_to("/proc/self/mem")
        add("b16-read-error.txt", None, error="unreadable")
    if os.geteuid() != 0:  # root reads whatever the mode says
        add("b17-no-permission.txt", D05.encode(), error="unreadable")
        (folder / "b17-no-permission.txt").chmod(0)
        (folder / "b18-closed-folder").mkdir()
        (folder / "b18-closed-folder" / "x.txt").write_bytes(D05.encode())
        (folder / "b18-closed-folder").chmod(0)
        add("b18-closed-folder", None, error="unreadable")
    add("b19-vanishes.txt", D05.encode(), error="vanished")  # deleted once the batch has begun
    add("b20-cut.docx", docx[: len(docx) // 2], error="unreadable_docx")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    add("b21-protected.docx", ole + "EncryptedPackage".encode("utf-16-le"), error="encrypted")
    add("b22-zip-bomb.docx", rezip(docx, {"word/media/image1.png": bytes(5 * MAX_BYTES)}), error="too_large")
    add("b23-word97.txt", ole + "WordDocument".encode("utf-16-le"), error="unsupported_format")
    return cases


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case], subprocess.CompletedProcess[bytes], list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("bad") / "inputs"
    folder.mkdir()
    cases = build(folder)
    assert len(cases) >= 25
    args = [sys.executable, "-m", "clsx.cli", "extract", str(folder), "--max-bytes", str(MAX_BYTES)]
    with subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the batch has listed its files: one of them now disappears
        (folder / "b19-vanishes.txt").unlink()
        # read on through the same buffered reader (communicate() would skip what it holds already)
        out = proc.stdout.read()
        err = proc.stderr.read() if proc.stderr else b""
        proc.wait(timeout=600)
    done = subprocess.CompletedProcess(args, proc.returncode, first + out, err)
    yield folder, cases, done, jsonl(done.stdout)
    for p in (folder / "b17-no-permission.txt", folder / "b18-closed-folder"):
        if p.exists():
            p.chmod(0o755)


def _shown(folder: Path, name: str) -> str:
    return str(folder / name).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def test_one_line_per_input_in_order_and_exit_code_1(batch: Any) -> None:
    folder, cases, done, rows = batch
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    assert [r["source"]["path"] for r in rows] == [_shown(folder, c.name) for c in cases]
    errors = sum(c.error is not None for c in cases)
    assert stderr_lines(done.stderr) == [f"clsx: {len(cases)} document(s), {errors} error record(s)"]


def test_every_bad_input_gives_its_error_record(batch: Any) -> None:
    folder, cases, done, rows = batch
    got = {r["source"]["path"]: r for r in rows}
    for c in cases:
        rec = got[_shown(folder, c.name)]
        if c.error:
            assert set(rec) == {"schema_version", "source", "error"}, c.name
            assert rec["error"]["type"] == c.error, (c.name, rec["error"])
            assert rec["error"]["message"] and "\n" not in rec["error"]["message"], c.name
        else:
            assert "error" not in rec, (c.name, rec.get("error"))


def test_every_good_input_gives_its_record(batch: Any, cli_schema: dict[str, Any]) -> None:
    folder, cases, done, rows = batch
    got = {r["source"]["path"]: r for r in rows}
    for c in (c for c in cases if not c.error):
        rec = got[_shown(folder, c.name)]
        jsonschema.Draft202012Validator(cli_schema).validate(rec)
        if c.encoding:
            assert rec["source"]["encoding"] == c.encoding, c.name
        if c.territory:
            assert rec["territory"]["name"] == c.territory, c.name
        if c.warning:
            assert any(c.warning in w for w in rec["warnings"]), (c.name, rec["warnings"])
        assert rec["signature"]["date"] == ("2021-11-09" if c.territory == TERRITORY else rec["signature"]["date"]), c.name


def test_spans_index_each_text_as_decoded(batch: Any) -> None:
    """... as decoded, or as converted when the content is a web page (whatever its name)."""
    from clsx.convert import read_document

    folder, cases, done, rows = batch
    got = {r["source"]["path"]: r for r in rows}
    for c in (c for c in cases if not c.error):
        text = read_document(str(folder / c.name), max_bytes=MAX_BYTES)[0].text
        rec = got[_shown(folder, c.name)]
        assert rec["source"]["chars"] == len(text), c.name
        for where, span in walk_spans(rec):
            assert text[span["start"] : span["end"]] == span["text"], (c.name, where)


def test_no_traceback_and_stdout_is_pure_jsonl(batch: Any) -> None:
    folder, cases, done, rows = batch
    assert b"Traceback" not in done.stderr
    assert all(json.loads(line) for line in done.stdout.decode("utf-8").splitlines())


def test_two_jobs_write_the_same_bytes(batch: Any) -> None:
    """Run again with two workers: the same lines, byte for byte, but for the file that has vanished since."""
    folder, cases, done, rows = batch
    again = subprocess.run(
        [sys.executable, "-m", "clsx.cli", "extract", str(folder), "--max-bytes", str(MAX_BYTES), "--jobs", "2"],
        cwd=ROOT, capture_output=True, timeout=600,
    )
    assert again.returncode == 1
    expected = [line for line in done.stdout.split(b"\n") if b"b19-vanishes.txt" not in line]
    assert again.stdout.split(b"\n") == expected


def test_a_bug_in_a_reader_is_extraction_failed_not_unreadable(tmp_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the README says: `unreadable` is the file's fault (permissions, read errors), a reader
    that breaks is a bug to report."""
    import clsx.convert
    from clsx.extract import extract_path

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(clsx.convert, "read_document", broken)
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body><p>x</p></body></html>")
    rec = extract_path(str(path))
    assert rec["error"]["type"] == "extraction_failed"
    assert rec["error"]["message"] == "RecursionError: maximum recursion depth exceeded (broken)"
