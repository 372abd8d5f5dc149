"""Reading an input file safely: a regular file, at most 1 MB, UTF-8 (a BOM is fine)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from handouts.errors import ContentError, Loc, Problem

MAX_BYTES = 1_000_000


def display_name(path: Path) -> str:
    """The name used in messages: relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the folder, or a symlink loop
        return str(path)


def read_text(path: Path) -> str:
    name = display_name(path)

    def fail(message: str, hint: str = "", line: int = 0, col: int = 0):
        raise ContentError([Problem(Loc(name, line, col), message, hint=hint)])

    try:
        info = os.stat(path)
    except FileNotFoundError:
        fail("file not found", "check the file name and the folder you are in")
    except OSError as exc:
        fail(f"cannot read the file ({exc.strerror})")
    # Named pipes and devices could block or never end; only plain files are content.
    if not stat.S_ISREG(info.st_mode):
        fail("not a regular file", "give the path of a .yaml file saved on disk")
    if info.st_size > MAX_BYTES:
        fail(f"file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,} (1 MB)",
             "split the content into several files")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        fail(f"cannot read the file ({exc.strerror})")
    if len(data) > MAX_BYTES:
        fail(f"file is larger than {MAX_BYTES:,} bytes (1 MB)", "split the content into several files")
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        fail("file is empty", "start from the example content.yaml in the README")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        fail(f"the file is not UTF-8 text (byte 0x{data[exc.start]:02X} cannot be read)",
             "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)", line, col)
    raise AssertionError("unreachable")
