"""Reading an input file safely: opened once, a regular file, within a size limit; text is UTF-8.

Every file we read may be hostile. It is opened without blocking (a named pipe would otherwise
wait for a writer forever), and the opened descriptor is checked, not the path, so a file swapped
after a check is never read. Themes and templates are opened without following a symbolic link.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

from handouts.errors import ContentError, Loc, Problem

MAX_BYTES = 1_000_000


def display_name(path: Path) -> str:
    """The name used in messages: the path as given, relative to the working folder when inside it.
    Links are not followed, so a message about a link names the link."""
    try:
        cwd = Path.cwd()
        for here in (Path(os.path.abspath(path)), path.resolve()):
            if here.is_relative_to(cwd):
                return str(here.relative_to(cwd))
    except (OSError, RuntimeError):  # no working folder, or a symlink loop
        pass
    return str(path)


def _fail(path: Path, message: str, hint: str = "", line: int = 0, col: int = 0):
    raise ContentError([Problem(Loc(display_name(path), line, col), message, hint=hint)])


def read_bytes(path: Path, limit: int, *, follow: bool = True, kind: str = "file",
               hint: str = "give the path of a file saved on disk", size_hint: str = "") -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them, read through one descriptor."""
    size_hint = size_hint or hint
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        _fail(path, f"{kind} not found", "check the file name and the folder you are in")
    except OSError as exc:
        if not follow and os.path.islink(path):
            _fail(path, f"the {kind} is a symbolic link; refusing to follow it", "give the path of the file itself")
        _fail(path, f"cannot read the {kind} ({exc.strerror})", hint)
    try:
        info = os.fstat(fd)
        # Named pipes and devices could block or never end; folders are not files.
        if not stat.S_ISREG(info.st_mode):
            _fail(path, f"the {kind} is not a regular file", hint)
        if info.st_size > limit:
            _fail(path, f"the {kind} is {info.st_size:,} bytes; the limit is {limit:,}", size_hint)
        chunks, size = [], 0
        while size <= limit:  # a file that grows while it is read still stops at the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        _fail(path, f"cannot read the {kind} ({exc.strerror})", hint)
    finally:
        os.close(fd)
    if size > limit:
        _fail(path, f"the {kind} is larger than {limit:,} bytes", size_hint)
    return b"".join(chunks)


def digest(data: bytes) -> str:
    """The SHA-256 of what was read: how a later run knows an input has not changed."""
    return hashlib.sha256(data).hexdigest()


def read_text(path: Path, *, follow: bool = True, sources: dict | None = None) -> str:
    """A YAML file's text: at most 1 MB of UTF-8 (a BOM is fine), with every line end a newline.
    With `sources`, records the file's real path and the digest of the bytes read."""
    data = read_bytes(path, MAX_BYTES, follow=follow, hint="give the path of a .yaml file saved on disk",
                      size_hint="split the content into several files")
    if sources is not None:
        sources[os.path.realpath(path)] = digest(data)
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        _fail(path, "file is empty", "start from the example content.yaml in the README")
    head = data[:200]
    if head.count(b"\x00") * 3 > len(head):  # every other byte zero: UTF-16 text (a BOM is read below)
        _fail(path, "the file is UTF-16 text, not UTF-8",
              "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)", 1, 1)
    # Old Mac (CR) and Windows (CRLF) line ends become plain newlines, so every line number is right.
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        _fail(path, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02X} cannot be read)",
              "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)", line, col)
    raise AssertionError("unreachable")


@contextlib.contextmanager
def regular_file(path):
    """A descriptor of `path` when it is a regular file, else None. Opened without blocking, so a
    pipe or a device named like a file never hangs the caller."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        yield None
        return
    try:
        yield fd if stat.S_ISREG(os.fstat(fd).st_mode) else None
    finally:
        os.close(fd)
