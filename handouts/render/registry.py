"""The output targets, one entry each. The CLI commands, `all`, the file-name check, the preflight
and the review all read this table.

A target's code lives in its own module, imported only when the target runs (so `pdf` never loads
python-pptx). That module has two steps:
- `plan(job, theme, labels)`: decides what goes on each page or slide, and writes nothing;
- `write(job, plan, theme, labels)`: makes the bytes of each of the job's files, in order;
and `verify(data, plan, name)`, which checks a made file reopens before it is written (the commit
then checks the file on disk reads back byte for byte),
and `describe(plan, job, theme, labels)`, a Fit for `check` ("4 pages on A4", "43 slides at 16:9").

Adding a target is one new module and one entry below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

from handouts import model as m

if TYPE_CHECKING:
    from handouts.render.deck.package import TemplateFile

# Print profiles: each is a set of sizes in the theme (`profiles:`), checked for contrast and size.
PROFILES = ("standard", "large-print")
ASPECTS = ("16:9", "4:3")


class Options(NamedTuple):
    """The build options. Each target reads only the ones it names in `reads`."""

    paper: str | None = None  # a paper size named in the theme; None for the theme's own
    profile: str = "standard"
    aspect: str = "16:9"
    template: TemplateFile | None = None  # render.deck.package: the checked bytes of a .pptx or .potx
    overdue: bool = False  # set by the run, not by an option: built with --allow-expired after its review date
    minutes: int | None = None  # a deck for a talk of this many minutes; None: the full talk


class Fit(NamedTuple):
    """What `check` says of one target: a few words ("5 pages on A4") and its page count."""

    detail: str
    pages: int = 0


class Target(NamedTuple):
    name: str
    command: str  # the command that builds it, which is also its file type: pdf or pptx
    module: str
    reads: tuple[str, ...]  # the options it reads
    font_role: str  # the theme's font whose characters it draws ("handout" or "slides_metrics")
    summary: str
    suffix: str = ""  # added to the slug in the file name
    checked: tuple[dict, ...] = ()  # the options `check` plans it with, to report whether it fits
    also: tuple[str, ...] = ()  # the suffixes of further files it writes (a booklet's reading-order pages)
    extension: str = ""  # the file type when it is not the command's (the script command writes a .pdf)
    papers: tuple[str, ...] = ()  # the papers it is printed on (--paper); none for what is not printed

    def code(self):
        return importlib.import_module(self.module)

    def file_names(self, article: m.Article, options: Options) -> list[str]:
        """The files it writes: the first is its own, the others come with it."""
        name = ""
        if "profile" in self.reads and options.profile != "standard":
            name += f"-{options.profile}"
        if "aspect" in self.reads and options.aspect != ASPECTS[0]:
            name += "-" + options.aspect.replace(":", "x")
        if "minutes" in self.reads and options.minutes:
            name += f"-{options.minutes}min"
        ext = self.extension or self.command
        return [f"{article.meta.file_stem}{suffix}{name}.{ext}" for suffix in (self.suffix, *self.also)]


TARGETS: dict[str, Target] = {t.name: t for t in (
    Target("leaflet", "pdf", "handouts.render.pdf.leaflet", ("paper", "profile"), "handout",
           "the full text, dense but legible, in two columns (one in large print)",
           checked=({"profile": "standard"}, {"profile": "large-print"}), papers=("a4", "letter")),
    Target("booklet", "pdf", "handouts.render.pdf.booklet", ("paper", "profile"), "handout",
           "the full text on A5 pages, imposed for printing as a folded, stapled booklet",
           suffix="-booklet", also=("-a5",), checked=({},), papers=("a4", "letter")),
    Target("trifold", "pdf", "handouts.render.pdf.trifold", ("paper", "profile"), "handout",
           "one sheet folded in three: the main points, each section in brief and when to get help",
           suffix="-trifold", checked=({},), papers=("a4", "letter")),
    Target("card", "pdf", "handouts.render.pdf.card", ("paper", "profile"), "handout",
           "a one-page summary card", suffix="-card", checked=({},), papers=("a4", "letter", "a5")),
    Target("deck", "pptx", "handouts.render.deck.target", ("aspect", "template", "minutes"), "slides_metrics",
           "the slide deck for a health talk, with the full text in the speaker notes",
           checked=({"aspect": "16:9"}, {"aspect": "4:3"})),
    Target("script", "script", "handouts.render.pdf.script", ("paper", "aspect", "minutes"), "handout",
           "the speaker script: every slide's points and notes, with the time each takes", suffix="-script",
           extension="pdf", papers=("a4", "letter")),
    Target("web", "html", "handouts.render.html.page", (), "handout",
           "the web edition: one accessible page, with its pictures and font inside it"),
)}

# What `generate.py all` builds: (target, options that differ from the defaults).
ALL: tuple[tuple[str, dict], ...] = (
    ("leaflet", {}),
    ("leaflet", {"profile": "large-print"}),
    ("card", {}),
    ("deck", {}),
)
LAYOUTS = ("leaflet", "booklet", "trifold", "card")  # the names `pdf --layout` takes


class Job(NamedTuple):
    """One file to build: a leaflet, a target and its options."""

    article: m.Article
    target: Target
    options: Options

    @property
    def file_names(self) -> list[str]:
        return self.target.file_names(self.article, self.options)

    def paper(self, theme) -> str:
        """The paper it is printed on: --paper, else the theme's, else that of the leaflet's region."""
        return self.options.paper or theme.paper_for(self.article.meta.language)


def paper_name(paper: str) -> str:
    """A paper as people write it: A4, A5, Letter, Half-letter."""
    return paper.upper() if paper[:1].isalpha() and paper[1:].isdigit() else paper.capitalize()


def for_command(command: str) -> list[Target]:
    return [t for t in TARGETS.values() if t.command == command]


def options_read_by(command: str | None = None) -> set[str]:
    """The options that the targets of a command (or of every command) read."""
    return {o for t in TARGETS.values() if command is None or t.command == command for o in t.reads}
