"""The libraries whose private parts handouts reaches into, and the versions it was tested with.

Each such library is touched through one adapter module, which calls `require` when it is first
imported: a version outside the tested range stops with a clear message (and how to fix it),
rather than with an AttributeError from deep inside a build. pyproject.toml holds the same bounds.

- ruamel.yaml: its error texts, read to word YAML syntax errors (read/yamlnodes.py)
- python-pptx: its XML element classes and package parts (render/deck/ooxml.py, partnames.py)
- ReportLab: frames, canvases, fonts and text objects (render/pdf/reportlab_parts.py)
- python-bidi: the steps of its pure-Python algorithm (render/pdf/bidi.py)
"""

from __future__ import annotations

TESTED = {  # distribution: (lowest version, first version not yet tested)
    "ruamel.yaml": ((0, 18), (0, 20)),
    "python-pptx": ((1, 0), (2, 0)),
    "reportlab": ((4, 4), (6, 0)),
    "python-bidi": ((0, 6), (0, 7)),
}


class UnsupportedLibrary(Exception):
    """An installed library outside the versions handouts was tested with."""


def require(distribution: str, version: str) -> None:
    """Stop, with what to do, unless `version` of `distribution` is one handouts was tested with."""
    low, high = TESTED[distribution]
    try:
        found = tuple(int(part) for part in version.split(".")[:2])
    except ValueError:
        found = (-1,)
    if not low <= found < high:
        raise UnsupportedLibrary(
            f"handouts works with {distribution} {'.'.join(map(str, low))} up to (not including) "
            f"{'.'.join(map(str, high))}, and {version} is installed. Install a tested version: "
            f"pip install '{distribution}>={'.'.join(map(str, low))},<{'.'.join(map(str, high))}'")
