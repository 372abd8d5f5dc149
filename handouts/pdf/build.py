"""build_pdf: model + theme -> <slug>.pdf (or <slug>-large-print.pdf), written safely."""

from __future__ import annotations

from pathlib import Path

from . import safety  # noqa: F401  (sets ReportLab's security switches before anything draws)
from .. import model as m
from ..errors import ContentError, Problem
from ..fonts import coverage_problems
from ..names import pdf_name
from ..output import prepare_folder, write_atomic
from ..theme import Theme
from .document import footer_canvas, make_document
from .fonts import charset
from .story import StoryBuilder
from .styles import build_styles


def render(article: m.Article, theme: Theme, target: Path, paper: str, profile: str) -> None:
    st = build_styles(theme, profile)
    doc, width, bleed = make_document(target, article, st, paper)
    story = StoryBuilder(article, st, width, bleed).story()
    margin = doc.leftMargin
    doc.build(story, canvasmaker=footer_canvas(article, st, margin))


def _verify(path: Path) -> None:
    """The new file must parse as a PDF before it replaces the old one."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise ContentError([Problem(m.Loc(str(path)), "the PDF was not written completely")])


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
