"""Putting a run's files into the output folder all together, or not at all.

A run first writes each new file beside its target under a hidden name, flushed to disk and checked.
Then, for the commit:
  1. each target that already exists gets a second, hidden name (a hard link: no copy is made);
  2. a small journal listing every target, its new file and its backup is written and flushed;
  3. each new file is renamed over its target; a file with no earlier version is linked instead, so it
     keeps its hidden name too, which proves to a later recovery that this run made it;
  4. the journal is deleted. This is the moment the run counts as written;
  5. the backups, and the hidden names of the new files, are deleted.
If anything fails before step 4, the run puts every backup back and removes every new file. If the
process is killed or the power fails, the journal is still there, and the next run into the folder
does the same before anything else. So the folder ends with every old file or every new one.

A journal is only trusted as far as it proves itself: recovery removes a target only while a hidden
file of that same run (named with the journal's own token) is a second name for it, so a journal
planted in the folder cannot make a run delete a user's file. A damaged journal is set aside with a note.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import stat
from collections.abc import Sequence
from pathlib import Path

from handouts.errors import ContentError, Loc, Problem
from handouts.read.source import display_name

PREFIX = ".handouts-"
NEW, OLD = PREFIX + "new-", PREFIX + "old-"
JOURNAL = PREFIX + "journal"
JOURNAL_TMP = JOURNAL + ".tmp"
MAX_JOURNAL = 1_000_000


class Unfinished(ContentError):
    """The folder could not be put back as it was; the journal stays, for the next run to finish."""

    outcome = "the earlier files could not all be put back yet; run the command again to finish restoring them."


def _fail(path: Path, message: str, hint: str = "") -> ContentError:
    return ContentError([Problem(Loc(display_name(path)), message, hint=hint)])


def write_failed(target: Path, exc: OSError) -> ContentError:
    """A full disk, a read-only folder: said plainly, naming the file."""
    return _fail(target, f"cannot write the file ({exc.strerror})",
                 "check there is room on the disk and that the folder can be written to")


def _sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable, where the file system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the order of steps still holds
        pass
    finally:
        os.close(fd)


def _write_file(path: Path, data: bytes) -> os.stat_result:
    """Create `path` (never through a link, never over a file) with `data`, flushed to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        return os.fstat(fd)
    finally:
        os.close(fd)


def _read_back(path: Path) -> bytes:
    """The digest of the file at `path`, read from the disk again."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.digest()


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


class Commit:
    """The new files of one run, staged in `folder`, then committed together."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.token = secrets.token_hex(4)
        self.staged: list[dict] = []  # journal entries, in the order the files were staged

    def stage(self, name: str, data: bytes) -> None:
        """Write `data` under a hidden name beside `name`, then read it back: the disk must give
        back exactly what was written (the content itself was checked before: target.verify)."""
        new = self.folder / f"{NEW}{self.token}-{name}"
        try:
            try:
                info = _write_file(new, data)
            except BaseException:  # a full disk, or SIGTERM or Ctrl-C mid-write
                new.unlink(missing_ok=True)  # part of a file: not staged, so removed here
                raise
            self.staged.append({"target": name, "new": new.name, "old": None,
                                "dev": info.st_dev, "ino": info.st_ino})
            if _read_back(new) != hashlib.sha256(data).digest():
                raise _fail(self.folder / name, "the file did not read back as it was written",
                            "check the disk, then run the command again")
        except OSError as exc:
            raise write_failed(self.folder / name, exc) from None

    def discard(self) -> None:
        """Remove the staged files of a run that stops before committing."""
        for entry in self.staged:
            for name in (entry["new"], entry["old"]):
                try:
                    if name:
                        (self.folder / name).unlink(missing_ok=True)
                except OSError:  # no journal names them: the next run removes them
                    pass
        self.staged = []

    def commit(self) -> list[Path]:
        """Move every staged file into place, or none; returns the targets written."""
        folder, entries = self.folder, self.staged
        for entry in entries:  # 1. backups of the files about to be replaced
            target = folder / entry["target"]
            if target.is_symlink() or (target.exists() and not target.is_file()):
                raise _fail(target, "the output path changed during the run and is no longer a regular file",
                            "move it away or choose another output folder")
            if target.exists():
                entry["old"] = f"{OLD}{self.token}-{entry['target']}"
                try:
                    _backup(target, folder / entry["old"])
                except OSError as exc:
                    raise write_failed(target, exc) from None
        try:  # 2. the journal
            _write_file(folder / JOURNAL_TMP, json.dumps({"version": 2, "token": self.token,
                                                          "entries": entries}).encode())
            os.replace(folder / JOURNAL_TMP, folder / JOURNAL)
            _sync_folder(folder)
        except OSError as exc:
            (folder / JOURNAL_TMP).unlink(missing_ok=True)
            raise write_failed(folder / JOURNAL, exc) from None
        self.staged = []  # from here on, the journal decides what happens to these files
        done = 0
        try:  # 3. the new files into place
            for entry in entries:
                _put_in_place(folder / entry["new"], folder / entry["target"], fresh=entry["old"] is None)
                done += 1
            _sync_folder(folder)
            os.unlink(folder / JOURNAL)  # 4. the run is written
        except OSError as exc:
            failed = folder / entries[min(done, len(entries) - 1)]["target"]
            roll_back(folder, entries)
            raise _fail(failed, f"cannot write the file ({exc.strerror})",
                        "check the folder and the file, then run the command again") from None
        except BaseException:  # an interrupt: put the old files back before stopping
            roll_back(folder, entries)
            raise
        _sync_folder(folder)
        for entry in entries:  # 5. the backups and the new files' hidden names are no longer needed
            for name in (entry["old"], entry["new"]):
                try:
                    if name:
                        (folder / name).unlink(missing_ok=True)
                except OSError:  # the run is written; the next run removes what is left
                    pass
        return [folder / entry["target"] for entry in entries]


def _put_in_place(new: Path, target: Path, fresh: bool) -> None:
    """Give the new file its target's name. A file with no earlier version is linked, keeping its
    hidden name as proof for recovery (where links are refused, it is simply renamed)."""
    if fresh:
        try:
            os.link(new, target, follow_symlinks=False)
            return
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.EXDEV):
                raise
    os.replace(new, target)


def _backup(target: Path, old: Path) -> None:
    """A second name for the file about to be replaced; a copy where hard links are not supported."""
    try:
        os.link(target, old, follow_symlinks=False)
    except OSError:
        _write_file(old, target.read_bytes())


def roll_back(folder: Path, entries: list[dict]) -> None:
    """Put every backup back and remove every new file of an unfinished commit, then the journal.
    Raises Unfinished, leaving the journal, when a step fails; the next run tries again."""
    try:
        for entry in reversed(entries):
            target = folder / entry["target"]
            old = folder / entry["old"] if entry["old"] else None
            if old is not None and _is_regular(old):
                if target.exists() and not _is_regular(target) and not target.is_symlink():
                    old.unlink()  # something else put a folder here; the old file was already gone
                elif _is_regular(target) and os.path.samefile(old, target):
                    old.unlink()  # never replaced: the backup is a second name for the same file
                else:
                    os.replace(old, target)
            elif old is None and _is_regular(target) and _is_regular(folder / entry["new"]):
                info, new = os.lstat(target), os.lstat(folder / entry["new"])
                if (info.st_dev, info.st_ino) == (new.st_dev, new.st_ino) == (entry["dev"], entry["ino"]):
                    target.unlink()  # our new file, where there was none before: its hidden name proves it
            (folder / entry["new"]).unlink(missing_ok=True)
        _sync_folder(folder)
        (folder / JOURNAL).unlink(missing_ok=True)
        _sync_folder(folder)
    except OSError as exc:
        raise Unfinished([Problem(Loc(display_name(folder)), f"cannot put the earlier files back ({exc.strerror})",
                                  hint="check the folder can be written to, then run the command again")]) from None


class _Damaged(Exception):
    """The journal cannot be read as one of ours."""


def _read_journal(folder: Path) -> list[dict] | None:
    """The entries of a journal left by an interrupted run, or None when there is none. Raises
    _Damaged for one that is not a journal this tool wrote."""
    path = folder / JOURNAL
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError:
        raise _Damaged from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _Damaged
        raw = os.read(fd, MAX_JOURNAL + 1)
    finally:
        os.close(fd)
    try:
        journal = json.loads(raw)
        token = journal["token"]
        entries = journal["entries"]
        ok = isinstance(token, str) and re.fullmatch(r"[0-9a-f]{8}", token) and isinstance(entries, list)
        for e in entries if ok else ():
            names = [e["target"], e["new"]] + ([e["old"]] if e["old"] is not None else [])
            ok = ok and (all(isinstance(n, str) and n == Path(n).name and n not in (".", "..") for n in names)
                         and not e["target"].startswith(".") and e["new"] == f"{NEW}{token}-{e['target']}"
                         and e["old"] in (None, f"{OLD}{token}-{e['target']}")
                         and isinstance(e["dev"], int) and isinstance(e["ino"], int))
        if not ok:
            raise ValueError(journal)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise _Damaged from None
    return entries


def recover(folder: Path, legacy_names: Sequence[str] = ()) -> list[Problem]:
    """Before a run writes anything: roll back a commit a killed run left unfinished, then remove
    the hidden files of earlier runs. Called under the folder lock, so no other run is live.
    Only regular files with our names are removed; a folder or a link with such a name is left alone.
    Returns notes for the user: a damaged journal is set aside, as if there were none."""
    notes = []
    try:
        entries = _read_journal(folder)
    except _Damaged:
        entries = None
        notes.append(Problem(Loc(display_name(folder / JOURNAL)), "note: an earlier run left a damaged journal; it "
                             "was set aside and no file it names was touched",
                             hint=f"check the files in {display_name(folder)}"))
        try:
            if _is_regular(folder / JOURNAL):
                (folder / JOURNAL).unlink()
        except OSError:
            pass
    if entries is not None:
        roll_back(folder, entries)
    try:
        names = os.listdir(folder)
    except OSError:
        return notes
    legacy = tuple(f".{name}." for name in legacy_names)  # the temporaries of earlier versions
    ours_prefixes = (NEW,) if notes else (NEW, OLD)  # after a damaged journal, backups may be all that is left
    for name in names:
        ours = (name.startswith(ours_prefixes) or name == JOURNAL_TMP
                or (name.startswith(legacy) and name.endswith(".tmp")))
        if ours and _is_regular(folder / name):
            (folder / name).unlink(missing_ok=True)
    return notes
