"""Which format an input is in, by its first bytes, else its extension (in any case).

Bytes that say what they are (a PDF, a zip, an OLE2 file, an image) decide, whatever the name:
a .txt that holds a PNG is an image, a .doc that holds a .docx is read as one. Inside a zip, the
parts it holds tell a .docx from an .odt, a workbook or an e-book. A format clsx does not read
gives the error `unsupported_format`, naming it and saying what to do; a password-protected
document gives `encrypted`. The table below is the data: add a format there.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from ..source import InputError

READABLE_EXTENSIONS = {
    ".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".ott": "odt",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
}


@dataclass(frozen=True)
class Format:
    name: str  # as the message names it
    advice: str  # what to do instead
    extensions: tuple[str, ...] = ()
    magic: bytes = b""  # a regex its first bytes match


_SAVE_DOCX = "save it as .docx, .odt or PDF and give clsx that file"
_COPY_TEXT = "copy the press release's text into a .txt or .docx file"
_OCR = "run OCR on it and give clsx the text (or a PDF with a text layer)"
_UNPACK = "unpack it and give clsx the files inside"

UNSUPPORTED: dict[str, Format] = {
    "doc": Format("a Word 97-2003 document (.doc)", _SAVE_DOCX, (".doc", ".dot")),
    "docm": Format("a macro-enabled or template Word file (.docm, .dotx)", "save it as a plain .docx", (".docm", ".dotx", ".dotm")),
    "rtf": Format("an RTF document (.rtf)", _SAVE_DOCX, (".rtf",), rb"\{\\rtf"),
    "wpd": Format("a WordPerfect or Works document", _SAVE_DOCX, (".wpd", ".wps")),
    "pages": Format("an Apple Pages document (.pages)", "export it as .docx or PDF", (".pages",)),
    "xls": Format("an Excel 97-2003 workbook (.xls)", _COPY_TEXT, (".xls",)),
    "xlsx": Format("an Excel workbook (.xlsx)", _COPY_TEXT, (".xlsx", ".xlsm", ".xltx")),
    "ods": Format("an OpenDocument spreadsheet (.ods)", _COPY_TEXT, (".ods",)),
    "ppt": Format("a PowerPoint 97-2003 presentation (.ppt)", _COPY_TEXT, (".ppt", ".pps")),
    "pptx": Format("a PowerPoint presentation (.pptx)", _COPY_TEXT, (".pptx", ".ppsx")),
    "odp": Format("an OpenDocument presentation (.odp)", _COPY_TEXT, (".odp",)),
    "odg": Format("an OpenDocument drawing (.odg)", _COPY_TEXT, (".odg",)),
    "msg": Format("an Outlook message (.msg)", "save the message as text (.txt) or copy its text into a file", (".msg",)),
    "ole": Format("a Microsoft Office 97-2003 file (OLE2)", _SAVE_DOCX),
    "epub": Format("an EPUB e-book (.epub)", _COPY_TEXT, (".epub",)),
    "zip": Format("a ZIP archive", _UNPACK, (".zip",)),
    "gzip": Format("a gzip archive", _UNPACK, (".gz", ".tgz"), rb"\x1f\x8b"),
    "bzip2": Format("a bzip2 archive", _UNPACK, (".bz2",), rb"BZh[1-9]1AY&SY"),
    "xz": Format("an xz archive", _UNPACK, (".xz",), rb"\xfd7zXZ\x00"),
    "7z": Format("a 7-Zip archive", _UNPACK, (".7z",), rb"7z\xbc\xaf\x27\x1c"),
    "rar": Format("a RAR archive", _UNPACK, (".rar",), rb"Rar!\x1a\x07"),
    "tar": Format("a tar archive", _UNPACK, (".tar",), rb".{257}ustar(?:\x00|  \x00)"),
    "png": Format("a PNG image", _OCR, (".png",), rb"\x89PNG\r\n\x1a\n"),
    "jpeg": Format("a JPEG image", _OCR, (".jpg", ".jpeg"), rb"\xff\xd8\xff"),
    "gif": Format("a GIF image", _OCR, (".gif",), rb"GIF8[79]a"),
    "tiff": Format("a TIFF image", _OCR, (".tif", ".tiff"), rb"II\*\x00|MM\x00\*"),
    "webp": Format("a WebP image", _OCR, (".webp",), rb"RIFF....WEBP"),
    "bmp": Format("a BMP image", _OCR, (".bmp",)),
    "heic": Format("a HEIC image", _OCR, (".heic", ".heif"), rb"....ftyp(?:heic|heix|mif1|heif)"),
}

# signatures that say what a file is, whatever its name (DOTALL: '.' is any byte)
MAGIC: list[tuple[re.Pattern[bytes], str]] = [(re.compile(f.magic, re.DOTALL), key) for key, f in UNSUPPORTED.items() if f.magic]
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# names of the streams inside an OLE2 file (UTF-16): what it holds
_OLE_STREAMS = [("EncryptedPackage", "encrypted"), ("WordDocument", "doc"), ("Workbook", "xls"), ("PowerPoint Document", "ppt"), ("__substg1.0_", "msg")]
# parts of a zip that say what it is
_ZIP_PARTS = [("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx"), ("Index/Document.iwa", "pages")]
_ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.text-template": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.graphics": "odg",
    "application/epub+zip": "epub",
}
_MIMETYPE = re.compile(rb"mimetype([a-z0-9./+-]+)")
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE | re.DOTALL)
_BY_EXTENSION = {ext: key for key, f in UNSUPPORTED.items() for ext in f.extensions}


def unsupported(key: str, named: str = "") -> InputError:
    f = UNSUPPORTED[key]
    also = f" (named {named})" if named and named not in f.extensions and named not in f.name else ""
    return InputError("unsupported_format", f"{f.name}{also}, which clsx does not read: {f.advice}")


def encrypted(what: str) -> InputError:
    return InputError(
        "encrypted", f"{what} is password-protected (encrypted): open it, save a copy without the password, and give clsx that copy"
    )


def sniff(path: str, data: bytes) -> str | None:
    """What the first bytes say: 'pdf', 'docx', 'odt', a key of UNSUPPORTED, 'encrypted', or None."""
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_ZIP):
        return _zip_kind(data, PurePath(path).suffix.lower())
    if data.startswith(_OLE):
        return next((kind for name, kind in _OLE_STREAMS if name.encode("utf-16-le") in data), "ole")
    return next((kind for rx, kind in MAGIC if rx.match(head)), None)


def _zip_kind(data: bytes, ext: str) -> str:
    names = zip_names(data)
    for part, kind in _ZIP_PARTS:
        if part in names:
            return kind
    m = _MIMETYPE.match(data, 30)  # ODF and EPUB store their mimetype first, uncompressed
    if m and m.group(1).decode("ascii") in _ODF_MIMETYPES:
        return _ODF_MIMETYPES[m.group(1).decode("ascii")]
    # a damaged .docx or .odt whose parts cannot be listed: its reader says it is broken
    return READABLE_EXTENSIONS[ext] if ext in (".docx", ".odt", ".ott") else "zip"


def zip_names(data: bytes) -> set[str]:
    """The names of a zip's parts, from its directory; from its local headers when the directory
    is missing (a file cut short)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        pass
    names: set[str] = set()
    for m in re.finditer(rb"PK\x03\x04", data):
        start = m.start() + 30
        size = int.from_bytes(data[m.start() + 26 : m.start() + 28], "little")
        names.add(data[start : start + size].decode("utf-8", "replace"))
    return names


def identify(path: str, data: bytes) -> str:
    """'text', 'html', 'pdf', 'docx' or 'odt'; raises InputError for a format clsx does not read."""
    ext = PurePath(path).suffix.lower()
    kind = sniff(path, data)
    if kind == "encrypted":
        raise encrypted(f"the {ext} file" if ext else "the Office document")
    if kind in UNSUPPORTED:
        raise unsupported(kind, ext)
    if kind:
        return kind
    if ext in READABLE_EXTENSIONS:
        return READABLE_EXTENSIONS[ext]
    if _HTML_START.match(data[:2048]):
        return "html"
    if ext in _BY_EXTENSION:
        raise unsupported(_BY_EXTENSION[ext])
    return "text"
