"""build_pdf: model + theme -> <slug>.pdf (or <slug>-large-print.pdf), written safely."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from handouts.render.pdf import safety  # noqa: F401  (sets ReportLab's security switches before anything draws)
from handouts import model as m
from handouts.errors import ContentError, Problem
from handouts.theme.fonts import coverage_problems
from handouts.render.names import pdf_name
from handouts.render.output import prepare_folder, write_atomic
from handouts.theme.themes import Theme
from handouts.render.pdf.document import footer_canvas, make_document
from handouts.render.pdf.fonts import charset
from handouts.render.pdf.story import StoryBuilder
from handouts.render.pdf.styles import build_styles


def render(article: m.Article, theme: Theme, target: Path, paper: str, profile: str) -> None:
    st = build_styles(theme, profile)
    doc, width, bleed = make_document(target, article, st, paper)
    story = StoryBuilder(article, st, width, bleed).story()
    margin = doc.leftMargin
    try:
        doc.build(story, canvasmaker=footer_canvas(article, st, margin))
    except LayoutError as exc:  # our flowables split; this is a last guard for what cannot
        raise ContentError([Problem(article.loc, "a part of the handout is too large to fit on one page",
                                    hint=f"shorten it or make the theme's sizes smaller ({str(exc)[:80]})")])


def _verify(path: Path) -> None:
    """The new file must parse before it replaces the old one: a header, a trailer pointing at the
    cross-reference table, and every object where that table says it is."""
    data = path.read_bytes()
    try:
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        start = int(data[data.rindex(b"startxref") + 9:].split()[0])
        assert data[start:start + 4] == b"xref"
        lines = data[start:].split(b"\n", 3)
        first, count = (int(x) for x in lines[1].split())
        table = data[start:].split(b"\n", 2)[2]
        for number in range(first, first + count):
            entry = table[20 * (number - first): 20 * (number - first) + 20]
            offset, _gen, kind = entry.split()[:3]
            if kind == b"n":
                assert data[int(offset):].startswith(b"%d 0 obj" % number)
        assert b"/Root" in data[data.rindex(b"trailer"):]
    except (AssertionError, ValueError, IndexError):
        raise ContentError([Problem(m.Loc(str(path)), "the PDF did not reopen cleanly after writing",
                                    hint="check the disk has room, then run the command again")])


def build_pdf(article: m.Article, theme: Theme, out_dir: Path, paper: str | None = None,
              profile: str = "standard") -> Path:
    family = theme.fonts["handout"]
    problems = coverage_problems(article, family, charset(family))
    if problems:
        raise ContentError(problems)
    paper = paper or theme.paper
    folder = prepare_folder(Path(out_dir))
    target = folder / pdf_name(article, profile)
    return write_atomic(target, lambda tmp: render(article, theme, tmp, paper, profile), _verify)
