"""Pictures (the logo and image blocks): regular PNG or JPEG files inside the content file's folder.

Each distinct picture is opened once, without following a symbolic link, read, and decoded in full
here, so a broken file is reported at its line; a picture used again is the same record, and costs
nothing more. A PNG whose compressed data holds fewer rows than its header says, or a JPEG with
less data than its size needs, is refused (Pillow fills the missing part in silently). The picture
is turned upright by its EXIF orientation and a phone's MPO keeps its first frame, so every renderer
draws these same prepared bytes (each makes them smaller for where it places them: render/pictures.py).
Pillow's limits are set in code: a pixel cap, and the decompression-bomb warning raised as an error.
"""

from __future__ import annotations

import io
import math
import os
import stat
import struct
import zlib
from pathlib import Path

from handouts import model as m
from handouts.errors import Problems
from handouts.read.pictures import MAX_PIXELS, encode, pillow
from handouts.read.source import digest
from handouts.read.spec import Str

MAX_LEAFLET_PIXELS = 100_000_000  # all the distinct pictures of one leaflet, each counted once
MAX_BYTES = 20_000_000
FORMATS = {"PNG", "JPEG", "MPO"}  # MPO: a phone's JPEG with a second frame, read as its first


class _Refused(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def _read_inside(root: Path, path: Path, shown: str, content_name: str) -> bytes:
    """The bytes of `path`, which must be a regular file inside `root`. The real path is opened with
    O_NOFOLLOW, and the opened descriptor is checked again, so a link swapped in mid-way is refused."""
    outside = (f"'{shown}' is outside the content folder",
               f"save the picture as PNG or JPEG in the same folder as {content_name}")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise _Refused(f"picture '{shown}' not found",
                       f"check the file name; paths are relative to {content_name}") from None
    except OSError:  # ELOOP: the last part became a link; others: unreadable
        raise _Refused(f"picture '{shown}' cannot be read",
                       f"save the picture as PNG or JPEG in the same folder as {content_name}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused(f"'{shown}' is not a regular file",
                           f"save the picture as PNG or JPEG in the same folder as {content_name}")
        proc = f"/proc/self/fd/{fd}"
        if os.path.exists(proc) and root not in Path(os.path.realpath(proc)).parents:
            raise _Refused(*outside)
        if info.st_size > MAX_BYTES:
            raise _Refused(f"'{shown}' is {info.st_size:,} bytes; pictures may be at most {MAX_BYTES:,}",
                           "resize it to at most 2000 pixels on the longest side")
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    finally:
        os.close(fd)


class Pictures:
    """The pictures of one leaflet: each distinct file read and decoded once, and their pixels counted."""

    def __init__(self, folder: Path, content_name: str = "content.yaml"):
        self.folder, self.content_name = folder, content_name
        self.seen: dict[Path, m.Picture | _Refused] = {}
        self.pixels = 0

    def resolve(self, value: Str, problems: Problems) -> m.Picture | None:
        """Check and read one use of a picture; return it, or None after recording why not."""
        hint_save = f"save the picture as PNG or JPEG in the same folder as {self.content_name}"
        try:
            path = _where(value, self.folder, self.content_name, hint_save)
            known = self.seen.get(path)
            if known is None:
                try:
                    known = _load(path, self.folder.resolve(), str(value), self.content_name, hint_save,
                                  MAX_LEAFLET_PIXELS - self.pixels)
                    self.pixels += known.source_pixels
                except _OverBudget as over:  # found from its header, before decoding it
                    self.pixels += over.pixels
                    known = _Refused(f"the pictures of this leaflet add up to {self.pixels / 1e6:.0f} megapixels "
                                     f"with '{value}'; the limit is {MAX_LEAFLET_PIXELS // 1_000_000}",
                                     "resize the larger pictures to at most 2000 pixels on the longest side")
                except _Refused as refused:
                    known = refused
                self.seen[path] = known
            if isinstance(known, _Refused):
                raise known
        except _Refused as refused:
            problems.add(value.loc, refused.message, value.path, refused.hint)
            return None
        return known


def resolve(value: Str, folder: Path, problems: Problems, content_name: str = "content.yaml") -> m.Picture | None:
    """Check and read one picture on its own; return it, or None after recording why not."""
    return Pictures(folder, content_name).resolve(value, problems)


def _where(value: Str, folder: Path, content_name: str, hint_save: str) -> Path:
    """The real path a picture's value names, refused unless it is inside the content folder."""
    if "://" in value or value.lower().startswith(("http:", "https:", "data:")):
        raise _Refused("pictures cannot be loaded from the web", hint_save)
    raw = Path(value)
    if raw.is_absolute():
        raise _Refused(f"'{value}' is an absolute path",
                       f"use a path relative to {content_name}, e.g. images/logo.png")
    root = folder.resolve()
    try:
        path = (root / raw).resolve()  # follows links, so one that leaves the folder is caught
    except (OSError, RuntimeError):  # a loop of links
        raise _Refused(f"picture '{value}' cannot be read (its links go round in a loop)", hint_save) from None
    if root not in path.parents:
        raise _Refused(f"'{value}' is outside the content folder", hint_save)
    if path.suffix.lower() == ".svg":
        raise _Refused(f"'{value}' is an SVG drawing, which is not supported",
                       "export it as PNG (at least 300 pixels wide)")
    return path


class _OverBudget(Exception):
    def __init__(self, pixels: int):
        super().__init__(pixels)
        self.pixels = pixels


def _load(path: Path, root: Path, shown: str, content_name: str, hint_save: str, room: int) -> m.Picture:
    data = _read_inside(root, path, shown, content_name)
    return _decode(path, data, shown, hint_save, room)


_UNREADABLE = "open it in an image editor and save it again as PNG or JPEG"
# EXIF orientations 5 to 8 turn the picture a quarter, so its width and height change places
_TRANSPOSE = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE", 6: "ROTATE_270",
              7: "TRANSVERSE", 8: "ROTATE_90"}


def _decode(path: Path, data: bytes, shown: str, hint_save: str, room: int = MAX_PIXELS) -> m.Picture:
    """Decode every pixel, so corrupt compressed data is found now rather than while drawing; then
    the picture upright and as one frame."""
    Image = pillow()
    too_big = (f"'{shown}' is larger than {MAX_PIXELS // 1_000_000} megapixels",
               "resize it to at most 2000 pixels on the longest side")
    broken = (f"'{shown}' is not a readable PNG or JPEG picture", _UNREADABLE)
    try:
        with Image.open(io.BytesIO(data)) as im:
            kind = im.format
            width, height = im.size
            if kind not in FORMATS:
                raise _Refused(f"'{shown}' is a {kind} picture; only PNG and JPEG are supported", hint_save)
            if width * height > MAX_PIXELS:
                raise _Refused(*too_big)
            if width * height > room:  # past what is left of the leaflet's budget
                raise _OverBudget(width * height)
            short = _png_rows_missing(data, width, height) if kind == "PNG" else _jpeg_data_missing(data, width,
                                                                                                     height)
            if short:
                raise _Refused(f"'{shown}' is damaged: {short}", _UNREADABLE)
            im.load()
            orientation = im.getexif().get(0x0112, 1)
            turn = _TRANSPOSE.get(orientation) if isinstance(orientation, int) else None
            prepared, out_kind, pixels = data, ("JPEG" if kind == "MPO" else kind), width * height
            if turn or kind == "MPO":  # made smaller later, for each place it is drawn at
                frame = im.transpose(getattr(Image.Transpose, turn)) if turn else im
                prepared = encode(frame, out_kind)
                width, height = frame.size
    except (_Refused, _OverBudget):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _Refused(*too_big) from None
    except Exception:  # Pillow raises many types for broken files; all mean the same to the user
        raise _Refused(*broken) from None
    return m.Picture(path, prepared, width, height, out_kind, digest(data), pixels)


def _png_rows_missing(data: bytes, width: int, height: int) -> str:
    """What is missing when a PNG's compressed data holds fewer bytes than its rows need ('' if none).
    The data is inflated a piece at a time and only counted, so this holds no picture in memory."""
    pos, idat = 8, []
    depth = color = interlace = 0
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR" and len(body) >= 13:
            depth, color, interlace = body[8], body[9], body[12]
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(color, 1)

    def size(w: int, h: int) -> int:
        return 0 if not w or not h else h * (1 + math.ceil(w * channels * depth / 8))

    if interlace:  # Adam7: seven smaller pictures, one after another
        passes = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
        need = sum(size(max(0, -(-(width - x) // dx)), max(0, -(-(height - y) // dy))) for x, y, dx, dy in passes)
    else:
        need = size(width, height)
    inflate, got = zlib.decompressobj(), 0
    try:
        for body in idat:
            chunk = inflate.decompress(body, 1 << 20)
            while chunk:
                got += len(chunk)
                if got >= need:
                    return ""
                chunk = inflate.decompress(inflate.unconsumed_tail, 1 << 20)
    except zlib.error:  # not a count of rows: decoding it says it is unreadable
        return ""
    if got >= need:
        return ""
    rows = got * height // need if need else 0
    return f"its data holds about {rows} of its {height} rows"


def _jpeg_data_missing(data: bytes, width: int, height: int) -> str:
    """What is missing when a JPEG is too small to hold the size its header gives ('' if not): every
    8 by 8 block of a JPEG takes at least one bit, so fewer bits than blocks mean a header that lies
    or a file cut short (the decoder would fill the rest with grey)."""
    blocks = math.ceil(width / 8) * math.ceil(height / 8)
    if len(data) * 8 >= blocks:
        return ""
    return f"its header says {width} by {height} pixels, but it holds too little data for that"
