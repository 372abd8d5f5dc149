"""One named check of the pre-print review: whether it passed, a one-line detail, and the problems."""

from __future__ import annotations

from typing import NamedTuple

from handouts.errors import Problem


class Check(NamedTuple):
    name: str
    passed: bool
    detail: str
    problems: tuple[Problem, ...] | list[Problem] = ()
    skipped: bool = False  # not run, for want of what it needs (a jargon list, a reading pack)
