"""Pictures (the logo and image blocks): regular PNG or JPEG files inside the content file's folder.

Each picture is opened once, without following a symbolic link, read, and decoded in full here,
so a broken file is reported at its line, and every renderer draws these same checked bytes.
Pillow's limits are set in code: a pixel cap, and the decompression-bomb warning raised as an error.
"""

from __future__ import annotations

import io
import os
import stat
import warnings
from pathlib import Path

from handouts import model as m
from handouts.errors import Problems
from handouts.read.spec import Str

MAX_PIXELS = 25_000_000
MAX_BYTES = 20_000_000
FORMATS = {"PNG", "JPEG"}


def pillow():
    """Pillow with our limits set: a pixel cap, and decompression-bomb warnings raised as errors."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    return Image


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


def resolve(value: Str, folder: Path, problems: Problems, content_name: str = "content.yaml") -> m.Picture | None:
    """Check and read one picture; return it, or None after recording why not."""
    hint_save = f"save the picture as PNG or JPEG in the same folder as {content_name}"
    try:
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
        data = _read_inside(root, path, str(value), content_name)
        kind, width, height = _decode(data, str(value), hint_save)
    except _Refused as refused:
        problems.add(value.loc, refused.message, value.path, refused.hint)
        return None
    return m.Picture(path, data, width, height, kind)


def _decode(data: bytes, shown: str, hint_save: str) -> tuple[str, int, int]:
    """Decode every pixel, so corrupt compressed data is found now rather than while drawing."""
    Image = pillow()
    too_big = (f"'{shown}' is larger than {MAX_PIXELS // 1_000_000} megapixels",
               "resize it to at most 2000 pixels on the longest side")
    try:
        with Image.open(io.BytesIO(data)) as im:
            kind = im.format
            width, height = im.size
            if kind not in FORMATS:
                raise _Refused(f"'{shown}' is a {kind} picture; only PNG and JPEG are supported", hint_save)
            if width * height > MAX_PIXELS:
                raise _Refused(*too_big)
            im.load()
    except _Refused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _Refused(*too_big) from None
    except Exception:  # Pillow raises many types for broken files; all mean the same to the user
        raise _Refused(f"'{shown}' is not a readable PNG or JPEG picture",
                       "open it in an image editor and save it again as PNG or JPEG") from None
    return kind, width, height
