"""The identity of the tool itself, for the manifest: its version, its own code and templates' code
paths, and the versions of the libraries and fonts that shape the output. When any changes, every
output is built again."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

import handouts


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
    for name, version in sorted(libraries().items()):
        digest.update(f"{name}={version}\n".encode())
    return digest.hexdigest()


def _name(requirement: str) -> str:
    """The distribution a requirement names ("python-pptx>=1.0,<2; ..." -> "python_pptx")."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return re.sub(r"[-_.]+", "_", match.group(1)).lower() if match else ""


def _dist_infos() -> dict[str, Path]:
    """Every installed distribution's metadata folder, by normalised name, as importlib.metadata
    finds them (the first on sys.path wins). Read directly: importing importlib.metadata (and the
    email parser behind it) costs about 65 ms, more than the whole check of an unchanged library."""
    found: dict[str, Path] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                found.setdefault(_name(name[: -len(".dist-info")].partition("-")[0]), Path(entry or ".") / name)
    return found


def _metadata(folder: Path) -> str:
    try:
        return (folder / "METADATA").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _requires(text: str) -> list[str]:
    """A distribution's requirements, without those of its extras."""
    return [r for r in re.findall(r"^Requires-Dist:\s*(.+)$", text, re.M) if "extra ==" not in r]


def libraries() -> dict[str, str]:
    """Every installed distribution handouts runs on, directly or through another, with its version
    (a missing optional one as '-'), derived from the installed distributions' metadata: a library
    added to pyproject.toml, or one that a library starts to need, counts with no list to keep up."""
    infos = _dist_infos()
    own = infos.get("handouts")
    if own is not None and _metadata(own):
        todo = _requires(_metadata(own))
    else:  # run from a checkout that was never installed: its pyproject.toml says what it needs
        import tomllib

        from handouts.paths import ROOT

        todo = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    found: dict[str, str] = {}
    while todo:
        name = _name(todo.pop())
        if not name or name in found:
            continue
        text = _metadata(infos[name]) if name in infos else ""
        version = re.search(r"^Version:\s*(\S+)", text, re.M)
        found[name] = version.group(1) if version else "-"
        todo += _requires(text)
    return found
