"""The output targets, one entry each, and the build options they read. The CLI makes its build
commands (pdf, pptx, html, script, txt... and all) and their options from this table; `all`, the
file-name check, the preflight and the review read it too.

A target's code lives in its own module, imported only when the target runs (so `pdf` never loads
python-pptx). That module provides what `TargetModule` states:
- `plan(job, theme, labels)`: decides what goes on each page or slide, and writes nothing;
- `write(job, plan, theme, labels)`: makes the bytes of each of the job's files, in order;
- `verify(data, plan, name)`: checks a made file reopens before it is written (the commit then
  checks the file on disk reads back byte for byte);
- `describe(plan, job, theme, labels)`: a Fit for `check` ("4 pages on A4", "43 slides at 16:9").

Adding a target is one new module and one entry in TARGETS below: its command, if new, is made
from the entry (its summary and examples).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable

from handouts import model as m
from handouts.theme.profiles import PROFILES as PROFILE_SIZES
from handouts.theme.profiles import STANDARD

if TYPE_CHECKING:
    from handouts.errors import Problem
    from handouts.render.deck.templatefile import TemplateFile
    from handouts.theme.labels import Labels
    from handouts.theme.themes import Theme

PROFILES = tuple(PROFILE_SIZES)  # the theme's print profiles: standard, large-print
ASPECTS = ("16:9", "4:3")  # the slide shapes; render/deck/geometry.py gives each its size
PRINTED = ("a4", "letter")  # the papers a printed layout is made for; the theme gives their sizes


class Options(NamedTuple):
    """The build options. Each target reads only the ones it names in `reads`; FLAGS says how each
    is given on the command line."""

    paper: str | None = None  # a paper named in the theme; None: the theme's, else the leaflet's region's
    profile: str = STANDARD
    aspect: str = "16:9"
    template: TemplateFile | None = None  # render.deck.package: the checked bytes of a .pptx or .potx
    overdue: bool = False  # set by the run, not by an option: built with --allow-expired after its review date
    minutes: int | None = None  # a deck for a talk of this many minutes; None: the full talk


class Flag(NamedTuple):
    """How a build option is given on the command line; the CLI makes its click option from this."""

    help: str
    choices: tuple[str, ...] = ()
    metavar: str = ""
    path: bool = False  # a file to read (the slide template)
    range: tuple[int, int] | None = None  # a whole number within these bounds


FLAGS: dict[str, Flag] = {
    "paper": Flag("Paper: {papers}. Default: the theme's paper, else the usual paper of the leaflet's region "
                  "(letter for en-US, es-MX, en-CA...), else a4.", metavar="NAME"),
    "profile": Flag("large-print: 18 pt body, single column; writes <slug>-large-print.pdf.", choices=PROFILES),
    "aspect": Flag("Slide shape; 4:3 writes <slug>-4x3.pptx.", choices=ASPECTS),
    "template": Flag("A .pptx or .potx whose slide masters and layouts to use.", path=True),
    "minutes": Flag("Plan the deck for an N-minute talk (writes <slug>-Nmin.pptx): how-to parts first; parts that "
                    "do not fit go to hidden slides after the closing, for questions afterwards.", metavar="N",
                    range=(1, 240)),
}


class Fit(NamedTuple):
    """What `check` says of one target: a few words ("5 pages on A4") and its page count."""

    detail: str
    pages: int = 0
    warnings: tuple[Problem, ...] = ()  # what `check` gives as advice: a table too wide for its column or its slide
    left_out: int = 0  # the tables this layout leaves out (a panel is too narrow for one)


@runtime_checkable
class TargetModule(Protocol):
    """What a target's module provides (tests/test_architecture.py checks every registered one)."""

    def plan(self, job: Job, theme: Theme, labels: Labels) -> Any: ...

    def write(self, job: Job, plan: Any, theme: Theme, labels: Labels) -> list[bytes]: ...

    def verify(self, data: bytes, plan: Any, name: str) -> None: ...

    def describe(self, plan: Any, job: Job, theme: Theme, labels: Labels) -> Fit: ...


class Target(NamedTuple):
    name: str
    command: str  # the command that builds it, which is also its file type unless `extension` says
    module: str
    reads: tuple[str, ...]  # the options it reads (names in FLAGS)
    font_role: str  # the theme's font whose characters it draws ("handout" or "slides_metrics")
    summary: str  # what it is, in a few words; a command of its own is described by it
    suffix: str = ""  # added to the slug in the file name
    checked: tuple[dict, ...] = ()  # the options `check` plans it with, to report whether it fits
    also: tuple[str, ...] = ()  # the suffixes of further files it writes (a booklet's reading-order pages)
    extension: str = ""  # the file type when it is not the command's (the script command writes a .pdf)
    papers: tuple[str, ...] = ()  # the papers it is printed on (--paper); none for what is not printed
    examples: tuple[str, ...] = ()  # command lines shown in its command's --help
    every_paper: bool = False  # `check` also says whether it fits each of its papers (the card: A4, Letter, A5)

    def code(self) -> TargetModule:
        return importlib.import_module(self.module)  # (a TargetModule: tests/test_architecture.py checks)

    def file_names(self, article: m.Article, options: Options) -> list[str]:
        """The files it writes: the first is its own, the others come with it."""
        name = ""
        if "profile" in self.reads and options.profile != STANDARD:
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
           checked=({"profile": "standard"}, {"profile": "large-print"}), papers=PRINTED),
    Target("booklet", "pdf", "handouts.render.pdf.booklet", ("paper", "profile"), "handout",
           "the full text on A5 pages, imposed for printing as a folded, stapled booklet (also writes "
           "<slug>-a5.pdf)", suffix="-booklet", also=("-a5",), checked=({},), papers=PRINTED),
    Target("trifold", "pdf", "handouts.render.pdf.trifold", ("paper", "profile"), "handout",
           "one sheet folded in three: the main points, each section in brief and when to get help",
           suffix="-trifold", checked=({},), papers=PRINTED),
    Target("card", "pdf", "handouts.render.pdf.card", ("paper", "profile"), "handout",
           "a one-page summary card", suffix="-card", checked=({},), papers=(*PRINTED, "a5"),
           every_paper=True),
    Target("deck", "pptx", "handouts.render.deck.target", ("aspect", "template", "minutes"), "slides_metrics",
           "the slide deck for a health talk, with the full text in the speaker notes",
           checked=({"aspect": "16:9"}, {"aspect": "4:3"}),
           examples=("generate.py pptx content.yaml --aspect 4:3", "generate.py pptx --template clinic-template.pptx")),
    Target("script", "script", "handouts.render.pdf.script", ("paper", "aspect", "minutes"), "handout",
           "the speaker script, <slug>-script.pdf, to print and hold during the talk: each slide's number, title, "
           "points and full notes, with the estimated time of each and of the whole talk", suffix="-script",
           extension="pdf", papers=PRINTED, examples=("generate.py script content.yaml --minutes 20",)),
    Target("web", "html", "handouts.render.html.page", (), "handout",
           "the web edition, <slug>.html: one self-contained page (pictures and font inside it) that screen "
           "readers and phones read well, for the clinic's website",
           examples=("generate.py html content.yaml -o output",)),
    Target("text", "txt", "handouts.render.text", (), "handout",
           "the leaflet as plain text, <slug>.txt, in reading order: for a screen reader, an email or a text "
           "message", examples=("generate.py txt content.yaml -o output",)),
)}

# What `generate.py all` builds: (target, options that differ from the defaults).
ALL: tuple[tuple[str, dict], ...] = (
    ("leaflet", {}),
    ("leaflet", {"profile": "large-print"}),
    ("card", {}),
    ("deck", {}),
)


class Command(NamedTuple):
    """A build command that picks among several targets, or builds several (the others are made
    from their one target's entry)."""

    summary: str
    examples: tuple[str, ...]
    layout: str = ""  # "one": --layout picks one of the command's targets; "more": --layout adds targets to ALL


COMMANDS: dict[str, Command] = {
    "pdf": Command("a printable PDF handout in one of the layouts",
                   ("generate.py pdf content.yaml -o output --paper letter", "generate.py pdf --layout booklet",
                    "generate.py pdf --profile large-print"), layout="one"),
    "all": Command("every usual output: the leaflet, the large-print leaflet, the summary card and the deck",
                   ("generate.py all content.yaml -o output", "generate.py all --layout booklet --layout trifold",
                    "generate.py all --paper letter --aspect 4:3 --template clinic.pptx"), layout="more"),
}


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


def layouts() -> tuple[str, ...]:
    """The printed layouts `pdf --layout` takes: the pdf command's targets."""
    return tuple(t.name for t in for_command("pdf"))


def build_commands() -> dict[str, tuple[str, tuple[str, ...], str, list[Target]]]:
    """Every build command: name -> (summary, examples, how --layout works, its targets), in the
    order of the table."""
    out = {}
    for target in TARGETS.values():
        name = target.command
        if name not in out:
            spec = COMMANDS.get(name)
            out[name] = (spec.summary if spec else target.summary, spec.examples if spec else target.examples,
                         spec.layout if spec else "", for_command(name))
    spec = COMMANDS["all"]
    out["all"] = (spec.summary, spec.examples, spec.layout, [TARGETS[name] for name, _ in ALL])
    return out


def options_read_by(targets: list[Target], command: str = "") -> list[str]:
    """The options the targets read, in the order of FLAGS; for `all`, not those it sets itself
    (it builds the leaflet in both print profiles)."""
    fixed = {key for _, over in ALL for key in over} if command == "all" else set()
    return [name for name in FLAGS if name not in fixed and any(name in t.reads for t in targets)]
