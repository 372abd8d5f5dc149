"""Resolved themes kept as JSON in the user's cache folder, as black and pip keep theirs, so an
unchanged theme is not parsed again: reading the theme YAML is about 8 ms of a 300 ms build.

Only a theme that loaded without problems is stored. An entry is used only while the bytes of
every theme file in its parent chain, the source of the code that reads themes, and the font
files it names are unchanged; anything else is a miss and the theme is read in full. A cache
that cannot be read or written is ignored. HANDOUTS_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .source import read_text

# The modules whose code decides what a theme file resolves to.
_CODE = ("theme.py", "spec.py", "yamlnodes.py", "fonts.py", "theme_cache.py")


def folder() -> Path | None:
    if os.environ.get("HANDOUTS_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "handouts"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry(path: Path, where: Path) -> Path:
    code = hashlib.sha256()
    here = Path(__file__).parent
    for name in _CODE:
        code.update((here / name).read_bytes())
    code.update(str(path.resolve()).encode("utf-8"))
    return where / f"theme-{code.hexdigest()[:24]}.json"


def get(path: Path) -> dict | None:
    """The stored fields of a theme, or None when there is no entry still valid for it."""
    where = folder()
    if where is None:
        return None
    try:
        entry = json.loads(_entry(path, where).read_text(encoding="utf-8"))
        for file, digest in entry["files"]:
            if _digest(read_text(Path(file))) != digest:
                return None
        if not all(os.path.isfile(f) for f in entry["fonts"]):
            return None
        return entry["theme"]
    except Exception:  # no entry, or one from another version of this program: read the theme in full
        return None


def put(path: Path, files: list[Path], fonts: list[Path], theme: dict) -> None:
    """Store a theme that loaded cleanly. Written beside its final name, then moved into place."""
    where = folder()
    if where is None:
        return
    tmp = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        entry = {"files": [[str(f.resolve()), _digest(read_text(f))] for f in files],
                 "fonts": [str(f) for f in fonts], "theme": theme}
        fd, tmp = tempfile.mkstemp(prefix=".theme-", suffix=".tmp", dir=where)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(entry, out)
        os.replace(tmp, _entry(path, where))
    except Exception:  # a read-only or full disk only costs the next run its 8 ms
        if tmp:
            Path(tmp).unlink(missing_ok=True)
