"""A talk a nurse can give: `--minutes N` shows what can be said in N minutes, how-to first, and
keeps the rest on hidden slides; the speaker script times each slide by its own notes; every slide
has notes; points and pictures keep the leaflet's order. Decks are reopened with python-pptx, the
script with pdfplumber; expected text comes from the YAML (tests/oracle.py)."""

import re

import pdfplumber
import pytest
from click.testing import CliRunner
from conftest import KNEE, ROOT
from deck_factory import article, section, t
from oracle import Leaflet, sentences
from pptx import Presentation

from handouts import model as m
from handouts.cli import main
from handouts.load import load
from handouts.render.deck.plan import plan_deck
from handouts.theme.labels import labels_for
from handouts.theme.themes import load_theme

TOPICS = ROOT / "tests" / "leaflets" / "topics"
ASTHMA = TOPICS / "asthma-inhaler.yaml"  # a how-to leaflet: two sections of steps
LEAFLETS = [KNEE, ROOT / "tests" / "leaflets" / "wound-care.yaml", *sorted(TOPICS.glob("*.yaml"))]
THEME = load_theme()
WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")


def norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def hidden(slide) -> bool:
    return slide._element.get("show") == "0"


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def seconds_said(text: str) -> float:
    """The time to say `text` at the theme's pace (130 words a minute), plus the pause per slide."""
    return len(WORD.findall(text)) / THEME.slides.words_per_minute * 60 + THEME.slides.pause_seconds


def every_sentence(leaflet: Leaflet) -> list[str]:
    texts = list(leaflet.key_messages)
    for _, sec in leaflet.sections():
        texts += [leaflet.text(sec["title"]), *(leaflet.text(p) for p in sec.get("slide_points", []))]
        texts += [x for kind, value in leaflet.blocks(sec) for x in leaflet.block_texts(kind, value)]
    return [norm(s) for x in texts for s in sentences(x)]


def deck_text(prs) -> str:
    parts = []
    for slide in prs.slides:
        parts += [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        parts.append(notes(slide))
    return norm(" ".join(parts))


def steps_sections(leaflet: Leaflet) -> list[str]:
    """The top-level sections that hold a list of steps, themselves or in a sub-section."""
    def has_steps(sec) -> bool:
        return any("steps" in b for b in sec.get("blocks", [])) or any(has_steps(s) for s in sec.get("sections", []))

    return [leaflet.text(s["title"]) for s in leaflet.data["sections"] if has_steps(s)]


@pytest.fixture(scope="module")
def five_minutes(tmp_path_factory):
    out = tmp_path_factory.mktemp("talk")
    for command in ("pptx", "script"):
        result = CliRunner().invoke(main, [command, str(ASTHMA), "-o", str(out), "--minutes", "5"])
        assert result.exit_code == 0, result.output
    return out


def test_a_five_minute_how_to_talk_shows_every_steps_section_and_fits_five_minutes(five_minutes):
    leaflet = Leaflet(ASTHMA)
    prs = Presentation(str(five_minutes / "asthma-inhaler-5min.pptx"))
    shown = [s for s in prs.slides if not hidden(s)]
    titles = [s.shapes.title.text_frame.text for s in shown]
    wanted = steps_sections(leaflet)
    assert len(wanted) == 2 and all(title in titles for title in wanted)
    # what is said on the shown slides fits five minutes at 130 words a minute, 10 s a slide
    assert THEME.slides.words_per_minute == 130
    assert sum(seconds_said(notes(s)) for s in shown) <= 5 * 60
    # the title and main points open it, every get-help slide is in it, the closing ends it
    labels = leaflet.labels
    assert titles[:2] == [leaflet.title, labels["words"]["main_points"]]
    helps = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith(labels["callouts"]["get_help"])]
    assert len(helps) == 2 and not any(hidden(s) for s in helps)
    assert titles[-1] == labels["slides"]["closing"]
    # under ten minutes, the main points are not said again as "Key takeaways"
    assert labels["slides"]["summary"] not in titles


def test_the_rest_of_the_leaflet_is_on_hidden_slides_after_the_closing(five_minutes):
    leaflet = Leaflet(ASTHMA)
    prs = Presentation(str(five_minutes / "asthma-inhaler-5min.pptx"))
    slides = list(prs.slides)
    flags = [hidden(s) for s in slides]
    first = flags.index(True)
    assert all(flags[first:]) and not any(flags[:first])  # one appendix, at the end
    assert slides[first - 1].shapes.title.text_frame.text == leaflet.labels["slides"]["closing"]
    assert slides[first].shapes.title.text_frame.text == leaflet.labels["slides"]["appendix"]
    later = [s.shapes.title.text_frame.text for s in slides[first + 1:]]
    assert "Getting ready" in later  # the section the talk has no time for, whole
    # nothing is lost: every sentence is on a slide or in the notes, hidden slides included
    text = deck_text(prs)
    assert [s for s in every_sentence(leaflet) if s not in text] == []
    assert all(norm(notes(s)) for s in slides)


def test_check_minutes_names_the_sections_left_for_questions(five_minutes):
    result = CliRunner().invoke(main, ["check", str(ASTHMA), "--minutes", "5"])
    line = next(x for x in result.stdout.splitlines() if "Deck fits" in x)
    prs = Presentation(str(five_minutes / "asthma-inhaler-5min.pptx"))
    left = [s.shapes.title.text_frame.text for s in prs.slides if hidden(s)][1:]  # after the appendix's own
    named = line.split("for questions afterwards: ")[1].split(";  ")[0]
    for title in dict.fromkeys(x.split(" (")[0] for x in left):
        assert title in named
    assert "Giving a dose" not in named and "Caring for the spacer" not in named


def test_too_short_a_talk_is_refused_with_the_shortest_possible(tmp_path):
    result = CliRunner().invoke(main, ["pptx", str(ASTHMA), "-o", str(tmp_path), "--minutes", "3"])
    assert result.exit_code == 1
    found = re.search(r"asthma-inhaler\.yaml:\d+:\d+: .*the shortest talk for this leaflet is (\d+) minutes",
                      result.stderr)
    assert found, result.stderr
    assert "Traceback" not in result.output and list(tmp_path.iterdir()) == []
    shortest = int(found.group(1))
    assert shortest > 3
    # and that length is enough
    ok = CliRunner().invoke(main, ["pptx", str(ASTHMA), "-o", str(tmp_path), "--minutes", str(shortest)])
    assert ok.exit_code == 0, ok.output


def script_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return norm(" ".join(page.extract_text() or "" for page in pdf.pages))


def clock(seconds: float) -> tuple[int, int]:
    whole = int(round(seconds))
    return whole // 60, whole % 60


def test_the_script_times_each_slide_by_its_own_notes(tmp_path):
    source = TOPICS / "wound-dressing-child.yaml"  # a slide of about 300 words of notes
    for command in ("pptx", "script"):
        result = CliRunner().invoke(main, [command, str(source), "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
    prs = Presentation(str(next(tmp_path.glob("*.pptx"))))
    text = script_text(next(tmp_path.glob("*-script.pdf")))
    pattern = Leaflet(source).labels["slides"]["script_time"].replace("{time}", r"(\d+):(\d\d)")
    times = [int(a) * 60 + int(b) for a, b in re.findall(pattern, text)]
    expected = [seconds_said(notes(s)) for s in prs.slides]
    assert len(times) == len(expected)
    assert all(abs(got - want) <= 2 for got, want in zip(times, expected)), list(zip(times, expected))
    assert max(times) > 120  # the long slide takes its time


def test_the_script_prints_the_appendix_after_the_talk_with_no_times(five_minutes):
    leaflet = Leaflet(ASTHMA)
    prs = Presentation(str(five_minutes / "asthma-inhaler-5min.pptx"))
    text = script_text(five_minutes / "asthma-inhaler-script-5min.pdf")
    heading = leaflet.labels["slides"]["appendix"]
    talk, _, appendix = text.rpartition(heading)
    time = leaflet.labels["slides"]["script_time"].replace("{time}", r"\d+:\d\d")
    shown = [s for s in prs.slides if not hidden(s)]
    assert len(re.findall(time, talk)) == len(shown) and not re.findall(time, appendix)
    assert "Getting ready" in appendix
    total = re.search(leaflet.labels["slides"]["script_total"].split("{minutes}")[0]
                      .replace("{slides}", str(len(shown))) + r"(\d+)", talk)
    assert total and int(total.group(1)) == round(sum(seconds_said(notes(s)) for s in shown) / 60)


@pytest.mark.parametrize("minutes", [None, 10, 20])
@pytest.mark.parametrize("path", LEAFLETS, ids=lambda p: p.stem)
def test_every_slide_has_notes(path, minutes):
    article_ = load(path)
    labels = labels_for(article_.meta.language)
    for aspect in ("16:9", "4:3"):
        try:
            slides = plan_deck(article_, THEME, labels, aspect, minutes=minutes)
        except Exception as exc:  # a leaflet too long for the talk says so; that is tested above
            assert minutes and "shortest talk" in str(exc)
            continue
        assert [s.title for s in slides if not any(n.strip() for n in s.notes)] == []
        assert len([s for s in slides if not s.hidden]) <= 25 or minutes


def test_a_part_shows_its_own_points_first_and_a_picture_stays_where_the_leaflet_puts_it():
    logo = TOPICS / "knee-ice.png"
    picture = m.Picture(logo, logo.read_bytes(), 400, 300, "PNG")
    image = m.Image(article().loc, picture, t("A knee with an ice pack on it"), t("Ice helps"))
    first = section("Ice", ["Wrap the ice", "Ten minutes at a time"], blocks=[image])
    second = section("Rest", [f"A longer point {n} about resting your sore knee" for n in range(1, 7)])
    part = section("At home", ["Ice it", "Rest it"], sections=[first, second])
    slides = plan_deck(article(part), THEME, labels_for("en"), "16:9")
    body = [s for s in slides if s.kind in ("content", "image")]
    lead = body[0]
    assert [i.plain for i in lead.shown_items][:2] == ["Ice it", "Rest it"]  # before the sub-sections' points
    kinds = [(s.kind, [i.plain for i in s.shown_items]) for s in body]
    where = {name: next(n for n, (_, items) in enumerate(kinds) if name in items) for name in ("Ice", "Rest")}
    picture_at = next(n for n, (kind, _) in enumerate(kinds) if kind == "image")
    assert where["Ice"] < picture_at <= where["Rest"]  # after its own section's points, before the next's


def test_two_short_sections_share_a_slide_side_by_side_each_under_its_title():
    slides = plan_deck(article(section("Rest", ["Sit down", "Lift your leg"]), section("Ice", ["Wrap the ice"]),
                               section("Move", ["Walk a little each day"])), THEME, labels_for("en"), "16:9")
    content = [s for s in slides if s.kind == "content"]
    assert len(content) == 2
    both = content[0]
    assert both.title == "Rest; Ice"
    assert [(i.plain, i.bold) for i in both.items] == [("Rest", True), ("Sit down", False), ("Lift your leg", False)]
    assert [(i.plain, i.bold) for i in both.second] == [("Ice", True), ("Wrap the ice", False)]
    assert both.second_box.x >= both.body_box.right  # side by side, the first at the left
    assert both.notes[0] == "Rest" and "Ice" in both.notes
    assert content[1].title == "Move" and not content[1].second  # a third waits for a partner of its own


def test_a_parts_own_picture_sits_beside_its_own_points_before_its_sub_sections():
    logo = TOPICS / "eye-shield.png"
    image = m.Image(article().loc, m.Picture(logo, logo.read_bytes(), 400, 300, "PNG"), t("An eye shield"))
    rules = section("For two weeks, do not", [f"Do not do thing number {n} for two weeks" for n in range(1, 7)])
    part = section("Protect your eye", ["Wear the shield at night", "Wear sunglasses outside"], blocks=[image],
                   sections=[rules])
    slides = [s for s in plan_deck(article(part), THEME, labels_for("en"), "16:9") if s.kind in ("content", "image")]
    first = slides[0]
    assert [i.plain for i in first.items] == ["Wear the shield at night", "Wear sunglasses outside"]
    (picture,) = first.pictures
    assert picture.alt == "An eye shield" and picture.box.x >= first.body_box.right  # beside, not over
    assert "Picture: An eye shield" in first.notes
    assert not any(s.kind == "image" for s in slides)
    assert any(i.plain == "For two weeks, do not" for s in slides[1:] for i in s.shown_items)
