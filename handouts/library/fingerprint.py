"""The identity of the tool itself, for the manifest: its version, its own code and templates' code
paths, and the versions of the libraries and fonts that shape the output. When any changes, every
output is built again."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import handouts

# The libraries whose version can change the bytes we write.
SHAPING = ("reportlab", "python-pptx", "pikepdf", "Pillow", "qrcode", "Babel", "fontpkg-atkinson-hyperlegible",
           "fontpkg-arimo", "fontpkg-noto-sans",
           "fontpkg-noto-sans-arabic", "fontpkg-noto-sans-devanagari", "fonttools", "lxml", "uharfbuzz",
           "Jinja2", "MarkupSafe", "Brotli")


def fingerprint() -> str:
    digest = hashlib.sha256(handouts.__version__.encode())
    package = Path(handouts.__file__).parent
    for here, folders, files in sorted(os.walk(package)):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = Path(here) / name
                digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    # the page templates and styles shape the web edition as much as the code does
    from handouts.paths import TEMPLATES

    for path in sorted((TEMPLATES / "html").glob("*")):
        if path.is_file():
            digest.update(f"templates/html/{path.name}".encode() + b"\0" + path.read_bytes())
    installed = _installed()
    for dist in SHAPING:
        digest.update(f"{dist}={installed.get(_normal(dist), '-')}\n".encode())
    return digest.hexdigest()


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _installed() -> dict[str, str]:
    """Installed distributions and their versions, read from the names of their .dist-info folders
    (importlib.metadata would cost more to import than the whole check of an unchanged library)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, version = name[: -len(".dist-info")].partition("-")
                found.setdefault(_normal(dist), version)
    return found
