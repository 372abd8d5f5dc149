"""No sparse slides, measured on what a slide program draws: every test leaflet's deck, at 16:9 and
4:3, converted by LibreOffice in one run. A content slide's text and pictures reach at least 35% of
the body's height; body text is 20 pt or more; a full deck has at most 25 slides; a timed talk's
hidden appendix is not shown."""

import subprocess
import uuid

import pdfplumber
import pytest
from builders import build_one
from conftest import KNEE, ROOT, require_tool
from pptx import Presentation
from pptx.util import Pt

from handouts.load import load
from handouts.render.deck.geometry import BODY_BOTTOM, BODY_TOP, EMU_PER_PT
from handouts.render.deck.plan import plan_deck
from handouts.theme.labels import labels_for
from handouts.theme.themes import load_theme

TOPICS = ROOT / "tests" / "leaflets" / "topics"
LEAFLETS = [KNEE, ROOT / "tests" / "leaflets" / "wound-care.yaml", *sorted(TOPICS.glob("*.yaml"))]
DECKS = [(path, aspect, None) for path in LEAFLETS for aspect in ("16:9", "4:3")] + [
    (TOPICS / "asthma-inhaler.yaml", "16:9", 5), (KNEE, "4:3", 10)]
THEME = load_theme()
FILLED = 0.35  # of the body's height, from its first line to its last
SMALLEST = 20  # points: body text on a slide


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    require_tool("soffice")
    out = tmp_path_factory.mktemp("fill")
    decks = []
    for n, (path, aspect, minutes) in enumerate(DECKS):
        folder = out / str(n)
        deck = build_one("deck", load(path), THEME, folder, aspect=aspect, minutes=minutes)
        decks.append(deck)
    profile = tmp_path_factory.mktemp("lo-profile") / uuid.uuid4().hex
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, decks)], check=True, capture_output=True, timeout=900)
    pdfs = [out / deck.with_suffix(".pdf").name for deck in decks]
    assert all(pdf.exists() for pdf in pdfs), "LibreOffice wrote no PDF"
    return list(zip(DECKS, decks, pdfs))


def hidden(slide) -> bool:
    return slide._element.get("show") == "0"


def reach(page, slide_height_pt: float) -> float:
    """How much of the body's height the drawn text and pictures span, from the rendering."""
    scale = page.height / slide_height_pt
    top, bottom = BODY_TOP / EMU_PER_PT, BODY_BOTTOM / EMU_PER_PT
    marks = [(c["top"], c["bottom"]) for c in page.chars if c["text"].strip()]
    marks += [(i["top"], i["bottom"]) for i in page.images]
    inside = [(a / scale, b / scale) for a, b in marks if a / scale >= top - 2 and b / scale <= bottom + 2]
    if not inside:
        return 0.0
    return (max(b for _, b in inside) - min(a for a, _ in inside)) / (bottom - top)


def test_every_content_slide_is_at_least_35_percent_full_as_drawn(converted):
    sparse = []
    for (path, aspect, minutes), deck, pdf in converted:
        article = load(path)
        plans = [s for s in plan_deck(article, THEME, labels_for(article.meta.language), aspect, minutes=minutes)
                 if not s.hidden]
        prs = Presentation(str(deck))
        shown = [s for s in prs.slides if not hidden(s)]
        assert len(shown) == len(plans)
        with pdfplumber.open(pdf) as doc:
            assert len(doc.pages) == len(shown)  # the appendix is hidden: not drawn in the show
            for n, (plan, page) in enumerate(zip(plans, doc.pages), 1):
                filled = reach(page, prs.slide_height / EMU_PER_PT)
                if plan.kind == "content" and filled < FILLED:
                    sparse.append((path.stem, aspect, minutes, n, plan.title, round(filled, 2)))
    assert sparse == []


def test_body_text_is_20_pt_or_more_and_a_full_deck_has_at_most_25_slides(converted):
    for (path, aspect, minutes), deck, _ in converted:
        prs = Presentation(str(deck))
        if minutes is None:
            assert len(prs.slides) <= 25, path.stem
        for n, slide in enumerate(prs.slides, 1):
            bodies = [sh for sh in slide.placeholders if sh.placeholder_format.idx != 0]
            bodies += [sh for sh in slide.shapes if sh.name == "Second column"]
            for shape in bodies:
                sizes = [r.font.size for p in shape.text_frame.paragraphs for r in p.runs if r.font.size]
                assert sizes and min(sizes) >= Pt(SMALLEST), (path.stem, aspect, n)
