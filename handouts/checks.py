"""One named check of the pre-print review: whether it passed, a one-line detail, and the problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Problem


@dataclass
class Check:
    name: str
    passed: bool
    detail: str
    problems: list[Problem] = field(default_factory=list)
