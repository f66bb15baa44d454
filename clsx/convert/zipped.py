"""A .docx or .odt is a zip: open it with its size checked before anything is unpacked.

`--max-bytes` bounds what clsx reads from disk; a zip of that size may unpack to gigabytes (a
zip bomb). The sizes its directory declares are added up first, and a document that would unpack
to more than UNPACKED times `--max-bytes` is refused as `too_large`, in microseconds. A part
that holds more than its directory declares cannot slip through either: zipfile stops at the
declared size and the checksum then fails (an `unreadable_…` error).
"""

from __future__ import annotations

import io
import zipfile

from ..source import InputError

# A press release's document.xml or content.xml is tens of kB; four times --max-bytes (20 MB by
# default) is hundreds of pages of text, far more than the model reads (--max-tokens).
UNPACKED = 4


def open_zip(data: bytes, max_bytes: int, kind: str) -> zipfile.ZipFile:
    """The zip, its declared sizes checked; `kind` ('docx', 'odt') names the errors."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as e:
        raise InputError(f"unreadable_{kind}", f"not a readable .{kind}: the zip archive it should be is damaged or cut short ({e})") from e
    if any(i.flag_bits & 0x1 for i in infos):
        from .formats import encrypted

        raise encrypted(f"the .{kind}")
    unpacked = sum(i.file_size for i in infos)
    limit = UNPACKED * max_bytes
    if unpacked > limit:
        raise InputError(
            "too_large",
            f"the .{kind} would unpack to {unpacked:,} bytes, over the limit of {limit:,} ({UNPACKED} x --max-bytes): "
            "a zip bomb, or far longer than a press release",
        )
    return z


def read_part(z: zipfile.ZipFile, name: str, kind: str) -> bytes:
    """One part of the zip, whole (its size was checked by open_zip)."""
    try:
        return z.read(name)
    except KeyError as e:
        raise InputError(f"unreadable_{kind}", f"not a readable .{kind}: it has no {name}") from e
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError) as e:
        raise InputError(f"unreadable_{kind}", f"not a readable .{kind}: its {name} is damaged ({e})") from e
