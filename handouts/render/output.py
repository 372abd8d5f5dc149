"""The output folder: checked before a run, and locked while a run commits its files (see commit.py)."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from handouts.errors import ContentError, Loc, Problem
from handouts.read.source import display_name

LOCK_WAIT_SECONDS = 10.0


def _fail(path: Path, message: str, hint: str = "") -> ContentError:
    return ContentError([Problem(Loc(display_name(path)), message, hint=hint)])


def _check_folder(folder: Path) -> None:
    try:
        os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as exc:  # a name too long, a loop of links: said at the folder, like any other
        raise _fail(folder, f"cannot create the output folder ({exc.strerror})",
                    "choose a shorter folder name with --out") from None
    if not folder.is_dir():
        raise _fail(folder, "the output folder is a file, not a folder",
                    "choose another folder with --out, or rename the file")


def prepare_folder(folder: Path) -> Path:
    _check_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(folder, f"cannot create the output folder ({exc.strerror})") from None
    return folder


@contextlib.contextmanager
def folder_lock(folder: Path, wait: float | None = None) -> Iterator[None]:
    """Only one run writes into a folder at a time; a second waits briefly, then gives up clearly.
    The lock is taken on the folder itself, so no lock file is left among the outputs."""
    wait = LOCK_WAIT_SECONDS if wait is None else wait
    prepare_folder(folder)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    break  # this file system has no locks; the staged, atomic writes still protect the files
                if time.monotonic() >= deadline:
                    raise _fail(folder, "another handouts run is writing into this folder",
                                "wait for it to finish, then run the command again") from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def check_target(target: Path) -> None:
    """Refuse, before anything is written, a target we must not replace."""
    if target.is_symlink():
        raise _fail(target, "the output file is a symbolic link; refusing to write through it",
                    "delete the link or choose another output folder")
    if target.exists() and not target.is_file():
        raise _fail(target, "the output path exists and is not a regular file",
                    "move it away or choose another output folder")


def preflight(folder: Path, names: list[str]) -> None:
    """Check the folder and every target first, so a run that must fail writes nothing at all."""
    _check_folder(folder)
    problems = []
    for name in names:
        try:
            check_target(folder / name)
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
