"""A clinic's .pptx or .potx template, read once and checked as a zip before python-pptx sees it.

A template may be hostile: a device or a pipe, a huge file, or a small zip that unpacks to
gigabytes. Each is refused with a message naming the template; the checked bytes are kept and
every later step opens those same bytes.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from handouts.errors import ContentError, Loc, Problem
from handouts.read.source import digest, display_name, read_bytes
from handouts.render.deck.templatefile import TemplateFile

MAX_FILE = 50_000_000  # a template with a few photos is a few MB
MAX_MEMBER = 50_000_000  # unpacked size of any one part
MAX_TOTAL = 150_000_000  # unpacked size of all parts: python-pptx holds them in memory
MAX_RATIO = 100  # XML packs about 10:1; a part packed far tighter is a bomb
MAX_MEMBERS = 5_000
HINT = "give a .pptx or .potx file saved by PowerPoint, Keynote or LibreOffice"


def _refuse(path: Path, message: str, hint: str = HINT) -> ContentError:
    return ContentError([Problem(Loc(display_name(path)), message, hint=hint)])


def read_template(path: Path) -> TemplateFile:
    """Read and check the template at `path`; raises ContentError naming it."""
    data = read_bytes(path, MAX_FILE, follow=False, kind="template", hint=HINT,
                      size_hint="save the template without embedded videos, or compress its pictures")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise _refuse(path, "the template is not a PowerPoint file") from None
    if len(infos) > MAX_MEMBERS:
        raise _refuse(path, f"the template holds {len(infos):,} parts; the limit is {MAX_MEMBERS:,}")
    total = 0
    for info in infos:
        total += info.file_size
        packed = max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER or total > MAX_TOTAL:
            raise _refuse(path, f"the template unpacks to more than {MAX_TOTAL // 1_000_000} MB "
                                f"('{info.filename}' alone is {info.file_size:,} bytes)",
                          "save the template without embedded videos, or compress its pictures")
        if info.file_size > 1_000_000 and info.file_size / packed > MAX_RATIO:
            raise _refuse(path, f"the template's part '{info.filename}' is packed {info.file_size // packed:,} "
                                "to 1, which only a damaged or hostile file does")
    try:
        parts = _unpacked(archive, infos)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        raise _refuse(path, "the template is damaged: a part of it cannot be unpacked") from None
    from handouts.render.deck.cleaning import check_bounds, clean  # lxml: only when a template is given

    check_bounds(parts, display_name(path))
    cleaned = clean(parts, display_name(path))
    return TemplateFile(path, _as_presentation(cleaned.parts), (os.path.realpath(path), digest(data)), cleaned.removed)


def _unpacked(archive: zipfile.ZipFile, infos) -> dict[str, bytes]:
    """Each part, read in small pieces; zipfile stops each at its stated size, which has been checked."""
    parts = {}
    for info in infos:
        with archive.open(info) as part:
            parts[info.filename] = b"".join(iter(lambda: part.read(1 << 20), b""))
    return parts


def _as_presentation(parts: dict[str, bytes]) -> bytes:
    """The cleaned parts as a .pptx package (the main part's content type is already the plain one)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():  # a fixed date: the same template gives the same bytes
            dst.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()
