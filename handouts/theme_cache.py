"""Resolved themes kept as JSON in the user's cache folder, as black and pip keep theirs, so an
unchanged theme is not parsed again: reading the theme YAML is about 8 ms of a 300 ms build.

Only a theme that loaded without problems is stored. An entry is used only while every theme file
in its parent chain (read through the paths as written, so a re-pointed symlink counts), the code
that reads themes and the font files it names are unchanged; anything else is a miss and the
theme is read in full. A cache that cannot be found, read or written is ignored.
HANDOUTS_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from .source import read_text

# The modules whose code decides what a theme file resolves to.
_CODE = ("theme.py", "spec.py", "yamlnodes.py", "source.py", "fonts.py", "theme_cache.py")


def folder() -> Path | None:
    if os.environ.get("HANDOUTS_NO_CACHE"):
        return None
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home folder (a container user with no passwd entry): no cache
        return None
    return Path(base) / "handouts"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_fingerprint() -> str:
    """Our reading code and the YAML parser's version: an entry made by other code is not used."""
    from ruamel.yaml import __version__ as yaml_version

    code = hashlib.sha256(yaml_version.encode("ascii"))
    here = Path(__file__).parent
    for name in _CODE:
        code.update((here / name).read_bytes())
    return code.hexdigest()


def _named(path: Path) -> str:
    return os.path.abspath(path)  # absolute, but symlinks kept as written


def _entry(path: Path, where: Path) -> Path:
    key = hashlib.sha256(f"{code_fingerprint()}\n{_named(path)}".encode("utf-8")).hexdigest()
    return where / f"theme-{key[:24]}.json"


def get(path: Path) -> dict | None:
    """The stored fields of a theme, or None when there is no entry still valid for it."""
    try:
        where = folder()
        if where is None:
            return None
        entry = json.loads(_entry(path, where).read_text(encoding="utf-8"))
        for file, digest in entry["files"]:
            if _digest(read_text(Path(file))) != digest:
                return None
        if not all(os.path.isfile(f) for f in entry["fonts"]):
            return None
        return dict(entry["theme"])
    except Exception:  # no entry, or a damaged one: read the theme in full
        return None


def put(path: Path, files: list[tuple[Path, str]], fonts: list[Path], theme: dict) -> None:
    """Store a theme that loaded cleanly, with the digests of the very texts it was parsed from
    (a file saved again mid-run is then a miss next time, not a stale hit)."""
    tmp = None
    try:
        where = folder()
        if where is None:
            return
        where.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(where)
        entry = {"files": [[_named(f), _digest(text)] for f, text in files],
                 "fonts": [str(f) for f in fonts], "theme": theme}
        fd, tmp = tempfile.mkstemp(prefix=".theme-", suffix=".tmp", dir=where)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(entry, out)
        os.replace(tmp, _entry(path, where))
    except Exception:  # a read-only or full disk only costs the next run its 8 ms
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def _remove_stale_temporaries(where: Path) -> None:
    """A run killed while writing leaves its temporary file; a minute on, no live run owns it."""
    for stale in where.glob(".theme-*.tmp"):
        try:
            if stale.stat().st_mtime < time.time() - 60:
                stale.unlink()
        except OSError:
            pass
