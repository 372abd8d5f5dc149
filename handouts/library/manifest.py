"""What was built from what: a small manifest in the output folder, so an unchanged leaflet is
not built again.

For each leaflet and each way of building it (the targets and options of a command), the manifest
records the digest of every file the build read (the content file, its pictures, each theme file,
the labels catalogue, the slide template), the tool's fingerprint, and the size and time of each
file written. A build is current while all of those still match. The manifest also keeps each
leaflet's review dates, so an unchanged library is checked and reported without reading a line
of YAML. A damaged manifest is ignored: everything is simply built again.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from handouts.errors import Loc, Problem
from handouts.paths import TEMPLATES
from handouts.read.source import display_name
from handouts.render.commit import NEW, _write_file

NAME = ".handouts-manifest.json"
BUILTIN = "<built-in>/"  # a built-in file's stored path starts so
VERSION = 1
MAX_BYTES = 20_000_000


def file_digest(path: str) -> str | None:
    """SHA-256 of a file's bytes, or None when it cannot be read as a regular file."""
    from handouts.read.source import regular_file

    try:
        with regular_file(path) as fd:
            if fd is None:
                return None
            digest = hashlib.sha256()
            while chunk := os.read(fd, 1 << 20):
                digest.update(chunk)
            return digest.hexdigest()
    except OSError:
        return None


def stamp(path: Path) -> list[int] | None:
    """Size and modification time of a written file: enough to see it was replaced or edited."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns] if stat.S_ISREG(info.st_mode) else None


class Manifest:
    def __init__(self, folder: Path, entries: dict | None = None, notes: tuple[Problem, ...] = ()):
        self.folder = folder
        self.entries: dict[str, dict] = entries or {}
        self.notes = list(notes)  # a damaged manifest, said once to the user

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        try:
            fd = os.open(folder / NAME, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return cls(folder)
        try:
            raw = os.read(fd, MAX_BYTES + 1) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
            data = json.loads(raw)
            if data.get("version") == VERSION and isinstance(data.get("builds"), dict):
                return cls(folder, {k: v for k, v in data["builds"].items() if _well_formed(v)})
        except (OSError, ValueError, AttributeError, RecursionError):
            pass  # damaged or hostile: ignored, so everything is built again
        finally:
            os.close(fd)
        return cls(folder, notes=(Problem(Loc(display_name(folder / NAME)), "note: the record of earlier builds is "
                                          "damaged, so every leaflet is built again; it is written anew"),))

    def current(self, key: str, tool: str, overdue_mark: bool) -> dict | None:
        """The entry for `key` when every input and output still matches it; else None."""
        entry = self.entries.get(key)
        if entry is None or entry["tool"] != tool or entry["overdue_mark"] != overdue_mark:
            return None
        if any(file_digest(self.absolute(path)) != digest for path, digest in entry["inputs"].items()):
            return None
        if any(stamp(self.folder / name) != mark for name, mark in entry["outputs"].items()):
            return None
        return entry

    def relative(self, path: str) -> str:
        """A path as the manifest stores it: from the output folder, or from handouts' own templates
        folder for a built-in file, so no machine's layout is published with the outputs."""
        real = os.path.realpath(path)
        builtin = os.path.realpath(TEMPLATES)
        if real == builtin or real.startswith(builtin + os.sep):
            return BUILTIN + os.path.relpath(real, builtin)
        return os.path.relpath(real, os.path.realpath(self.folder))

    def absolute(self, stored: str) -> str:
        if stored.startswith(BUILTIN):
            return os.path.join(os.path.realpath(TEMPLATES), stored[len(BUILTIN):])
        return os.path.join(os.path.realpath(self.folder), stored)

    def record(self, key: str, entry: dict) -> None:
        entry["outputs"] = {name: stamp(self.folder / name) for name in entry["outputs"]}
        entry["inputs"] = {self.relative(path): digest for path, digest in entry["inputs"].items()}
        entry["content"] = self.relative(entry["content"])
        loc = entry["meta"].get("next_review_loc")
        if isinstance(loc, list) and len(loc) == 3:  # the place is in the content file, named above
            entry["meta"] = {**entry["meta"], "next_review_loc": [entry["content"], *loc[1:]]}
        self.entries[key] = entry

    def key(self, content: Path, signature: str) -> str:
        """One entry per leaflet and per way of building it."""
        return f"{self.relative(str(content))}|{signature}"

    def forget_outputs(self, names: set[str]) -> None:
        """Drop entries whose files another leaflet has just replaced."""
        for key in [k for k, e in self.entries.items() if names & set(e["outputs"])]:
            del self.entries[key]

    def save(self) -> None:
        """Write the manifest atomically; called under the folder lock."""
        data = json.dumps({"version": VERSION, "builds": self.entries}, indent=1, sort_keys=True).encode()
        tmp = self.folder / f"{NEW}manifest-{os.getpid()}.json"
        tmp.unlink(missing_ok=True)
        _write_file(tmp, data)
        os.replace(tmp, self.folder / NAME)


def _well_formed(entry) -> bool:
    try:
        return (isinstance(entry["tool"], str) and isinstance(entry["overdue_mark"], bool)
                and all(isinstance(p, str) and isinstance(d, (str, type(None))) for p, d in entry["inputs"].items())
                and all(isinstance(n, str) and n == Path(n).name for n in entry["outputs"])
                and isinstance(entry["meta"], dict))
    except (KeyError, TypeError, AttributeError):
        return False

