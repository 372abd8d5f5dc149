"""What the PDF code reads of ReportLab below its public API, in one place, after a version check.

Read here: a frame's room and height, whether a flowable sits at the top of its frame, what a
KeepTogether holds, the canvas's current font, its page's content stream, its document, and its
count of link annotations. Some classes of ours also extend ReportLab's own and rely on its
internals: TaggedCanvas and FooterCanvas (render/pdf/tags.py, document.py: the page's code, the
page state kept until the page count is known), Font (fonts.py: TrueType subsets and ToUnicode
maps), Para and _SpacedText (flowables.py: line breaking and text objects). Every one of those
modules imports this one first, so an untested ReportLab stops with a clear message."""

from __future__ import annotations

import reportlab

from handouts.libraries import require

require("reportlab", reportlab.Version)


def frame_height(frame) -> float:
    return frame._height


def frame_width(frame) -> float:
    return frame._width


def frame_room(frame) -> float:
    """The height left in a frame for the next flowable, after the space it must keep above it."""
    return frame._y - frame._y1p - frame._prevASpace


def frame_used(frame) -> float:
    """The height of a frame its flowables have taken so far."""
    return frame._y1 + frame._height - frame._y


def at_top(flowable) -> bool:
    """Whether the flowable is being laid at the top of its frame (a whole frame would not help)."""
    return bool(getattr(getattr(flowable, "_frame", None), "_atTop", False))


def kept(keep) -> list:
    """The flowables a KeepTogether holds."""
    return list(keep._content)


def current_font(canvas) -> tuple[str, float, object]:
    """The canvas's font name, size and fill colour."""
    return canvas._fontname, canvas._fontsize, canvas._fillColorObj


def page_code(canvas) -> list[str]:
    """The operators of the page being drawn, in order: marked content is written into it directly."""
    return canvas._code


def document(canvas):
    """The PDF document a canvas writes into (its catalogue, pages and objects)."""
    return canvas._doc


def annotation_count(canvas) -> int:
    """How many annotations the canvas has made: the last one's name ends with this number."""
    return canvas._annotationCount


def keep_annotation_count(canvas, made: int) -> None:
    """After a page's saved state is put back, go on numbering annotations past the `made` ones."""
    canvas._annotationCount = max(canvas._annotationCount, made)
