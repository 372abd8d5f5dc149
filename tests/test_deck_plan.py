"""The slide planner on its own: pure data, no python-pptx.

Fit is checked here with the planner's own measure; test_deck_output.py checks the written deck
with an independent measure.
"""

import re
import subprocess
import sys

import pytest
from conftest import KNEE, ROOT
from deck_factory import LOC, article, section, t
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts import model as m
from handouts.errors import ContentError
from handouts.load import load
from handouts.render.deck import measure, typeset
from handouts.render.deck.geometry import builtin_geometry
from handouts.render.deck.plan import plan_deck as _plan_deck
from handouts.theme.labels import labels_for
from handouts.theme.themes import load_theme

THEME = load_theme()
LABELS = labels_for("en")
ARTICLE = load(KNEE)


def plan_deck(article, theme, aspect="16:9"):
    return _plan_deck(article, theme, LABELS, aspect)
BODY = THEME.slides.body_size
MIN = THEME.slides.min_body_size
LARGE = THEME.slides.large_body_size  # a centred slide of few points
FAMILY = THEME.fonts.slides_metrics


def body_height(slide, items=None) -> float:
    paras = [typeset.para(item, slide.body_size, MIN) for item in (slide.items if items is None else items)]
    return measure.height(FAMILY, paras, slide.body_box.inner_width_pt)


def assert_fits(slides):
    for s in slides:
        if s.items:
            assert body_height(s) <= s.body_box.inner_height_pt + 0.01, s.title
            assert MIN <= s.body_size <= (LARGE if s.centred else BODY), s.title
        if s.second:  # the second column: as wide as the first, as tall, at the same size
            assert s.second_box.w == s.body_box.w and s.second_box.h == s.body_box.h
            assert body_height(s, s.second) <= s.second_box.inner_height_pt + 0.01, s.title


def content_slides(slides, title):
    """The slides of a section: titled with it, or (a sub-section sharing its part's slide) led by it."""
    return [s for s in slides if s.title == title or s.title == f"{title} (continued)"
            or any(i.plain == title and i.bold for i in s.shown_items)]


def test_the_planner_never_imports_python_pptx_or_reportlab():
    code = ("import sys; from handouts.render.deck.plan import plan_deck; from handouts.load import load; "
            "from handouts.theme.themes import load_theme; from handouts.theme.labels import labels_for; "
            "plan_deck(load('tests/leaflets/knee-muscle-spasms.yaml'), load_theme(), labels_for('en'), '16:9'); "
            "print('pptx' in sys.modules, 'reportlab' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_the_real_content_plans_every_kind_of_slide(aspect):
    slides = plan_deck(ARTICLE, THEME, aspect)
    kinds = [s.kind for s in slides]
    assert kinds[:3] == ["title", "main_points", "agenda"] and kinds[-2:] == ["summary", "closing"]
    assert {"content", "get_help", "faq"} <= set(kinds)
    assert len(slides) <= 25 and "section" not in kinds  # a 20-minute talk needs no dividers
    first = slides[0]
    assert first.title == "Muscle spasms in the knee"
    assert [i.plain for i in first.items] == [ARTICLE.meta.subtitle.plain, ARTICLE.clinic.name.plain,
                                              "November 2026"]
    assert all(s.title for s in slides)
    assert_fits(slides)


def test_agenda_lists_the_top_level_sections_in_order_over_as_many_slides_as_needed():
    slides = [s for s in plan_deck(ARTICLE, THEME, "16:9") if s.kind == "agenda"]
    assert [i.plain for s in slides for i in s.items] == [sec.title.plain for sec in ARTICLE.sections]
    assert [i.number for s in slides for i in s.items] == list(range(1, len(ARTICLE.sections) + 1))
    assert all(s.title.endswith("(continued)") for s in slides[1:])


def test_a_section_that_is_only_a_get_help_callout_is_named_in_its_notes_and_no_agenda_is_empty():
    callout = m.Callout(LOC, "get_help", t("When to call"), None, (t("Call if it swells."),))
    slides = plan_deck(article(section("Stretch your knee", blocks=[callout])), THEME)
    assert not [s for s in slides if s.kind == "agenda"]  # it would list nothing
    helps = [s for s in slides if s.kind == "get_help"]
    assert len(helps) == 1 and helps[0].notes[0] == "Stretch your knee"


def test_each_get_help_callout_has_its_own_marked_slide():
    slides = plan_deck(ARTICLE, THEME, "16:9")
    callouts = [b for _, s in ARTICLE.all_sections() for b in s.blocks
                if isinstance(b, m.Callout) and b.kind == "get_help"]
    helps = [s for s in slides if s.kind == "get_help" and not s.continued]
    assert len(helps) == len(callouts) >= 1
    for slide, callout in zip(helps, callouts):
        assert "get help" in slide.title.lower()
        assert slide.icon_box is not None and slide.panel_box is not None
        on_slide = " ".join(i.plain for s in content_slides(slides, slide.title) for i in s.items)
        for text in callout.items:
            assert text.plain in on_slide


def test_notes_carry_the_full_text_of_each_section_and_read_each_block_once():
    """A block with a slide of its own (get help, questions, a picture) is read out under that slide;
    every other block under its section's slides; none twice."""
    from collections import Counter

    from oracle import Leaflet

    leaflet = Leaflet(KNEE)
    slides = plan_deck(ARTICLE, THEME, "16:9")
    every = Counter(t for _, sec in leaflet.sections() for kind, value in leaflet.blocks(sec)
                    for t in leaflet.block_texts(kind, value))
    for _, sec in leaflet.sections():
        title = leaflet.text(sec["title"])
        notes = " ".join(n for s in content_slides(slides, title) for n in s.notes).replace("\u00a0", " ")
        for kind, value in leaflet.blocks(sec):
            if kind in ("faq", "image") or (kind == "callout" and value["kind"] == "get_help"):
                continue
            for text in leaflet.block_texts(kind, value):
                assert text in notes, (title, text)
    per_slide = [" ".join(s.notes).replace("\u00a0", " ") for s in slides]
    for text, times in every.items():
        read = sum(text in notes for notes in per_slide)
        # a short text ("Massage") may also be part of a longer one; a sentence is not
        assert 1 <= read and (len(text) < 40 or read <= times), (text, read)


def test_faq_questions_are_points_and_answers_are_in_the_notes():
    slides = [s for s in plan_deck(ARTICLE, THEME, "4:3") if s.kind == "faq"]
    faq = next(b for _, s in ARTICLE.all_sections() for b in s.blocks if isinstance(b, m.FAQ))
    questions = [i.plain for s in slides for i in s.items if i.level == 0]
    assert questions == [qa.q.plain for qa in faq.items]
    notes = " ".join(n for s in slides for n in s.notes)
    for qa in faq.items:
        assert f"Q: {qa.q.plain}" in notes and f"A: {qa.a.plain}" in notes


def test_too_many_points_continue_on_new_slides():
    points = [f"Point number {n} is about one thing" for n in range(1, 15)]
    slides = content_slides(plan_deck(article(section("Many points", points)), THEME, "16:9"), "Many points")
    assert len(slides) >= 3
    assert slides[0].title == "Many points"
    assert all(s.title == "Many points (continued)" and s.continued for s in slides[1:])
    assert all(len(s.items) <= 6 for s in slides)
    assert [i.plain for s in slides for i in s.items] == points
    assert_fits(slides)


def test_slides_are_balanced_rather_than_leaving_one_point_alone():
    points = [f"Short point {n}" for n in range(1, 8)]
    slides = content_slides(plan_deck(article(section("Seven", points)), THEME, "16:9"), "Seven")
    assert [len(s.items) for s in slides] == [4, 3]


def test_long_points_move_whole_to_the_next_slide():
    sentence = "Drink water before, during and after you exercise, even on cool days. "
    points = [(sentence * 2).strip() + f" Tip {n}." for n in range(1, 9)]
    slides = content_slides(plan_deck(article(section("Long points", points)), THEME, "4:3"), "Long points")
    assert len(slides) > 1
    assert [i.plain for s in slides for i in s.items] == points  # each point whole, in order
    assert all(s.body_size == BODY for s in slides)
    assert_fits(slides)


def test_a_point_too_big_for_a_slide_is_set_smaller_before_it_is_split():
    # find a length that does not fit at the body size but does at the minimum
    words = "Stretch the tight muscle slowly and gently, and stop if it hurts"
    for n in range(1, 60):
        text = " ".join([words] * n) + "."
        slides = content_slides(plan_deck(article(section("Big", [text])), THEME, "16:9"), "Big")
        if len(slides) == 1 and slides[0].body_size < BODY:
            break
    else:
        pytest.fail("no length needed a smaller size")
    assert slides[0].items[0].plain == text
    assert slides[0].body_size >= MIN
    assert_fits(slides)


def test_a_point_too_big_even_at_the_minimum_is_split_between_sentences():
    sentences = [f"This is sentence number {n} of a very long point that goes on and on." for n in range(1, 40)]
    text = " ".join(sentences)
    slides = content_slides(plan_deck(article(section("Huge", [text])), THEME, "16:9"), "Huge")
    assert len(slides) > 1
    parts = [i for s in slides for i in s.items]
    assert " ".join(p.plain for p in parts) == text
    assert all(re.search(r"[.!?]$", p.plain) for p in parts), "a part ends mid-sentence"
    assert parts[0].show_marker and not any(p.show_marker for p in parts[1:])
    assert_fits(slides)


def test_one_sentence_longer_than_a_slide_is_split_between_words_only():
    words = [f"word{n}" for n in range(400)]
    text = " ".join(words)
    slides = content_slides(plan_deck(article(section("Endless", [text])), THEME, "16:9"), "Endless")
    parts = [i.plain for s in slides for i in s.items]
    assert len(parts) > 1
    assert " ".join(parts) == text
    assert all(set(p.split()) <= set(words) for p in parts)
    assert_fits(slides)


def test_long_titles_shrink_to_fit_two_lines_and_impossible_ones_are_reported():
    long = "What can you do at home, at work and while you travel to ease a knee muscle spasm quickly"
    slides = plan_deck(article(section(long, ["One point"])), THEME, "4:3")
    slide = content_slides(slides, long)[0]
    lines = measure.para_lines(FAMILY, typeset.title_para(long, slide.title_size), slide.title_box.inner_width_pt)
    assert len(lines) <= 2 and slide.title_size < THEME.slides.title_size
    with pytest.raises(ContentError) as info:
        plan_deck(article(section("Far too long a title " * 12, ["One point"])), THEME, "16:9")
    assert "test.yaml:1:1" in str(info.value) and "does not fit" in str(info.value)


def test_sections_without_slide_points_use_their_lists():
    steps = m.Steps(article().loc, (t("Sit down."), t("Stretch your leg.")), t("How to stretch"))
    bullets = m.Bullets(article().loc, (t("Drink water."),))
    slides = plan_deck(article(section("Lists", blocks=[steps, bullets])), THEME, "16:9")
    slide = content_slides(slides, "Lists")[0]
    assert [(i.plain, i.marker, i.number) for i in slide.items] == [
        ("Sit down.", "number", 1), ("Stretch your leg.", "number", 2), ("Drink water.", "bullet", 0)]
    assert "How to stretch" in slide.notes and "1. Sit down." in slide.notes


def test_closing_slide_has_the_contact_details_and_a_qr_code_with_alt_text():
    url = "https://test.example/leaflet"
    closing = plan_deck(article(section("S", ["P"]), online_url=url), THEME, "16:9")[-1]
    text = " ".join(i.plain for i in closing.items)
    for part in ("Test Clinic", "555 0100", "hi@test.example", "test.example", "1 Test Road", "911"):
        assert part in text
    (qr,) = closing.pictures
    assert qr.qr_data == url and url in qr.alt
    assert qr.box.x >= closing.body_box.right  # the text box leaves room for it
    no_url = plan_deck(article(section("S", ["P"])), THEME, "16:9")[-1]
    assert no_url.pictures == ()


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,;'", min_size=1, max_size=14)
POINT = st.lists(WORD, min_size=1, max_size=40).map(lambda ws: " ".join(ws))


@settings(max_examples=40, deadline=None)
@given(points=st.lists(POINT, min_size=1, max_size=16), aspect=st.sampled_from(["16:9", "4:3"]))
def test_any_list_of_points_is_kept_whole_in_order_and_fits(points, aspect):
    slides = content_slides(plan_deck(article(section("Property", points)), THEME, aspect), "Property")
    assert_fits(slides)
    rebuilt, pending = [], None
    for item in (i for s in slides for i in s.items):
        if item.show_marker:
            if pending is not None:
                rebuilt.append(pending)
            pending = item.plain
        else:  # the rest of a point cut between slides
            pending += " " + item.plain
    rebuilt.append(pending)
    assert rebuilt == points


def test_tips_and_notes_show_under_the_points_when_they_fit_else_on_a_slide_of_their_own():
    slides = plan_deck(ARTICLE, THEME, "16:9")
    # a sub-section sharing its part's slide shows its note in its own group, under its points
    medicine = content_slides(slides, "Can medicine help?")[-1]
    lines = [i.plain for i in medicine.shown_items]
    start = lines.index("Can medicine help?")
    assert "Note: Check before you take medicine" in lines[start:]
    assert_fits([medicine])
    tip = m.Callout(article().loc, "tip", t("Stretch safely"), items=(t("Move slowly."),))
    for extra in range(120):  # grow four points until they nearly fill one slide
        crowded = [f"Point {n} " + "words " * extra for n in range(4)]
        slides = content_slides(plan_deck(article(section("Crowded", crowded, blocks=[tip])), THEME, "4:3"),
                                "Crowded")
        if len(slides[0].items) == 4 and body_height(slides[0]) > 0.75 * slides[0].body_box.inner_height_pt:
            break
    else:
        pytest.fail("never filled a slide")
    assert slides[0].asides == ()
    assert "Tip: Stretch safely" in slides[0].notes and "\u2022 Move slowly." in slides[0].notes
    # no room under the points: the tip is shown on the next slide, marked as continued
    assert len(slides) == 2 and slides[1].continued
    assert [i.plain for i in slides[1].items] == ["Tip: Stretch safely", "Move slowly."]


def test_a_section_with_only_questions_becomes_its_faq_slides():
    faq = m.FAQ(article().loc, (m.QA(article().loc, t("Can I swim?"), t("Yes, gently.")),))
    slides = plan_deck(article(section("Your questions", blocks=[faq])), THEME, "16:9")
    mine = content_slides(slides, "Your questions")
    assert [(s.kind, [i.plain for i in s.items]) for s in mine] == [("faq", ["Can I swim?", "Yes, gently."])]
    assert mine[0].notes == ("Q: Can I swim?", "A: Yes, gently.")


def test_an_image_block_goes_beside_the_points_with_its_alt_text_and_caption():
    logo = KNEE.parent / "images" / "clinic-logo.png"
    picture = m.Image(article().loc, m.Picture(logo, logo.read_bytes(), 400, 400, "PNG"), t("A round blue logo"),
                      t("Our logo"))
    slides = plan_deck(article(section("Pictures", ["One point"], blocks=[picture])), THEME, "16:9")
    assert not any(s.kind == "image" for s in slides)  # on the section's own slide, not one of its own
    slide = next(s for s in slides if s.title == "Pictures")
    assert [i.plain for i in slide.items] == ["One point"]
    (pic,) = slide.pictures
    assert pic.box.x >= slide.body_box.right  # beside the words, never over them
    assert pic.alt == "A round blue logo" and pic.picture == picture.picture
    assert pic.box.w == pic.box.h  # the square picture keeps its shape
    (caption,) = slide.labels
    assert caption.text == "Our logo" and caption.box.y >= pic.box.bottom
    assert caption.box.bottom <= builtin_geometry("16:9").layouts["Title and Content"].body.bottom
    assert "Picture: A round blue logo" in slide.notes and "Our logo" in slide.notes
    # a section with a picture and nothing else to show gives the picture a slide of its own
    alone = plan_deck(article(section("Only a picture", blocks=[picture])), THEME, "16:9")
    assert [s.kind for s in alone if s.title == "Only a picture"] == ["image"]


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_every_content_slide_of_the_knee_deck_fills_at_least_40_percent_of_its_body(aspect):
    slides = plan_deck(ARTICLE, THEME, aspect)
    for s in slides:
        if s.kind == "content":
            assert max(body_height(s), body_height(s, s.second)) >= 0.4 * s.body_box.inner_height_pt, s.title


def test_a_list_of_six_short_points_is_never_split():
    points = [f"Short point {n} to remember" for n in range(1, 7)]
    slides = content_slides(plan_deck(article(section("Six", points)), THEME, "4:3"), "Six")
    assert len(slides) == 1 and [i.plain for i in slides[0].items] == points
    assert_fits(slides)
    # six points too tall for one slide at the body size, short enough at the minimum: set smaller, not split
    for extra in range(40):
        longer = [f"Point {n} " + "word " * extra for n in range(1, 7)]
        slides = content_slides(plan_deck(article(section("Six", longer)), THEME, "4:3"), "Six")
        if slides[0].body_size < BODY:
            break
    else:
        pytest.fail("six points never needed a smaller size")
    assert len(slides) == 1 and len(slides[0].items) == 6 and slides[0].body_size >= MIN
    assert_fits(slides)
    helps = [m.Callout(article().loc, "get_help", t("Call us if"), items=tuple(t(p) for p in points))]
    slides = [s for s in plan_deck(article(section("Help", ["One"], blocks=helps)), THEME, "4:3")
              if s.kind == "get_help"]
    assert len(slides) == 1 and [i.plain for i in slides[0].items] == points


def test_short_sub_sections_share_a_slide_under_their_own_titles():
    subs = [section(f"Sub {n}", [f"Point {n}a", f"Point {n}b"]) for n in range(1, 4)]
    slides = content_slides(plan_deck(article(section("Part", sections=subs)), THEME, "16:9"), "Part")
    assert len(slides) == 1
    lines = [(i.plain, i.bold) for i in slides[0].shown_items]
    assert lines == [(s, b) for n in range(1, 4) for s, b in ((f"Sub {n}", True), (f"Point {n}a", False),
                                                               (f"Point {n}b", False))]
    assert all(f"Sub {n}" in slides[0].notes for n in range(1, 4))


def test_a_long_talk_opens_every_part_with_the_same_dividers():
    parts = [section(f"Part {p}", sections=[section(f"Topic {p}.{n}", [f"A longer point {k} about topic {p}.{n}"
                                                                        for k in range(1, 6)]) for n in range(1, 4)])
             for p in range(1, 13)]  # twelve parts: more than 25 slides, even two sub-sections a slide
    slides = plan_deck(article(*parts), THEME, "16:9")
    assert len(slides) > 25
    dividers = [s for s in slides if s.kind == "section"]
    assert [d.title for d in dividers] == [f"Part {p}" for p in range(1, 13)]
    assert [lb.text for d in dividers for lb in d.labels] == [f"Part {p} of 12" for p in range(1, 13)]


@pytest.mark.parametrize("language", ["hi", "ar", "vi", "es"])
def test_a_talk_is_timed_by_the_words_said_whatever_the_script(language):
    """A word with its vowel signs or marks is one word: the notes' own spaces give the count."""
    from conftest import ROOT
    from oracle import read_yaml

    from handouts.render.deck.geometry import Box
    from handouts.render.deck.slide import SlidePlan
    from handouts.render.deck.timing import words

    source = read_yaml(ROOT / "tests" / "leaflets" / "languages" / f"{language}.yaml")
    texts = [b["paragraph"] for s in source["sections"] for b in s.get("blocks", []) if "paragraph" in b]
    assert texts
    slide = SlidePlan(kind="content", layout="Title and Content", title="t", title_size=32,
                      title_box=Box(0, 0, 1, 1), notes=tuple(texts))
    said = sum(1 for t in texts for token in t.split() if any(ch.isalnum() for ch in token))
    assert words(slide) == said
