"""Problems found in the input, collected and raised together as one plain exception.

Nothing here knows about the command line: the CLI turns a ContentError into its messages."""

from __future__ import annotations

from typing import NamedTuple


class Loc(NamedTuple):
    """A place in a source file. Line and column count from 1, as editors show them."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


class Problem(NamedTuple):
    loc: Loc
    message: str
    path: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.loc}: "
        field = f"{self.path}: " if self.path else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}{field}{self.message}{hint}"


class ContentError(Exception):
    """Every problem found in one run, sorted by place, each once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.loc, p.path, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """A collector: add problems as they are found, raise once at the end."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, loc: Loc, message: str, path: str = "", hint: str = "") -> None:
        self.items.append(Problem(loc, message, path, hint))

    def extend(self, other: Problems | list[Problem]) -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)
