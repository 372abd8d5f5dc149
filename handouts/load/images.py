"""Pictures (logo and image blocks): regular PNG or JPEG files inside the content file's folder.

Pillow's limits are set here in code, not left to the environment: a pixel cap, and the
decompression-bomb warning raised as an error.
"""

from __future__ import annotations

import os
import stat
import warnings
from pathlib import Path

from handouts.errors import Problems
from handouts.load.spec import Str

MAX_PIXELS = 25_000_000


def pillow():
    """Pillow with our limits set: a pixel cap, and decompression-bomb warnings raised as errors."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    return Image

FORMATS = {"PNG", "JPEG"}


def resolve(value: Str, folder: Path, problems: Problems) -> Path | None:
    """Check one picture path; return its resolved path, or None after recording why not."""
    hint_save = "save the picture as PNG or JPEG in the same folder as content.yaml"
    if "://" in value or value.lower().startswith(("http:", "https:", "data:")):
        problems.add(value.loc, "pictures cannot be loaded from the web", value.path, hint_save)
        return None
    raw = Path(value)
    if raw.is_absolute():
        problems.add(value.loc, f"'{value}' is an absolute path", value.path,
                     "use a path relative to content.yaml, e.g. images/logo.png")
        return None
    root = folder.resolve()
    path = (root / raw).resolve()  # follows symlinks, so a link that leaves the folder is caught
    if root not in path.parents:
        problems.add(value.loc, f"'{value}' is outside the content folder", value.path, hint_save)
        return None
    try:
        info = os.stat(path)
    except OSError:
        problems.add(value.loc, f"picture '{value}' not found", value.path,
                     "check the file name; paths are relative to content.yaml")
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.add(value.loc, f"'{value}' is not a regular file", value.path, hint_save)
        return None
    if path.suffix.lower() == ".svg":
        problems.add(value.loc, f"'{value}' is an SVG drawing, which is not supported", value.path,
                     "export it as PNG (at least 300 pixels wide)")
        return None
    Image = pillow()
    try:
        with Image.open(path) as im:
            kind = im.format
            width, height = im.size
            if kind in FORMATS:
                im.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        problems.add(value.loc, f"'{value}' is larger than {MAX_PIXELS // 1_000_000} megapixels", value.path,
                     "resize it to at most 2000 pixels on the longest side")
        return None
    except Exception:  # Pillow raises many types for broken files; all mean the same to the user
        problems.add(value.loc, f"'{value}' is not a readable PNG or JPEG picture", value.path,
                     "open it in an image editor and save it again as PNG or JPEG")
        return None
    if kind not in FORMATS:
        problems.add(value.loc, f"'{value}' is a {kind} picture; only PNG and JPEG are supported", value.path,
                     hint_save)
        return None
    if width * height > MAX_PIXELS:
        problems.add(value.loc, f"'{value}' is larger than {MAX_PIXELS // 1_000_000} megapixels", value.path,
                     "resize it to at most 2000 pixels on the longest side")
        return None
    return path
