"""The PDF handout, checked by reading the generated file back."""

import collections
import re
import unicodedata

import pdfplumber
import pytest
from builders import build_pdf
from conftest import KNEE, ROOT, VALID
from oracle import Leaflet, long_date, sentences
from pdf_text import body_text, norm, page_lines
from pypdf import PdfReader

from handouts.errors import ContentError
from handouts.load import load
from handouts.theme.themes import load_theme

ARTICLE = load(KNEE)
THEME = load_theme()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    return {
        "a4": build_pdf(ARTICLE, THEME, out / "a4", paper="a4"),
        "letter": build_pdf(ARTICLE, THEME, out / "letter", paper="letter"),
        "large": build_pdf(ARTICLE, THEME, out / "large", paper="a4", profile="large-print"),
    }


LEAFLET = Leaflet(KNEE)


@pytest.mark.parametrize("which", ["a4", "large"])
def test_every_sentence_appears_in_document_order(pdfs, which):
    text = body_text(pdfs[which])
    pos = 0
    checked = 0
    for piece in LEAFLET.reading_order():
        for sentence in sentences(piece) or [piece]:
            found = text.find(norm(sentence), pos)
            assert found >= 0, f"missing or out of order: {sentence!r}"
            pos = found
            checked += 1
    assert checked > 200
    for tail in ("About this leaflet", LEAFLET.disclaimer(), LEAFLET.text(LEAFLET.meta["reviewer"])):
        assert norm(tail) in text


@pytest.mark.parametrize("which", ["a4", "large"])
def test_the_closing_part_gives_authors_review_dates_version_sources_and_contact(pdfs, which):
    text = body_text(pdfs[which])
    words, meta, clinic = LEAFLET.labels["words"], LEAFLET.meta, LEAFLET.clinic
    for label, value in ((words["written_by"], "; ".join(LEAFLET.text(a) for a in meta["authors"])),
                         (words["reviewed_by"], LEAFLET.text(meta["reviewer"])),
                         (words["last_reviewed"], long_date(meta["last_reviewed"])),
                         (words["next_review"], long_date(meta["next_review"])),
                         (words["version"], meta["version"]),
                         (words["email"], clinic["email"]),
                         (words["emergency"], clinic["emergency"])):
        assert f"{label} {value}" in text, label
    for source in LEAFLET.sources():
        assert source in text


@pytest.mark.parametrize("which", ["a4", "letter", "large"])
def test_page_n_of_m_on_every_page(pdfs, which):
    pages = page_lines(pdfs[which])
    total = len(pages)
    assert total > 3
    page = LEAFLET.labels["words"]["page"]
    for n, lines in enumerate(pages, start=1):
        assert any(text.endswith(page.format(n=n, total=total)) for text, *_ in lines), n
        assert any(ARTICLE.clinic.phone in text for text, *_ in lines)
        assert any(text.startswith(f"Version {ARTICLE.meta.version}") and "Next review" in text
                   for text, *_ in lines)


def test_bookmarks_match_section_titles(pdfs):
    reader = PdfReader(pdfs["a4"])

    def flatten(outline, level=0):
        for entry in outline:
            if isinstance(entry, list):
                yield from flatten(entry, level + 1)
            else:
                yield level, entry.title

    expected = [(level - 1, s.title.plain) for level, s in ARTICLE.all_sections()] + [(0, "About this leaflet")]
    assert list(flatten(reader.outline)) == expected
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_metadata(pdfs):
    reader = PdfReader(pdfs["a4"])
    info = reader.metadata
    assert info.title == "Muscle spasms in the knee"
    assert info.author == ARTICLE.clinic.name.plain
    assert info.subject == ARTICLE.meta.subtitle.plain
    assert "patient information" in info["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en-US"


@pytest.mark.parametrize("which,size", [("a4", (595.28, 841.89)), ("letter", (612, 792))])
def test_paper_sizes(pdfs, which, size):
    for page in PdfReader(pdfs[which]).pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == size


def _char_sizes(path):
    """Sizes of the characters a reader sees (the spaces set at 0.1 pt, where a web address may
    break, are not seen)."""
    with pdfplumber.open(path) as pdf:
        return collections.Counter(round(c["size"], 1) for p in pdf.pages for c in p.chars if c["text"].strip())


def test_body_text_size_standard(pdfs):
    sizes = _char_sizes(pdfs["a4"])
    body = sizes.most_common(1)[0][0]
    assert body >= 12
    assert min(sizes) >= 10  # footers may be smaller than body, never tiny


def test_large_print_has_nothing_under_18pt(pdfs):
    sizes = _char_sizes(pdfs["large"])
    assert sizes.most_common(1)[0][0] >= 18
    assert min(sizes) >= 18


@pytest.mark.parametrize("which,size,low,high", [("a4", 12.0, 40, 60), ("large", 18.0, 40, 75)])
def test_lines_have_a_comfortable_length(pdfs, which, size, low, high):
    """Columns of 40 to 60 characters in the dense leaflet; at most 75 in large print (RNIB: 60-70)."""
    pages = page_lines(pdfs[which])[1:]  # past page 1, whose main points run across the page
    body_lines = [len(text) for page in pages for text, s, *_ in page if s == size]
    full = sorted(body_lines)[-len(body_lines) // 4:]  # the longest quarter: lines that filled the measure
    assert low <= min(full) and max(full) <= high, full


def _lead_ins(article):
    """Lines that introduce what follows: headings, terms, questions and step titles."""
    import handouts.model as m

    for _, section in article.all_sections():
        yield section.title.plain
        for block in section.blocks:
            if isinstance(block, m.Terms):
                yield from (t.term.plain for t in block.items)
            elif isinstance(block, m.FAQ):
                yield from (qa.q.plain for qa in block.items)
            elif isinstance(block, m.Steps) and block.title:
                yield block.title.plain


@pytest.mark.parametrize("which", ["a4", "letter", "large"])
def test_no_heading_is_stranded_at_the_foot_of_a_page(pdfs, which):
    lead_ins = set(_lead_ins(ARTICLE))
    body = 18.0 if which == "large" else 14.0
    pages = page_lines(pdfs[which])
    for n, lines in enumerate(pages[:-1], start=1):
        content = [ln for ln in lines if not re.match(r"^(Questions\?|Version )", ln[0])]
        last_text, last_size, *_ = content[-1]
        assert last_size <= body and last_text not in lead_ins, f"page {n} ends with {last_text!r}"


def test_every_font_is_embedded(pdfs):
    for path in pdfs.values():
        for page in PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                descriptor = descriptor.get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


def test_two_runs_are_byte_identical(tmp_path):
    first = build_pdf(ARTICLE, THEME, tmp_path / "one").read_bytes()
    second = build_pdf(ARTICLE, THEME, tmp_path / "two").read_bytes()
    assert first == second


def test_markup_characters_print_literally(write, tmp_path):
    tricky = 'Dose <tablet> & water; <b>not bold</b> &amp; 5 > 3 "quoted" \\\\ back'
    text = VALID.replace("paragraph: You can read this.", f"paragraph: '{tricky}'")
    article = load(write(text))
    pdf = build_pdf(article, THEME, tmp_path / "out")
    assert 'Dose <tablet> & water; <b>not bold</b> &amp; 5 > 3 "quoted" \\\\ back' in body_text(pdf)


def test_emphasis_becomes_bold_and_italic(write, tmp_path):
    text = VALID.replace("paragraph: You can read this.", "paragraph: 'Plain **strong** and *soft* words.'")
    pdf = build_pdf(load(write(text)), THEME, tmp_path / "out")
    with pdfplumber.open(pdf) as doc:
        chars = [c for p in doc.pages for c in p.chars]
    line = "".join(c["text"] for c in chars)
    assert "Plain strong and soft words." in line

    def fonts_of(word):
        start = line.index(word)
        return {chars[i]["fontname"].split("+")[-1] for i in range(start, start + len(word))}

    assert fonts_of("Plain") == {"AtkinsonHyperlegible-Regular"}
    assert fonts_of("strong") == {"AtkinsonHyperlegible-Bold"}
    assert fonts_of("soft") == {"AtkinsonHyperlegible-Italic"}


def test_characters_pasted_from_a_word_processor_keep_the_theme_font(write, tmp_path):
    # zero-width spaces, a byte-order mark, a joiner, thin and narrow spaces, a line separator, no-break
    # and plain hyphens, an "fi" ligature: invisible, or stand-ins for plain characters
    pasted = "Rest\u200b your\ufeff knee\u200d for\u2009two\u202fdays.\u2028Call\u2011us or e\u2010mail the o\ufb03ce."
    text = VALID.replace("paragraph: You can read this.", f'paragraph: "{pasted}"')
    pdf = build_pdf(load(write(text)), THEME, tmp_path / "out")
    with pdfplumber.open(pdf) as doc:
        chars = [c for p in doc.pages for c in p.chars]
    line = "".join(c["text"] for c in chars)
    assert "Restyourkneefortwodays.Call-usore-mailtheoffice." in re.sub(r"\s", "", line)  # lines may end anywhere
    assert not set(line) & set(pasted) - set("Restyourkneefortwodays.Call-usore-mailtheoffice. ")
    assert {c["fontname"].split("+")[-1].split("-")[0] for c in chars} == {"AtkinsonHyperlegible"}


@pytest.mark.parametrize("word", ["pequeños", "chân", "mỗi", "ngày"])
def test_letters_saved_decomposed_print_as_the_composed_word(write, tmp_path, word):
    decomposed = unicodedata.normalize("NFD", word)
    assert decomposed != word
    text = VALID.replace("paragraph: You can read this.", f'paragraph: "Read {decomposed} here."')
    pdf = build_pdf(load(write(text)), THEME, tmp_path / "out")
    assert f"Read {word} here." in body_text(pdf)


def test_unsupported_character_is_reported_with_its_code_point(write, tmp_path):
    text = VALID.replace("paragraph: You can read this.", "paragraph: Stay happy \U0001F600 today.")
    with pytest.raises(ContentError) as info:
        build_pdf(load(write(text)), THEME, tmp_path / "out")
    assert [str(p).split("/")[-1] for p in info.value.problems] == [
        "content.yaml:21:20: the font 'Atkinson Hyperlegible' has no glyph for U+1F600 ('\U0001F600') "
        "(hint: replace or remove the character (emoji and rare symbols are not supported))"]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


def test_a_failed_render_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "out"
    good = build_pdf(ARTICLE, THEME, out)
    before = good.read_bytes()

    def explode(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("handouts.render.pdf.leaflet.write", explode)
    with pytest.raises(ContentError) as info:
        build_pdf(ARTICLE, THEME, out)
    assert "cannot write the file (No space left on device)" in str(info.value.problems[0])
    assert good.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [good.name]


DAMAGE = {
    "cut off halfway": lambda data: data[: len(data) // 2],  # as if the disk filled up halfway
    "every object moved": lambda data: data[:20] + b"  " + data[20:],  # the cross-reference table is wrong
    "an object's header broken": lambda data: data.replace(b"3 0 obj", b"3 0 obx", 1),  # read only with a repair
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_pdf_that_does_not_reopen_is_never_moved_into_place(tmp_path, monkeypatch, damage):
    out = tmp_path / "out"
    good = build_pdf(ARTICLE, THEME, out)
    before = good.read_bytes()
    real_write = __import__("handouts.render.pdf.leaflet", fromlist=["write"]).write

    def truncated(job, plan, theme, labels):
        data = real_write(job, plan, theme, labels)[0]
        return [DAMAGE[damage](data)]

    monkeypatch.setattr("handouts.render.pdf.leaflet.write", truncated)
    with pytest.raises(ContentError) as info:
        build_pdf(ARTICLE, THEME, out)
    assert "the PDF did not reopen cleanly after writing" in str(info.value.problems[0])
    assert good.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [good.name]


@pytest.mark.parametrize("profile", ["standard", "large-print"])
def test_long_web_addresses_wrap_inside_the_page(write, tmp_path, profile):
    url = ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/?utm_source=newsletter&utm_medium=email"
           "&utm_campaign=kneespasms2025&utm_content=sourcesectionlink")
    site = "https://www.riversidejointandmovementclinic-example.org/patient-information/leaflets/knee"
    text = VALID.replace("    - title: A source\n", f"    - title: A source\n      url: {url}\n").replace(
        '  emergency: "911"\n', f'  emergency: "911"\n  website: {site}\n')
    pdf = build_pdf(load(write(text)), THEME, tmp_path / "out", profile=profile)
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            assert all(0 <= c["x0"] and c["x1"] <= page.width for c in page.chars)
    squashed = body_text(pdf).replace(" ", "")
    assert url in squashed and site in squashed


def test_a_title_band_taller_than_a_page_flows_on(write, tmp_path):
    title = " ".join(["Wonderful"] * 19)
    subtitle = " ".join(["Extraordinary"] * 21)
    text = VALID.replace("title: Test leaflet", f"title: {title}\n  subtitle: {subtitle}").replace(
        "name: Test Clinic", "name: " + " ".join(["Clinic"] * 17))
    pdf = build_pdf(load(write(text)), THEME, tmp_path / "out", paper="letter", profile="large-print")
    text_out = body_text(pdf)
    assert title in text_out and subtitle in text_out


def test_image_block_is_scaled_into_the_page_with_its_caption(write, tmp_path):
    from PIL import Image as PILImage

    folder = tmp_path / "content"
    folder.mkdir()
    PILImage.new("RGB", (3000, 1200), "#336699").save(folder / "stretch.png")
    text = VALID.replace("      - paragraph: You can read this.\n",
                         "      - image:\n          path: stretch.png\n          alt: A person doing a hamstring stretch.\n"
                         "          caption: The hamstring stretch, seen from the side.\n")
    path = folder / "content.yaml"
    path.write_text(text, encoding="utf-8")
    pdf = build_pdf(load(path), THEME, tmp_path / "out")
    with pdfplumber.open(pdf) as doc:
        images = [im for page in doc.pages for im in page.images]
        assert len(images) == 1
        page = doc.pages[0]
        im = images[0]
        assert 0 <= im["x0"] and im["x1"] <= page.width - 80  # inside the margins
        assert abs((im["x1"] - im["x0"]) / (im["bottom"] - im["top"]) - 2.5) < 0.01  # shape kept
    assert "The hamstring stretch, seen from the side." in body_text(pdf)


def test_a_heading_too_big_for_one_line_splits_and_keeps_its_bookmark(tmp_path, write):
    theme_file = tmp_path / "h1big.yaml"
    theme_file.write_text(f'parent: {ROOT / "templates" / "theme.yaml"}\nstyles:\n  h1: {{size: 48, leading: 3}}\n')
    title = "A heading that is long enough to need several lines at this size"
    text = VALID.replace("title: First section", f"title: {title}")
    pdf = build_pdf(load(write(text)), load_theme(theme_file), tmp_path / "out")
    assert title in body_text(pdf)
    assert [e.title for e in PdfReader(pdf).outline][0] == title


def test_a_long_footer_stays_inside_the_margins_and_clear_of_the_page_number(write, tmp_path):
    name = "Centro de Salud Comunitario San Roque y Santa Teresa del Valle Norte"
    text = VALID.replace("name: Test Clinic", f"name: {name}").replace("language: en-US", "language: es")
    pdf = build_pdf(load(write(text)), THEME, tmp_path / "out", profile="large-print")
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            words = page.extract_words()
            body_right = max(w["x1"] for w in words if w["top"] < page.height / 2)
            footer = [w for w in words if w["top"] > page.height - 72]
            assert footer and max(w["x1"] for w in footer) <= max(body_right, page.width - 56.7) + 0.5
            rows = collections.defaultdict(list)
            for w in footer:
                rows[round(w["top"])].append(w)
            for row in rows.values():
                row.sort(key=lambda w: w["x0"])
                assert all(b["x0"] >= a["x1"] - 0.5 for a, b in zip(row, row[1:])), [w["text"] for w in row]
