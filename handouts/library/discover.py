"""Which content files a command works on: the files named, and the content files in the folders named.

A folder means every content file in it and in its subfolders. Hidden files and folders, and folders
named `output` or `templates`, are skipped. A YAML file found in a folder counts as content when it
has a top-level `meta:` field; other YAML there (a theme, a labels catalogue) is passed over quietly.
A file named on the command line is always read as content, so a wrong one gets a clear message.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import NamedTuple

from handouts.errors import Loc, Problem
from handouts.read.source import MAX_BYTES, display_name, regular_file

SKIPPED_FOLDERS = {"output", "templates", "node_modules", "__pycache__"}
SUFFIXES = (".yaml", ".yml")
_META = re.compile(rb"^meta[ \t]*:", re.M)


def looks_like_content(path: Path) -> bool:
    """A regular YAML file whose text has a top-level `meta:` line (read without blocking)."""
    try:
        with regular_file(path) as fd:
            return fd is not None and bool(_META.search(os.read(fd, MAX_BYTES)))
    except OSError:
        return False


def _in_folder(folder: Path) -> list[Path]:
    found = []
    for here, folders, files in os.walk(folder):  # links to folders are not followed: no loops
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in SKIPPED_FOLDERS)
        for name in sorted(files):
            path = Path(here) / name
            if not name.startswith(".") and name.lower().endswith(SUFFIXES) and looks_like_content(path):
                found.append(path)
    return sorted(found)  # by folder and name, subfolders in place (feet/ before knee.yaml)


def content_files(paths: tuple[Path, ...]) -> tuple[list[Path], list[Problem]]:
    """The content files to work on, in a stable order, each once; and a problem for each folder
    named that holds none."""
    files, problems, seen = [], [], set()
    for given in paths or (Path("content.yaml"),):
        if given.is_dir():
            found = _in_folder(given)
            if not found:
                problems.append(Problem(Loc(display_name(given)), "this folder holds no content files",
                                        hint="a content file is a .yaml file with 'meta:' and 'sections:'"))
        else:
            found = [given]
        for path in found:
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files, problems


class Shard(NamedTuple):
    """The K-th of N parts of a library (`--shard K/N`), for building one library on N machines."""

    k: int
    n: int

    def holds(self, path: Path) -> bool:
        """Whether `path` is in this part: decided by its path as written (the same on every machine
        that has the same checkout), so the parts never overlap, and together hold every file. A
        leaflet stays in its part when others are added or removed."""
        digest = hashlib.sha256(path.as_posix().encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.n == self.k - 1


def sharded(files: list[Path], shard: Shard | None) -> list[Path]:
    return files if shard is None else [f for f in files if shard.holds(f)]
