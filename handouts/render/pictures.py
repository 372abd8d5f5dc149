"""Pictures at the size they are placed: 300 pixels per inch where they are printed, twice their
CSS size on the web page. Each picture is made smaller once per size it is placed at, and every
use at that size shares those bytes, so forty uses of one photo decode it once, not forty times.
The loader has already checked the picture and turned it upright (its EXIF orientation)."""

from __future__ import annotations

import functools
import io

from handouts import model as m
from handouts.read.pictures import encode, pillow

PRINT_PPI = 300
WEB_SCALE = 2  # pixels per CSS pixel: sharp on a phone's screen


def for_print(picture: m.Picture, width_pt: float, height_pt: float) -> bytes:
    """The picture's bytes for a place of width_pt by height_pt points (no more pixels than 300 per inch)."""
    return fitted(picture, width_pt / 72 * PRINT_PPI, height_pt / 72 * PRINT_PPI)


def for_web(picture: m.Picture, css_px: float) -> bytes:
    """The picture's bytes for a place at most css_px CSS pixels wide and high."""
    return fitted(picture, css_px * WEB_SCALE, css_px * WEB_SCALE)


def fitted(picture: m.Picture, max_w: float, max_h: float) -> bytes:
    w, h = picture.width, picture.height
    scale = min(max_w / w, max_h / h)
    if scale >= 1:
        return picture.data
    return _smaller(picture.data, picture.format, max(1, round(w * scale)), max(1, round(h * scale)))


@functools.lru_cache(maxsize=32)  # keyed by the same bytes object: its hash is computed once
def _smaller(data: bytes, kind: str, width: int, height: int) -> bytes:
    with pillow().open(io.BytesIO(data)) as im:
        if kind == "JPEG":
            im.draft(im.mode, (width, height))  # decode at 1/2, 1/4 or 1/8 size when that is enough
        small = im.resize((width, height), pillow().Resampling.BICUBIC, reducing_gap=2.0)
    return encode(small, kind)
