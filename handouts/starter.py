"""`generate.py init FOLDER`: a new leaflet folder to write over. It holds a content.yaml that
passes `check` and uses every kind of block once, with a note on each field; an images/ folder
with a picture; and a theme that starts from the built-in one.

Nothing is overwritten: when any of the files is already there, nothing at all is written."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from handouts.errors import ContentError, Loc, Problem
from handouts.paths import TEMPLATES
from handouts.read.source import display_name

STARTER = TEMPLATES / "init"
FILES = (("content.yaml", "content.yaml"), ("theme.yaml", "theme.yaml"), ("picture.png", "images/picture.png"))


def _with_dates(text: str, today: dt.date) -> str:
    """The example's review dates: reviewed today, due again in a year."""
    try:
        next_year = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        next_year = today.replace(year=today.year + 1, day=28)
    return text.replace("{today}", today.isoformat()).replace("{next_year}", next_year.isoformat())


def create(folder: Path, today: dt.date | None = None) -> list[Path]:
    """Write the starter files into `folder` (made if needed); returns their paths."""
    targets = [(STARTER / source, folder / name) for source, name in FILES]
    there = [Problem(Loc(display_name(target)), "this file is already there; init never overwrites a file",
                     hint="choose a new folder, or move the file away first")
             for _, target in targets if os.path.lexists(target)]
    if folder.exists() and not folder.is_dir():
        there.append(Problem(Loc(display_name(folder)), "this is a file, not a folder", hint="name a new folder"))
    if there:
        raise ContentError(there)
    links = sorted({display_name(parent) for _, target in targets for parent in _inside(folder, target)
                    if os.path.islink(parent)})
    if links:
        raise ContentError([Problem(Loc(name), "this is a link to another folder; init writes only into real folders",
                                    hint="remove the link, or choose a new folder") for name in links])
    made: list[Path] = []  # files and folders this run created, removed again if it fails
    try:
        for source, target in targets:
            data = source.read_bytes()
            if target.suffix == ".yaml":
                data = _with_dates(data.decode("utf-8"), today or dt.date.today()).encode("utf-8")
            for parent in reversed(target.parents):  # outermost first
                if not os.path.lexists(parent):
                    parent.mkdir()
                    made.append(parent)
            # never through a link, never over a file made meanwhile
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
            made.append(target)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
    except BaseException as exc:  # a full disk, a signal: what this run made is removed
        _remove(made)
        if isinstance(exc, OSError):
            raise ContentError([Problem(Loc(display_name(folder)), f"cannot write the new leaflet: {exc.strerror}",
                                        hint="check there is room on the disk and the folder can be written to")]) \
                from None
        raise
    return [target for _, target in targets]


def _inside(folder: Path, target: Path) -> list[Path]:
    """The folders between `folder` and `target` (images/ for images/picture.png), innermost first."""
    return [p for p in target.parents if p != folder and folder in p.parents]


def _remove(made: list[Path]) -> None:
    for path in reversed(made):
        try:
            path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink(missing_ok=True)
        except OSError:
            pass
