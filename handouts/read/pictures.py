"""Pillow with our limits set, and a picture written again: shared by the loader, which checks and
prepares each picture, and the renderers, which make it smaller for where it is placed."""

from __future__ import annotations

import io
import warnings

MAX_PIXELS = 25_000_000  # one picture


def pillow():
    """Pillow with our limits set: a pixel cap, and decompression-bomb warnings raised as errors."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    return Image


def encode(im, kind: str) -> bytes:
    """A picture written again as PNG or JPEG, with no EXIF (it is upright now)."""
    out = io.BytesIO()
    if kind == "JPEG":
        if im.mode not in ("RGB", "L", "CMYK"):
            im = im.convert("RGB")
        im.save(out, "JPEG", quality=90)
    else:
        im.save(out, "PNG")
    return out.getvalue()
