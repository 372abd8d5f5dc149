"""The output targets, one entry each. The CLI commands, `all`, the file-name check, the preflight
and the review all read this table.

A target's code lives in its own module, imported only when the target runs (so `pdf` never loads
python-pptx). That module has two steps:
- `plan(job, theme, labels)`: decides what goes on each page or slide, and writes nothing;
- `write(job, plan, theme, labels, path)`: writes the file;
and `verify(path, plan)`, which checks the written file reopens before it replaces the old one,
and `describe(plan, job)`, a few words on the plan for `check` ("43 slides at 16:9").

Adding a target is one new module and one entry below.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import NamedTuple

from handouts import model as m

# Print profiles: each is a set of sizes in the theme (`profiles:`), checked for contrast and size.
PROFILES = ("standard", "large-print")
ASPECTS = ("16:9", "4:3")


class Options(NamedTuple):
    """The build options. Each target reads only the ones it names in `reads`."""

    paper: str | None = None  # a paper size named in the theme; None for the theme's own
    profile: str = "standard"
    aspect: str = "16:9"
    template: Path | None = None


OPTION_NAMES = Options._fields


class Target(NamedTuple):
    name: str
    command: str  # the command that builds it, which is also its file type: pdf or pptx
    module: str
    reads: tuple[str, ...]  # the options it reads
    font_role: str  # the theme's font whose characters it draws ("handout" or "slides_metrics")
    summary: str
    suffix: str = ""  # added to the slug in the file name
    checked: tuple[dict, ...] = ()  # the options `check` plans it with, to report whether it fits

    def code(self):
        return importlib.import_module(self.module)

    def file_name(self, article: m.Article, options: Options) -> str:
        name = article.meta.slug + self.suffix
        if "profile" in self.reads and options.profile != "standard":
            name += f"-{options.profile}"
        if "aspect" in self.reads and options.aspect != ASPECTS[0]:
            name += "-" + options.aspect.replace(":", "x")
        return f"{name}.{self.command}"


TARGETS: dict[str, Target] = {t.name: t for t in (
    Target("leaflet", "pdf", "handouts.render.pdf.leaflet", ("paper", "profile"), "handout",
           "the full handout, to print"),
    Target("deck", "pptx", "handouts.render.deck.target", ("aspect", "template"), "slides_metrics",
           "the slide deck for a health talk, with the full text in the speaker notes",
           checked=({"aspect": "16:9"}, {"aspect": "4:3"})),
)}

# What `generate.py all` builds: (target, options that differ from the defaults).
ALL: tuple[tuple[str, dict], ...] = (
    ("leaflet", {}),
    ("leaflet", {"profile": "large-print"}),
    ("deck", {}),
)


class Job(NamedTuple):
    """One file to build: a leaflet, a target and its options."""

    article: m.Article
    target: Target
    options: Options

    @property
    def file_name(self) -> str:
        return self.target.file_name(self.article, self.options)


def for_command(command: str) -> list[Target]:
    return [t for t in TARGETS.values() if t.command == command]


def options_read_by(command: str | None = None) -> set[str]:
    """The options that the targets of a command (or of every command) read."""
    return {o for t in TARGETS.values() if command is None or t.command == command for o in t.reads}
