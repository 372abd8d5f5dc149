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
    written = []
    try:
        for source, target in targets:
            data = source.read_bytes()
            if target.suffix == ".yaml":
                data = _with_dates(data.decode("utf-8"), today or dt.date.today()).encode("utf-8")
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as out:  # x: fails rather than replace a file made meanwhile
                out.write(data)
            written.append(target)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise ContentError([Problem(Loc(display_name(folder)), f"cannot write the new leaflet: {exc.strerror}",
                                    hint="check the folder can be written to")]) from None
    return written
