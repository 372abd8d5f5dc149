"""The written deck, reopened with python-pptx: text, titles, fit, pictures, templates, determinism."""

import re

import pytest
from builders import build_deck
from click.testing import CliRunner
from conftest import KNEE, ROOT
from deck_fit_check import overflows, text_shapes
from oracle import Leaflet, sentences
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Inches

from handouts.cli import main
from handouts.load import load
from handouts.theme.themes import load_theme

ARTICLE = load(KNEE)
THEME = load_theme()
ASPECTS = {"16:9": (Inches(13.333), Inches(7.5)), "4:3": (Inches(10), Inches(7.5))}


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("decks")
    return {aspect: build_deck(ARTICLE, THEME, out, aspect=aspect) for aspect in ASPECTS}


def norm(text: str) -> str:
    return " ".join(text.split())


def slide_texts(slide):
    for shape in slide.shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from (s.text_frame.text for s in shape.shapes if s.has_text_frame)
        elif shape.has_text_frame:
            yield shape.text_frame.text


def deck_text(prs) -> str:
    parts = []
    for slide in prs.slides:
        parts += slide_texts(slide)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return norm(" ".join(parts))


LEAFLET = Leaflet(KNEE)


def content_sentences():
    texts = LEAFLET.key_messages
    for _, section in LEAFLET.sections():
        texts += [LEAFLET.text(section["title"]), *(LEAFLET.text(p) for p in section.get("slide_points", []))]
        texts += [t for kind, value in LEAFLET.blocks(section) for t in LEAFLET.block_texts(kind, value)]
    return [norm(s) for t in texts for s in sentences(t)]


def test_names_and_slide_sizes(decks):
    assert decks["16:9"].name == "knee-muscle-spasms.pptx"
    assert decks["4:3"].name == "knee-muscle-spasms-4x3.pptx"
    for aspect, path in decks.items():
        prs = Presentation(str(path))
        assert (prs.slide_width, prs.slide_height) == pytest.approx(ASPECTS[aspect], abs=Inches(0.01))


@pytest.mark.parametrize("aspect", ASPECTS)
def test_every_sentence_of_the_content_is_on_a_slide_or_in_the_notes(decks, aspect):
    text = deck_text(Presentation(str(decks[aspect])))
    wanted = content_sentences()
    assert len(wanted) > 150
    missing = [s for s in wanted if s not in text]
    assert not missing


@pytest.mark.parametrize("aspect", ASPECTS)
def test_every_slide_has_its_title_in_a_title_placeholder_and_a_number(decks, aspect):
    prs = Presentation(str(decks[aspect]))
    total = len(prs.slides)
    for n, slide in enumerate(prs.slides, 1):
        title = slide.shapes.title
        assert title is not None and title.is_placeholder, n
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert title.text_frame.text.strip(), n
        assert f"{n} / {total}" in list(slide_texts(slide)), n


@pytest.mark.parametrize("aspect", ASPECTS)
def test_no_text_frame_overflows_by_an_independent_measure(decks, aspect):
    assert overflows(Presentation(str(decks[aspect]))) == []


def test_the_independent_measure_does_catch_overflow(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(0.6))
    for name in ("lIns", "tIns", "rIns", "bIns"):
        box.text_frame._txBody.find(qn("a:bodyPr")).set(name, "45720")
    box.text_frame.word_wrap = True
    box.text_frame.text = "This sentence is far too long for a small box at this size. " * 2
    box.text_frame.paragraphs[0].runs[0].font.size = Inches(0.3)
    assert [name for _, name, _ in overflows(prs)] == [box.name]


@pytest.mark.parametrize("aspect", ASPECTS)
def test_text_is_never_left_to_autofit_and_always_wraps(decks, aspect):
    prs = Presentation(str(decks[aspect]))
    for slide in prs.slides:
        xml = slide._element.xml
        assert "normAutofit" not in xml and "spAutoFit" not in xml
        for shape in text_shapes(slide.shapes):
            body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))
            assert body_pr.get("wrap") == "square", shape.name
            assert body_pr.find(qn("a:noAutofit")) is not None, shape.name


def test_body_text_is_at_least_the_minimum_size(decks):
    prs = Presentation(str(decks["16:9"]))
    for slide in prs.slides:
        for ph in slide.placeholders:
            for p in ph.text_frame.paragraphs:
                for r in p.runs:
                    assert r.font.size.pt >= THEME.slides.min_body_size, r.text


def test_pictures_have_alt_text_and_the_qr_code_is_there(decks):
    prs = Presentation(str(decks["16:9"]))
    pictures = [(n, s) for n, slide in enumerate(prs.slides, 1) for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert {s.name for _, s in pictures} == {"Clinic logo", "QR code"}
    for _, shape in pictures:
        assert shape._element.nvPicPr.cNvPr.get("descr")
    qr = next(s for _, s in pictures if s.name == "QR code")
    assert ARTICLE.meta.online_url in qr._element.nvPicPr.cNvPr.get("descr")
    assert pictures[0][0] == 1 and pictures[-1][0] == len(prs.slides)


def test_get_help_slide_has_colour_an_icon_and_the_words(decks):
    prs = Presentation(str(decks["16:9"]))
    helps = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith("Get help")]
    assert helps
    for slide in helps:
        names = [s.name for s in slide.shapes]
        assert "Warning icon" in names and "Alert panel" in names
        group = next(s for s in slide.shapes if s.name == "Warning icon")
        assert group._element.xpath("./p:nvGrpSpPr/p:cNvPr")[0].get("descr") == "Warning sign"
        assert [s.text_frame.text for s in group.shapes if s.has_text_frame and s.text_frame.text] == ["!"]
        assert THEME.colors["get_help"].lstrip("#") in slide._element.xml


def test_the_same_content_gives_the_same_file(tmp_path, decks):
    again = build_deck(ARTICLE, THEME, tmp_path, aspect="16:9")
    assert again.read_bytes() == decks["16:9"].read_bytes()
    props = Presentation(str(again)).core_properties
    assert props.created.date() == ARTICLE.meta.last_reviewed == props.modified.date()
    assert props.title == ARTICLE.meta.title.plain


def test_cli_pptx_writes_the_deck_and_prints_its_path(tmp_path):
    result = CliRunner().invoke(main, ["pptx", str(KNEE), "-o", str(tmp_path), "--aspect", "4:3"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "knee-muscle-spasms-4x3.pptx")
    assert len(Presentation(result.stdout.strip()).slides) <= 25  # a 20 to 30 minute talk


def test_a_template_without_a_needed_layout_is_a_clear_error(tmp_path):
    prs = Presentation()
    next(layout for layout in prs.slide_layouts if layout.name == "Section Header").name = "Divider"
    template = tmp_path / "clinic.pptx"
    prs.save(str(template))
    result = CliRunner().invoke(main, ["pptx", str(KNEE), "-o", str(tmp_path / "out"), "--template",
                                       str(template)])
    assert result.exit_code == 1
    assert "clinic.pptx: the template has no layout named 'Section Header'" in result.stderr
    assert "hint: its layouts are: Title Slide, Title and Content, Divider," in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "knee-muscle-spasms.pptx").exists()


def make_branded_template(path, with_example_slide=True):
    """A 4:3 template whose master carries a named brand bar, and one example slide."""
    prs = Presentation()
    master = prs.slide_master
    master._element.cSld.set("name", "Riverside Master")
    bar = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_shape(1, 0, 0, Inches(10), Inches(0.3))
    bar.name = "Riverside brand bar"
    element = bar._element
    element.getparent().remove(element)
    master.shapes._spTree.append(element)  # move it onto the master
    if not with_example_slide:
        prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    prs.save(str(path))


def test_a_templates_masters_and_layouts_are_used(tmp_path):
    template = tmp_path / "clinic.pptx"
    make_branded_template(template)
    path = build_deck(ARTICLE, THEME, tmp_path / "out", aspect="16:9", template=template)
    prs = Presentation(str(path))
    master = prs.slide_masters[0]
    assert master._element.cSld.get("name") == "Riverside Master"
    assert "Riverside brand bar" in [s.name for s in master.shapes]
    assert master.shapes[-1].width == prs.slide_width  # scaled with the slide size
    used = {slide.slide_layout.name for slide in prs.slides}
    assert {"Title Slide", "Title and Content"} <= used
    assert all(slide.slide_layout.slide_master == master for slide in prs.slides)
    assert prs.slides[0].shapes.title.text_frame.text == ARTICLE.meta.title.plain  # the example slide is gone
    assert "Title band" not in [s.name for s in master.shapes]  # none of the built-in look
    assert overflows(prs) == []


def test_text_is_measured_in_the_templates_own_boxes(tmp_path):
    template = tmp_path / "narrow.pptx"
    prs = Presentation()
    for layout in prs.slide_layouts:
        if layout.name == "Title and Content":
            body = layout.placeholders[1]
            # a narrow body: more lines, more slides (all four, or python-pptx writes a zero height)
            body.left, body.top, body.width, body.height = body.left, body.top, Inches(4.5), body.height
    prs.save(str(template))
    path = build_deck(ARTICLE, THEME, tmp_path / "out", aspect="4:3", template=template)
    narrow = Presentation(str(path))
    bodies = [ph for s in narrow.slides if s.shapes.title.text_frame.text == "What is a knee muscle spasm?"
              for ph in s.placeholders if ph.placeholder_format.idx == 1]
    assert bodies and all(ph.width == Inches(4.5) for ph in bodies)
    assert overflows(narrow) == []
    default = Presentation(str(build_deck(ARTICLE, THEME, tmp_path / "d", aspect="4:3")))
    assert len(narrow.slides) > len(default.slides)
    assert re.search(r"\(continued\)", " ".join(s.shapes.title.text_frame.text for s in narrow.slides))


def test_an_image_block_is_placed_beside_the_points_with_its_alt_text(tmp_path):
    from deck_factory import article, section, t

    from handouts import model as m

    logo = KNEE.parent / "images" / "clinic-logo.png"
    picture = m.Image(article().loc, m.Picture(logo, logo.read_bytes(), 400, 400, "PNG"), t("A round blue logo"),
                      t("Our logo"))
    path = build_deck(article(section("Pictures", ["One point"], blocks=[picture])), THEME, tmp_path)
    prs = Presentation(str(path))
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Pictures")
    (pic,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pic._element.nvPicPr.cNvPr.get("descr") == "A round blue logo"
    assert "Our logo" in list(slide_texts(slide)) and "One point" in list(slide_texts(slide))
    assert pic.width == pic.height  # scaled without distortion
    for shape in text_shapes(slide.shapes):  # inside the slide, over no text
        assert pic.left >= shape.left + shape.width or pic.top >= shape.top + shape.height \
            or shape.left >= pic.left + pic.width or shape.top >= pic.top + pic.height, shape.name
    assert pic.left + pic.width <= prs.slide_width and pic.top + pic.height <= prs.slide_height
    assert overflows(prs) == []


def test_a_point_cut_between_slides_continues_without_a_bullet_in_line_with_its_text(tmp_path):
    from deck_factory import article, section

    text = " ".join(f"This is sentence number {n} of a very long point that goes on and on." for n in range(1, 30))
    prs = Presentation(str(build_deck(article(section("Huge", [text])), THEME, tmp_path, aspect="4:3")))
    parts = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith("Huge")]
    assert len(parts) > 2
    first = parts[0].placeholders[1].text_frame.paragraphs[0]._p.pPr
    assert first.find(qn("a:buChar")) is not None and int(first.get("indent")) < 0
    for slide in parts[1:]:
        for p in slide.placeholders[1].text_frame.paragraphs:
            ppr = p._p.pPr
            assert ppr.find(qn("a:buNone")) is not None
            assert ppr.get("indent") == "0" and ppr.get("marL") == first.get("marL")
    assert overflows(prs) == []


def test_a_potx_template_works_and_a_file_that_is_no_deck_is_a_clear_error(tmp_path):
    import zipfile

    pptx = tmp_path / "clinic.pptx"
    make_branded_template(pptx)
    potx = tmp_path / "clinic.potx"
    with zipfile.ZipFile(pptx) as src, zipfile.ZipFile(potx, "w") as dst:
        for info in src.infolist():  # what PowerPoint's "Save as template" changes
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            dst.writestr(info, data)
    path = build_deck(ARTICLE, THEME, tmp_path / "out", template=potx)
    assert Presentation(str(path)).slide_masters[0]._element.cSld.get("name") == "Riverside Master"
    notes = tmp_path / "notes.pptx"
    notes.write_text("not a deck")
    result = CliRunner().invoke(main, ["pptx", str(KNEE), "-o", str(tmp_path / "o"), "--template", str(notes)])
    assert result.exit_code == 1
    assert "notes.pptx: the template is not a PowerPoint file (hint: give a .pptx or .potx file" in result.stderr


def test_a_deck_that_does_not_reopen_is_never_moved_into_place(tmp_path, monkeypatch):
    from handouts.errors import ContentError
    from handouts.render.deck import target as deck_build

    out = tmp_path / "out"
    good = build_deck(ARTICLE, THEME, out)
    before = good.read_bytes()
    real = deck_build._stable_zip
    monkeypatch.setattr(deck_build, "_stable_zip", lambda *a: real(*a)[:5000])  # cut short, as on a full disk
    with pytest.raises(ContentError) as info:
        build_deck(ARTICLE, THEME, out)
    assert "the deck did not reopen cleanly after writing" in str(info.value.problems[0])
    assert good.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [good.name]


def test_every_run_and_note_carries_the_language_of_the_content_file(decks):
    language = LEAFLET.meta["language"]
    prs = Presentation(str(decks["16:9"]))
    runs = [r for slide in prs.slides for r in slide._element.iter(qn("a:r"))]
    notes = [r for slide in prs.slides for r in slide.notes_slide._element.iter(qn("a:r"))]
    assert len(runs) > 200 and len(notes) > 40
    assert {r.find(qn("a:rPr")).get("lang") for r in runs + notes} == {language}


def notes_of(prs, title):
    return [slide.notes_slide.notes_text_frame.text for slide in prs.slides
            if slide.shapes.title.text_frame.text == title]


def test_the_closing_slide_notes_name_every_source_and_the_disclaimer(decks):
    prs = Presentation(str(decks["16:9"]))
    (notes,) = notes_of(prs, LEAFLET.labels["slides"]["closing"])
    for source in LEAFLET.sources():
        assert LEAFLET.labels["notes"]["source"].format(title=source) in notes.splitlines()
    assert LEAFLET.disclaimer() in notes.splitlines()


def test_notes_read_each_term_with_its_meaning(decks):
    prs = Presentation(str(decks["4:3"]))
    lines = {line for slide in prs.slides for line in slide.notes_slide.notes_text_frame.text.splitlines()}
    terms = [(LEAFLET.text(item["term"]), LEAFLET.text(item["text"])) for _, s in LEAFLET.sections()
             for kind, value in LEAFLET.blocks(s) if kind == "terms" for item in value]
    assert len(terms) > 10
    for term, text in terms:
        assert f"{term}: {text}" in lines


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_content_slides_fill_at_least_40_percent_measured_independently(tmp_path, aspect):
    from deck_fit_check import fill

    from handouts.render.deck.plan import plan_deck
    from handouts.theme.labels import labels_for

    kinds = [s.kind for s in plan_deck(ARTICLE, THEME, labels_for("en"), aspect)]
    deck = Presentation(str(build_deck(ARTICLE, THEME, tmp_path, aspect=aspect)))
    assert len(deck.slides) == len(kinds) <= 25
    for slide, kind in zip(deck.slides, kinds):
        if kind == "content":
            body = next(ph for ph in slide.placeholders if ph.placeholder_format.idx != 0)
            assert fill(body) >= 0.4, slide.shapes.title.text_frame.text


def test_a_ten_minute_talk_keeps_the_essentials_and_every_sentence_in_its_notes(tmp_path):
    result = CliRunner().invoke(main, ["pptx", str(KNEE), "-o", str(tmp_path), "--minutes", "10"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "knee-muscle-spasms-10min.pptx"
    assert result.stdout.split() == [str(path)]
    prs = Presentation(str(path))
    # the talk's length, estimated from the notes a presenter reads at 130 words a minute, 10 s a slide:
    # the slides shown; what it has no time for is on hidden slides after the closing
    theme = load_theme()
    leaflet = Leaflet(KNEE)
    shown = [s for s in prs.slides if s._element.get("show") != "0"]
    later = list(prs.slides)[len(shown):]
    assert later and all(s._element.get("show") == "0" for s in later)
    seconds = 0.0
    for slide in shown:
        said = slide.notes_slide.notes_text_frame.text
        seconds += len(re.findall(r"\w+(?:['\u2019-]\w+)*", said)) / theme.slides.words_per_minute * 60
        seconds += theme.slides.pause_seconds
    assert seconds <= 10 * 60
    titles = [s.shapes.title.text_frame.text for s in shown]
    labels = leaflet.labels
    assert titles[1] == labels["words"]["main_points"]
    assert any(t.startswith(labels["callouts"]["get_help"]) for t in titles)
    assert titles[-2:] == [labels["slides"]["summary"], labels["slides"]["closing"]]
    assert later[0].shapes.title.text_frame.text == labels["slides"]["appendix"]
    text = deck_text(prs)
    assert [s for s in content_sentences() if s not in text] == []


def test_the_clinic_logo_opens_and_closes_the_talk_clear_of_the_qr_code(decks):
    logo_alt = LEAFLET.labels["words"]["logo_alt"].replace("{clinic}", LEAFLET.text(LEAFLET.clinic["name"]))
    prs = Presentation(str(decks["16:9"]))
    for slide in (prs.slides[0], prs.slides[len(prs.slides) - 1]):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        logos = [p for p in pictures if p._element.nvPicPr.cNvPr.get("descr") == logo_alt]
        assert len(logos) == 1
        logo = logos[0]
        for other in [*pictures, *text_shapes(slide.shapes)]:
            if other is logo:
                continue
            apart = (logo.left >= other.left + other.width or other.left >= logo.left + logo.width
                     or logo.top >= other.top + other.height or other.top >= logo.top + logo.height)
            assert apart, other.name


TIP_LEAFLETS = {"knee": KNEE, "wound": ROOT / "tests" / "leaflets" / "wound-care.yaml",
                "wound-ar": ROOT / "tests" / "leaflets" / "wound-care.ar.yaml"}


@pytest.mark.parametrize("name", list(TIP_LEAFLETS))
@pytest.mark.parametrize("aspect", list(ASPECTS))
def test_every_tip_and_note_is_shown_on_a_slide_not_only_in_the_notes(tmp_path, name, aspect):
    import shutil

    source = tmp_path / TIP_LEAFLETS[name].name
    shutil.copy(TIP_LEAFLETS[name], source)
    for picture in TIP_LEAFLETS[name].parent.glob("*.png"):
        shutil.copy(picture, tmp_path / picture.name)
    shutil.copytree(KNEE.parent / "images", tmp_path / "images", dirs_exist_ok=True)
    result = CliRunner().invoke(main, ["pptx", str(source), "--aspect", aspect, "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (deck,) = (tmp_path / "out").glob("*.pptx")
    shown = " ".join(sh.text_frame.text for slide in Presentation(str(deck)).slides for sh in text_shapes(slide.shapes))
    shown = " ".join(shown.replace("\u00a0", " ").split())
    leaflet = Leaflet(TIP_LEAFLETS[name])
    # the standard contact text is left to the closing slide, which gives the same details
    callouts = [value for _, s in leaflet.sections() for kind, value in leaflet.blocks(s)
                if kind == "callout" and value["kind"] in ("tip", "note")
                and value != leaflet.standard("contact")]
    assert callouts
    for callout in callouts:
        for text in [callout["title"], *callout.get("items", [])]:
            assert " ".join(leaflet.text(text).split()) in shown, (aspect, text)


def test_a_number_of_several_groups_is_never_broken_at_its_hyphens_on_a_slide(tmp_path):
    from conftest import VALID

    message = "Call 011-234-5678 or 0800 555 0100 today, from 2026-01-10."
    source = tmp_path / "content.yaml"
    source.write_text(VALID.replace("Call us on {{ clinic.phone }} if you are worried.", message), encoding="utf-8")
    result = CliRunner().invoke(main, ["pptx", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (deck,) = (tmp_path / "out").glob("*.pptx")
    runs = [r.text for slide in Presentation(str(deck)).slides for sh in text_shapes(slide.shapes)
            for p in sh.text_frame.paragraphs for r in p.runs]
    shown = [t for t in runs if t.replace("\u2011", "-") == message]
    assert shown, runs  # the reader sees the message as written
    for text in shown:
        assert "011\u2011234\u20115678" in text and "2026\u201101\u201110" in text and "-" not in text
