"""`clsx show` prints data, never instructions: no escape sequence, C0/C1 control or bidi control
from a file name or a record reaches the terminal, and rich markup in a value is shown as text."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from clsx.cli import app
from clsx.show import renderable

TEXT = "Le contrat local de santé du Val a été signé le 3 mai 2022 à Valdor par la présidente.\n"
HOSTILE = [
    "\x1b]0;owned\x07",  # retitles the window
    "\x1b[2J\x1b[H",  # clears the screen
    "\x1b[31m",  # colours what follows
    "\x9b31m",  # the same with the 8-bit CSI
    "\x08\x08\x08",  # backspaces over what was printed
    "\r",  # back to the start of the line
    "\u202e",  # right-to-left override: shows the text in another order
    "\u2066\u2069\u200f",
    "[/]",  # rich markup: a closing tag that would crash it
    "[bold red]x[/]",
    "[link=https://example.org]y[/link]",
]
# SGR (colours and styles) is what rich itself writes; anything else from the data is an injection.
_SGR = re.compile(r"\x1b\[[0-9;]*m")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _record(tmp_path: Path) -> dict[str, Any]:
    from clsx.extract import extract_path

    path = tmp_path / "val.txt"
    path.write_text(TEXT, encoding="utf-8")
    return extract_path(str(path), with_text=True)


def _printed(record: dict[str, Any], text: str | None, color: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, color_system="truecolor" if color else None, width=300, highlight=False)
    console.print(renderable(record, text))
    return out.getvalue()


@pytest.mark.parametrize("color", [True, False])
@pytest.mark.parametrize("bad", HOSTILE)
def test_nothing_from_a_record_reaches_the_terminal_as_a_control(tmp_path: Path, nlp: Any, bad: str, color: bool) -> None:
    rec = _record(tmp_path)
    rec["source"]["path"] = f"val{bad}.txt"
    rec["signature"]["place"] = f"Valdor{bad}"
    rec["warnings"] = [f"note{bad}"]
    text = rec.pop("text").replace("présidente", "présidente" + bad)
    printed = _SGR.sub("", _printed(rec, text, color))
    assert not _UNSAFE.search(printed)
    visible = _UNSAFE.sub("\ufffd", bad)
    assert f"Valdor{visible}" in printed and f"warning: note{visible}" in printed and f"val{visible}.txt" in printed
    held = re.search(r"(\d+) of (\d+) spans highlighted", printed)
    assert held and held.group(1) == held.group(2), "one character for one: every span is still drawn"


def test_an_error_record_with_controls_in_its_message(tmp_path: Path) -> None:
    rec = {"schema_version": "1", "source": {"path": "a\x1b[2J.txt"}, "error": {"type": "no_text", "message": "[/] \x1b]0;x\x07"}}
    printed = _printed(rec, None, False)
    assert not _UNSAFE.search(printed)
    assert "error no_text: [/] \ufffd]0;x\ufffd" in printed


def test_show_of_a_records_file_with_markup_and_escapes(tmp_path: Path, nlp: Any) -> None:
    rec = _record(tmp_path)
    rec["signature"]["place"] = "[/]Valdor\x1b[2J"
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["show", str(path), "--color"], env={"COLUMNS": "200"}, catch_exceptions=False)
    assert result.exit_code == 0
    out = _SGR.sub("", result.stdout)
    assert "\x1b" not in out and "[/]Valdor\ufffd[2J" in out
