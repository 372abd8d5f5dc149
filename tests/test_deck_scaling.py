"""A deck's build time grows with its slides, not with their square: adding a slide never walks
the whole package (the adapter in render/deck/partnames.py). Timings are in bench/scaling.py;
these tests count the walks, which do not depend on the machine."""

import zipfile

import pytest
from builders import build_deck
from conftest import VALID
from pptx import Presentation
from pptx.opc.package import OpcPackage
from pptx.oxml.presentation import CT_SlideIdList

from handouts.load import load
from handouts.theme.themes import load_theme

THEME = load_theme()


def leaflet(sections: int) -> str:
    extra = "".join(f"  - title: Section {i}\n    slide_points: [Point {i}]\n    blocks:\n"
                    f"      - paragraph: You are reading section {i}.\n" for i in range(2, sections + 1))
    return VALID + extra


def walks(write, tmp_path, monkeypatch, sections: int) -> tuple[int, int, list[str]]:
    article = load(write(leaflet(sections), f"s{sections}.yaml"))
    calls = {"parts": 0, "ids": 0}
    real_parts, real_id = OpcPackage.iter_parts, CT_SlideIdList._next_id

    def iter_parts(self):
        calls["parts"] += 1
        return real_parts(self)

    def next_id(self):
        calls["ids"] += 1
        return real_id.fget(self)

    with monkeypatch.context() as patch:
        patch.setattr(OpcPackage, "iter_parts", iter_parts)
        patch.setattr(CT_SlideIdList, "_next_id", property(next_id))
        path = build_deck(article, THEME, tmp_path / f"out{sections}")
    with zipfile.ZipFile(path) as deck:
        names = deck.namelist()
    return calls["parts"], calls["ids"], names


def test_adding_slides_never_walks_the_package(write, tmp_path, monkeypatch):
    small = walks(write, tmp_path, monkeypatch, 3)
    large = walks(write, tmp_path, monkeypatch, 60)
    assert sum(n.startswith("ppt/slides/slide") for n in large[2]) > 3 * sum(
        n.startswith("ppt/slides/slide") for n in small[2])
    assert large[0] == small[0], "the package is walked once per slide"
    assert small[1] == large[1] == 0, "python-pptx's slide-id search ran"


@pytest.mark.parametrize("sections", [1, 30])
def test_every_part_has_its_own_name_and_every_slide_its_own_id(write, tmp_path, monkeypatch, sections):
    *_, names = walks(write, tmp_path, monkeypatch, sections)
    assert len(names) == len(set(names))
    prs = Presentation(str(tmp_path / f"out{sections}" / "test-leaflet.pptx"))
    ids = [s.slide_id for s in prs.slides]
    assert len(set(ids)) == len(ids) and min(ids) >= 256
    slide_parts = sorted(str(s.part.partname) for s in prs.slides)
    notes_parts = {str(s.notes_slide.part.partname) for s in prs.slides}
    assert len(set(slide_parts)) == len(prs.slides) == len(notes_parts)


def test_the_agenda_notes_read_only_the_titles_on_their_slide(write, tmp_path, monkeypatch):
    walks(write, tmp_path, monkeypatch, 30)
    prs = Presentation(str(tmp_path / "out30" / "test-leaflet.pptx"))
    agenda = [s for s in prs.slides if s.shapes.title.text.startswith("What we will cover")]
    assert len(agenda) > 1
    seen = []
    for slide in agenda:
        shown = [p.text for p in slide.placeholders[1].text_frame.paragraphs if p.text]
        notes = slide.notes_slide.notes_text_frame.text.splitlines()[1:]
        assert [n.split(". ", 1)[1] for n in notes] == shown
        seen += shown
    assert seen == ["First section"] + [f"Section {i}" for i in range(2, 31)]
