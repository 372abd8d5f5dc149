"""The printed layouts, re-read from the PDFs: page counts, how full the pages are, headings never
left at the foot of a column, the booklet's imposition, the tri-fold's panels, and what a summary
must hold. Expected text comes from the YAML file (tests/oracle.py)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pdfplumber
import pytest
from click.testing import CliRunner
from conftest import KNEE as KNEE_FILE
from conftest import ROOT, VALID, require_tool
from oracle import Leaflet, sentences
from pdf_layout import column_lines, page_fill
from pdf_text import body_text, norm
from pypdf import PdfReader

from handouts.cli import main

WOUND = ROOT / "tests" / "leaflets" / "wound-care.yaml"
KNEE = Leaflet(KNEE_FILE)
LAYOUTS = ("leaflet", "booklet", "trifold", "card")


def build(content, out, *args):
    result = CliRunner().invoke(main, ["pdf", str(content), "-o", str(out), *map(str, args)])
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.split()]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Every layout of the knee leaflet on A4 and Letter, and of the wound-care leaflet on A4."""
    out = {}
    for paper in ("a4", "letter"):
        folder = tmp_path_factory.mktemp(paper)
        for layout in LAYOUTS:
            for path in build(KNEE_FILE, folder, "--layout", layout, "--paper", paper):
                out[(paper, path.rsplit("/", 1)[1])] = path
        build(KNEE_FILE, folder, "--profile", "large-print", "--paper", paper)
        out[(paper, "knee-muscle-spasms-large-print.pdf")] = str(folder / "knee-muscle-spasms-large-print.pdf")
    folder = tmp_path_factory.mktemp("wound")
    for layout in LAYOUTS:
        for path in build(WOUND, folder, "--layout", layout):
            out[("wound", path.rsplit("/", 1)[1])] = path
    return out


def pages(path) -> int:
    return len(PdfReader(path).pages)


def lead_ins(leaflet: Leaflet) -> set[str]:
    """Lines that introduce what follows: headings, terms, questions and step titles."""
    out = {leaflet.text(s["title"]) for _, s in leaflet.sections()}
    for _, s in leaflet.sections():
        for kind, value in leaflet.blocks(s):
            if kind == "terms":
                out |= {leaflet.text(i["term"]) for i in value}
            elif kind == "faq":
                out |= {leaflet.text(i["q"]) for i in value}
            elif kind == "steps" and "title" in value:
                out.add(leaflet.text(value["title"]))
    return out


# -- the leaflet ---------------------------------------------------------------------------------

@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_knee_leaflet_fits_five_pages_each_but_the_last_at_least_70_percent_full(made, paper):
    path = made[(paper, "knee-muscle-spasms.pdf")]
    assert pages(path) <= 5
    fills = page_fill(path, columns=2)
    assert all(f >= 0.70 for f in fills[:-1]), fills


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_heading_is_left_at_the_foot_of_a_column(made, paper):
    headings = lead_ins(KNEE)
    for n, cols in enumerate(column_lines(made[(paper, "knee-muscle-spasms.pdf")], 2)[:-1], start=1):
        for c, lines in enumerate(cols, start=1):
            text, _top, _bottom, size = lines[-1]
            assert text not in headings and size <= 12.5, f"page {n}, column {c} ends with {text!r}"


def test_body_text_is_12_pt_and_large_print_is_18_pt_in_one_column(made):
    with pdfplumber.open(made[("a4", "knee-muscle-spasms.pdf")]) as pdf:
        sizes = [round(c["size"], 1) for p in pdf.pages for c in p.chars if c["text"].strip()]
    assert max(set(sizes), key=sizes.count) == 12.0 and min(sizes) >= 10
    with pdfplumber.open(made[("a4", "knee-muscle-spasms-large-print.pdf")]) as pdf:
        assert min(round(c["size"], 1) for p in pdf.pages for c in p.chars if c["text"].strip()) >= 18
        for page in pdf.pages[1:]:  # text runs across the middle of the page: one column
            mid = page.width / 2
            assert any(w["x0"] < mid < w["x1"] for w in page.extract_words())


def test_the_leaflet_holds_every_sentence_in_reading_order(made):
    text = body_text(made[("a4", "knee-muscle-spasms.pdf")])
    pos = 0
    for piece in KNEE.reading_order():
        for sentence in sentences(piece):
            found = text.find(norm(sentence), pos)
            assert found >= 0, f"missing or out of order: {sentence!r}"
            pos = found


# -- the booklet ---------------------------------------------------------------------------------

@pytest.mark.parametrize("paper,size", [("a4", (419.53, 595.28)), ("letter", (396.0, 612.0))])
def test_the_booklet_is_at_most_twelve_a5_pages(made, paper, size):
    reader = PdfReader(made[(paper, "knee-muscle-spasms-a5.pdf")])
    assert len(reader.pages) <= 12
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == size


def half_sheets(path):
    """The text of each half of each side of the imposed sheets, left then right."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            assert page.width > page.height  # landscape sheets
            halves = (page.crop((0, 0, page.width / 2, page.height)),
                      page.crop((page.width / 2, 0, page.width, page.height)))
            out.append([h.extract_text() or "" for h in halves])
    return out


def page_number(text: str) -> str:
    """What a half-sheet is: its printed page number, 'front', 'back' or 'blank'."""
    if not text.strip():
        return "blank"
    if KNEE.clinic["phone"] in text and KNEE.labels["words"]["contact_us"] in text:
        return "back"
    if KNEE.title in norm(text):
        return "front"
    last = text.strip().splitlines()[-1].strip()
    assert re.fullmatch(r"\d+", last), f"no page number on a half-sheet ending {last!r}"
    return last


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_booklet_sheets_are_in_saddle_stitch_order(made, paper):
    count = pages(made[(paper, "knee-muscle-spasms-a5.pdf")])
    total = count + (-count) % 4
    found = [[page_number(t) for t in side] for side in half_sheets(made[(paper, "knee-muscle-spasms-booklet.pdf")])]

    def name(n):  # page n of the padded booklet: the covers, the blanks before the back cover, or a number
        return "front" if n == 1 else "back" if n == total else "blank" if n >= count else str(n)

    expected = []
    for k in range(1, total // 4 + 1):
        expected += [[name(total - 2 * k + 2), name(2 * k - 1)], [name(2 * k), name(total - 2 * k + 1)]]
    assert found == expected
    if total == 12:
        assert found[0] == ["back", "front"] and found[1] == ["2", "11"]


def test_the_booklet_says_how_to_print_it_and_names_the_reading_copy(made):
    info = PdfReader(made[("a4", "knee-muscle-spasms-booklet.pdf")]).metadata
    assert "knee-muscle-spasms-a5.pdf" in info.subject and "short edge" in info.subject


# -- the tri-fold and the card ---------------------------------------------------------------------

def thirds(page):
    return [page.crop((page.width * i / 3, 0, page.width * (i + 1) / 3, page.height)).extract_text() or ""
            for i in range(3)]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_trifold_panels_are_in_folding_order_and_read_cover_flap_inside_back(made, paper):
    path = made[(paper, "knee-muscle-spasms-trifold.pdf")]
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 2 and pdf.pages[0].width > pdf.pages[0].height
        flap, back, cover = (norm(t) for t in thirds(pdf.pages[0]))
        inside = norm(" ".join(thirds(pdf.pages[1])))
    assert KNEE.title in cover
    assert KNEE.labels["words"]["main_points"] in flap
    assert KNEE.clinic["phone"] in back and KNEE.labels["words"]["contact_us"] in back
    last_title = KNEE.text(KNEE.data["sections"][-1]["title"])
    assert last_title in inside
    titles = [entry.title for entry in PdfReader(path).outline]
    assert titles[0] == KNEE.title and titles[-1] == KNEE.labels["words"]["contact_us"]
    assert titles[1:-1] == [KNEE.text(s["title"]) for s in KNEE.data["sections"]]


def get_help_texts(leaflet: Leaflet) -> list[str]:
    return [t for _, s in leaflet.sections() for kind, value in leaflet.blocks(s)
            if kind == "callout" and value["kind"] == "get_help" for t in leaflet.block_texts(kind, value)]


@pytest.mark.parametrize("which", ["knee-muscle-spasms-trifold.pdf", "knee-muscle-spasms-card.pdf",
                                   "wound-care-trifold.pdf", "wound-care-card.pdf"])
def test_summaries_hold_every_main_point_and_every_get_help_item(made, which):
    leaflet = KNEE if which.startswith("knee") else Leaflet(WOUND)
    path = made[("a4" if which.startswith("knee") else "wound", which)]
    if "trifold" in which:  # read panel by panel
        with pdfplumber.open(path) as pdf:
            text = " ".join(t for page in pdf.pages for t in thirds(page))
    else:
        text = body_text(path)
    squashed = norm(text).replace(" ", "")
    for item in leaflet.key_messages + get_help_texts(leaflet):
        assert item.replace(" ", "") in squashed, item
    assert pages(path) == (2 if "trifold" in which else 1)


BRIEF_KINDS = VALID + """\
  - title: Only a tip
    blocks:
      - callout: {kind: tip, title: Ice helps, items: [Hold ice on your knee for 15 minutes.]}
  - title: Only words
    blocks:
      - terms:
          - {term: Ice pack, text: A bag of ice wrapped in a cloth.}
  - title: Only steps
    blocks:
      - steps:
          title: Stretch your calf
          items: [Stand facing a wall., Step one foot back., Press the heel down., Hold for ten seconds.]
"""


def test_the_trifold_gives_every_section_without_a_paragraph_in_brief_and_steps_in_order(write, tmp_path):
    path = write(BRIEF_KINDS)
    leaflet = Leaflet(path)
    (pdf,) = build(path, tmp_path, "--layout", "trifold")
    with pdfplumber.open(pdf) as doc:
        inside = norm(" ".join(thirds(doc.pages[1])))
    sections = {leaflet.text(s["title"]): s for s in leaflet.data["sections"]}
    for title in sections:
        assert title in inside, title
    tip = sections["Only a tip"]["blocks"][0]["callout"]
    assert leaflet.text(tip["title"]) in inside and leaflet.text(tip["items"][0]) in inside
    assert leaflet.text(sections["Only words"]["blocks"][0]["terms"][0]["term"]) in inside
    steps = sections["Only steps"]["blocks"][0]["steps"]
    numbered = " ".join(f"{n}. {leaflet.text(item)}" for n, item in enumerate(steps["items"], 1))
    assert f"{leaflet.text(steps['title'])} {numbered}" in inside


def test_the_card_is_one_a5_page_with_paper_a5(write, tmp_path):
    (path,) = build(write(VALID), tmp_path, "--layout", "card", "--paper", "a5")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (420, 595)
    # the knee leaflet's warning signs are too many for A5 at 12 pt: said, with what to shorten
    result = CliRunner().invoke(main, ["pdf", str(KNEE_FILE), "--layout", "card", "--paper", "a5",
                                       "-o", str(tmp_path / "knee")])
    assert result.exit_code == 1 and "the text does not fit the card's page at 12 pt" in result.stderr


def too_long() -> str:
    items = "".join(f"          - Sign number {i} that means you should call the clinic today.\n" for i in range(90))
    return VALID.replace("          items: [Call us.]\n", "          items:\n" + items)


@pytest.mark.parametrize("layout,panel", [("trifold", "tri-fold's inside panels"), ("card", "card's page")])
def test_a_summary_that_does_not_fit_is_a_located_error(write, tmp_path, layout, panel):
    path = write(too_long())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["pdf", str(path), "--layout", layout, "-o", str(out)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("nothing was written.")
    callout_line = next(n for n, line in enumerate(path.read_text().splitlines(), 1) if "kind: get_help" in line)
    (biggest,) = [line for line in lines if line.startswith(f"{path}:{callout_line}:")]
    assert re.search(rf"the text does not fit the {re.escape(panel)} at 12 pt: \d+ line\(s\) too many; this part "
                     r"takes (\d+) line\(s\)", biggest)
    taken = [int(n) for n in re.findall(r"this part takes (\d+) line", result.stderr)]
    assert max(taken) == int(re.search(r"takes (\d+) line", biggest).group(1)) > 90
    assert not out.exists() or not list(out.iterdir())


# -- every layout ----------------------------------------------------------------------------------

ALL_FILES = ["knee-muscle-spasms.pdf", "knee-muscle-spasms-large-print.pdf", "knee-muscle-spasms-booklet.pdf",
             "knee-muscle-spasms-a5.pdf", "knee-muscle-spasms-trifold.pdf", "knee-muscle-spasms-card.pdf"]


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_layout_has_its_title_language_bookmarks_and_embedded_fonts(made, name):
    reader = PdfReader(made[("a4", name)])
    assert reader.metadata.title == KNEE.title
    assert reader.trailer["/Root"]["/Lang"] == KNEE.meta["language"]
    assert reader.outline
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font") or {}
        for xobject in (page["/Resources"].get("/XObject") or {}).values():  # forms may hold fonts of their own
            resources = xobject.get_object().get("/Resources") or {}
            fonts = {**fonts, **(resources.get("/Font") or {})}
        for font in fonts.values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_layout_passes_qpdf(made, name):
    require_tool("qpdf")
    proc = subprocess.run(["qpdf", "--check", made[("a4", name)]], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_is_the_same_on_a_second_run(tmp_path, layout):
    one = build(KNEE_FILE, tmp_path / "one", "--layout", layout)
    two = build(KNEE_FILE, tmp_path / "two", "--layout", layout)
    for a, b in zip(one, two):
        assert open(a, "rb").read() == open(b, "rb").read(), a


def test_check_reports_each_layout_and_warns_of_a_long_leaflet(write):
    result = CliRunner().invoke(main, ["check", str(KNEE_FILE)])
    for name in ("Leaflet", "Booklet", "Trifold", "Card"):
        assert re.search(rf"\[pass\] {name} fits: ", result.stdout), name
    assert re.search(r"\[pass\] Leaflet fits: [1-5] pages on Letter", result.stdout)  # en-US: US paper
    long = KNEE_FILE.read_text(encoding="utf-8")
    sections = long.split("\nsections:\n")[1]
    path = write(long + sections + sections)  # the same sections three times over
    shutil.copytree(KNEE_FILE.parent / "images", path.parent / "images", dirs_exist_ok=True)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert re.search(r"\[warn\] Leaflet of at most 5 pages: \d+ pages", result.stdout), result.stdout[-2000:]
    # the tri-fold cannot hold it, but `all` does not build one: a warning, not an error
    assert re.search(r"\[warn\] Trifold fits: \d+ problem\(s\)", result.stdout), result.stdout[-2000:]
    assert result.exit_code == 0, result.stdout[-2000:]
    built = CliRunner().invoke(main, ["pdf", str(path), "--layout", "trifold", "-o", str(path.parent / "out")])
    assert built.exit_code == 1 and "does not fit the tri-fold" in built.stderr


def test_a_last_page_with_only_a_few_lines_is_pulled_back_by_tighter_spacing(write, tmp_path):
    """Grow a leaflet until its text just spills onto a new page; the built PDF then keeps the
    page count of the text before the spill, with every sentence still in it."""
    from handouts.load import load
    from handouts.render.pdf import leaflet
    from handouts.render.pdf.document import geometry
    from handouts.render.pdf.flow import flowing_pdf
    from handouts.render.pdf.styles import build_styles
    from handouts.render.registry import TARGETS, Job, Options
    from handouts.theme.labels import labels_for
    from handouts.theme.themes import load_theme

    theme = load_theme()
    sentence = "Rest the knee, and stretch it gently each morning and each evening."
    for n in range(10, 120):
        blocks = "".join(f"      - paragraph: Part {i}. {sentence}\n" for i in range(n))
        path = write(VALID.replace("      - paragraph: You can read this.\n", blocks))
        article = load(path)
        plan = leaflet.plan(Job(article, TARGETS["leaflet"], Options()), theme, labels_for("en"))
        st = build_styles(theme, "standard", "leaflet")
        paper = theme.paper_for(article.meta.language)  # en-US: letter
        _, spilled, fill = flowing_pdf(plan, st, geometry(st, "leaflet", paper), article.loc)
        if spilled > 1 and fill <= leaflet.ALMOST_EMPTY:
            break
    else:
        pytest.fail("the text never just spilled onto a new page")
    (pdf,) = build(path, tmp_path / "out")
    assert pages(pdf) == spilled - 1
    text = norm(body_text(pdf))
    for i in range(n):
        assert f"Part {i}. {sentence}" in text


@pytest.mark.parametrize("language,paper", [("en-US", "letter"), ("es-MX", "letter"), ("en-CA", "letter"),
                                            ("fil-PH", "letter"), ("en-GB", "a4"), ("es", "a4"), ("en", "a4"),
                                            ("es-419", "a4"), ("fr-FR", "a4")])
def test_the_paper_follows_the_region_of_the_language_tag(write, tmp_path, language, paper):
    path = write(VALID.replace("language: en-US", f"language: {language}"))
    result = CliRunner().invoke(main, ["pdf", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    width, height = PdfReader(tmp_path / "out" / "test-leaflet.pdf").pages[0].mediabox[2:]
    assert (round(float(width)), round(float(height))) == {"letter": (612, 792), "a4": (595, 842)}[paper]


def test_a_theme_paper_beats_the_region_and_paper_beats_both(write, tmp_path):
    path = write(VALID)  # en-US: letter
    theme = path.parent / "a4.yaml"
    theme.write_text("parent: default\npaper: a4\n")

    def size(*args):
        out = tmp_path / "out"
        result = CliRunner().invoke(main, ["pdf", str(path), "-o", str(out), "--force", *args])
        assert result.exit_code == 0, result.output
        return tuple(round(float(v)) for v in PdfReader(out / "test-leaflet.pdf").pages[0].mediabox[2:])

    assert size() == (612, 792)
    assert size("--theme", str(theme)) == (595, 842)
    assert size("--theme", str(theme), "--paper", "letter") == (612, 792)


@pytest.mark.parametrize("args", [["pdf", "--paper", "a5"], ["pdf", "--layout", "booklet", "--paper", "a5"],
                                  ["pdf", "--layout", "trifold", "--paper", "a5"], ["all", "--paper", "a5"],
                                  ["script", "--paper", "a5"]])
def test_a_layout_refuses_a_paper_it_is_not_made_for(write, tmp_path, args):
    path = write(VALID)
    result = CliRunner().invoke(main, [*args, str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "cannot be printed on 'a5'; choose a4 or letter" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_help_lists_each_layouts_papers():
    help_text = " ".join(CliRunner().invoke(main, ["pdf", "--help"]).stdout.split())
    assert "Paper: a4 or letter (card: a4, letter or a5)" in help_text
