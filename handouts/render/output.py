"""Writing output files safely: a lock on the output folder, a temporary file beside the target,
a check that the new file reopens, then an atomic rename. A failed run leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import fcntl
import os
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

from handouts.errors import ContentError, Loc, Problem
from handouts.load.source import display_name

_staged: contextvars.ContextVar[list | None] = contextvars.ContextVar("staged", default=None)
LOCK_WAIT_SECONDS = 10.0


def _fail(path: Path, message: str, hint: str = "") -> ContentError:
    return ContentError([Problem(Loc(display_name(path)), message, hint=hint)])


def write_failed(target: Path, exc: OSError) -> ContentError:
    """A full disk, a read-only folder: said plainly, naming the file."""
    return _fail(target, f"cannot write the file ({exc.strerror})",
                 "check there is room on the disk and that the folder can be written to")


def _check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise _fail(folder, "the output folder is a file, not a folder",
                    "choose another folder with --out, or rename the file")


def prepare_folder(folder: Path) -> Path:
    _check_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(folder, f"cannot create the output folder ({exc.strerror})")
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
                                "wait for it to finish, then run the command again")
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


@contextlib.contextmanager
def transaction() -> Iterator[None]:
    """Within it, write_atomic only stages its files; they are moved into place together when the
    block ends, or all removed if it fails. A run that must fail part-way writes nothing."""
    staged: list[tuple[Path, Path]] = []
    token = _staged.set(staged)
    try:
        yield
        for i, (tmp, target) in enumerate(staged):
            try:
                os.replace(tmp, target)
            except OSError as exc:
                for left, _ in staged[i:]:
                    left.unlink(missing_ok=True)
                raise _fail(target, f"cannot write the file ({exc.strerror})",
                            "check the folder and the file, then run the command again") from None
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        _staged.reset(token)


def remove_stale_temporaries(folder: Path, names: list[str]) -> None:
    """Temporary files a killed run left behind; called under the folder lock, so none is live."""
    for name in names:
        for stale in folder.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)


def write_atomic(target: Path, write: Callable[[Path], None], verify: Callable[[Path], None]) -> Path:
    """Write via `write(tmp)`, check with `verify(tmp)`, then move into place."""
    check_target(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _fail(target.parent, f"cannot write into the output folder ({exc.strerror})",
                    "choose a folder you can write to with --out") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        verify(tmp)
        os.chmod(tmp, 0o644)
        staged = _staged.get()
        if staged is not None:
            staged.append((tmp, target))
        else:
            os.replace(tmp, target)
    except OSError as exc:  # a full disk, a read-only folder: say so plainly
        tmp.unlink(missing_ok=True)
        raise write_failed(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
