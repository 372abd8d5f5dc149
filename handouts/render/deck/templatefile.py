"""A slide template as read and checked (package.py): its own module, so the build options can name
it without importing what reads and cleans a template (lxml)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from handouts.read.source import display_name


class TemplateFile(NamedTuple):
    path: Path
    data: bytes  # a .pptx package, checked; a .potx already given the presentation content type
    source: tuple[str, str] = ("", "")  # (real path, SHA-256) of the file as read
    removed: tuple[str, ...] = ()  # what cleaning took out (macros, links...), in words: check --template says it

    def __str__(self) -> str:  # in messages and summaries, a template is its file name
        return display_name(self.path)
