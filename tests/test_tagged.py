"""The tagged PDF (PDF/UA-1), checked by real readers: poppler's pdfinfo reads the structure tree,
two PyPI checkers run their rules (page-validation: 104 machine-checkable PDF/UA-1 rules; pdfua: 16
of them, and a few of WCAG), and the content streams are read with pikepdf to see that everything
drawn is either tagged or an artifact. Expected text comes from the YAML (oracle.py)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pypdf
import pytest
from click.testing import CliRunner
from conftest import KNEE, ROOT, require_tool
from oracle import Leaflet

from handouts.cli import main

WOUND = ROOT / "tests" / "leaflets" / "wound-care.yaml"
ARABIC = ROOT / "tests" / "leaflets" / "wound-care.ar.yaml"  # its translation: right to left, shaped
LANGUAGES = ROOT / "tests" / "leaflets" / "languages"
TAGGED = ("leaflet", "large-print", "a5", "trifold", "card")
READ = TAGGED + ("script",)  # every PDF a reader opens (the booklet's printing sheets are for printing)
SOURCES = {"knee": KNEE, "wound": WOUND, "arabic": ARABIC, "spanish": LANGUAGES / "es.yaml",
           "vietnamese": LANGUAGES / "vi.yaml", "hindi": LANGUAGES / "hi.yaml"}


def squash(text: str) -> str:
    """Text without spaces: a line break on the page drops the space between two words."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = {}
    for name, source in SOURCES.items():
        folder = tmp_path_factory.mktemp(name)
        for args in (*(["pdf", "--layout", layout] for layout in ("leaflet", "booklet", "trifold", "card")),
                     ["pdf", "--profile", "large-print"], ["script"]):
            result = CliRunner().invoke(main, [*args, str(source), "-o", str(folder), "--allow-expired"])
            assert result.exit_code == 0, result.output
        meta = Leaflet(source).meta
        slug = meta["slug"] + (f".{meta['language'].lower()}" if "translation_of" in meta else "")  # a translation's
        out[name] = {"leaflet": folder / f"{slug}.pdf", "large-print": folder / f"{slug}-large-print.pdf",
                     "a5": folder / f"{slug}-a5.pdf", "booklet": folder / f"{slug}-booklet.pdf",
                     "trifold": folder / f"{slug}-trifold.pdf", "card": folder / f"{slug}-card.pdf",
                     "script": folder / f"{slug}-script.pdf"}
    return out


def struct_text(path: Path) -> list[tuple[int, str, str]]:
    """pdfinfo -struct-text as (depth, role, text) for each element, its text joined."""
    require_tool("pdfinfo")
    # (pdfinfo prints a title of the tree as its raw bytes: UTF-16 for any title outside Latin-1)
    raw = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, check=True).stdout.decode(
        "utf-8", "replace")
    out: list[list] = []
    for line in raw.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        if body.startswith('"') and out:
            out[-1][2] += body[1:-1]
        elif re.match(r"^[A-Z][A-Za-z0-9]*\b", body) and not body.startswith("Object"):
            out.append([depth, body.split()[0].rstrip(":"), ""])  # "TH:" when its attributes follow
    return [tuple(x) for x in out]


# -- real readers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["knee", "wound", "arabic"])
@pytest.mark.parametrize("layout", TAGGED)
def test_pdfinfo_reads_a_tagged_pdf(made, which, layout):
    require_tool("pdfinfo")
    info = subprocess.run(["pdfinfo", str(made[which][layout])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info


@pytest.mark.parametrize("which", sorted(SOURCES))
@pytest.mark.parametrize("layout", READ)
def test_page_validation_finds_no_failed_pdf_ua_rule(made, which, layout):
    """page-validation (pinned in pyproject.toml): its 104 machine-checkable PDF/UA-1 rules."""
    import page

    report = page.validate_pdf(str(made[which][layout]), profile="ua1")
    assert report.rules.total >= 100
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant


@pytest.mark.parametrize("which", ["knee", "wound", "arabic"])
@pytest.mark.parametrize("layout", READ)
def test_the_pdfua_checker_finds_nothing(made, which, layout):
    from pdfua import validate

    report = validate(str(made[which][layout]))
    assert [(f.rule_id, f.message) for f in report.findings] == []


def expected_tree(leaflet: Leaflet) -> list[tuple[str, str]]:
    """(role, text) of the leaflet's headings, paragraphs and list entries, in reading order."""
    out = [("H1", leaflet.title), ("H2", leaflet.labels["words"]["main_points"])]
    out += [("LBody", m) for m in leaflet.key_messages]
    for level, section in leaflet.sections():
        out.append((f"H{level + 1}", leaflet.text(section["title"])))
        for kind, value in leaflet.blocks(section):
            texts = leaflet.block_texts(kind, value)
            if kind == "paragraph":
                out.append(("P", texts[0]))
            elif kind == "bullets":
                out += [("LBody", t) for t in texts]
            elif kind == "steps":
                title = "title" in value
                out += ([(f"H{level + 2}", texts[0])] if title else []) + [("LBody", t) for t in texts[title:]]
            elif kind in ("terms", "faq"):
                out += [("Lbl" if i % 2 == 0 else "LBody", t) for i, t in enumerate(texts)]
            elif kind == "callout":
                word = leaflet.labels["callouts"][value["kind"]]
                out.append((f"H{level + 2}", f"{word}: {texts[0]}"))
                rest = texts[1:]
                if "text" in value:
                    out.append(("P", rest.pop(0)))
                out += [("LBody", t) for t in rest]
            elif kind == "image":
                out += [("Caption", t) for t in texts]
            elif kind == "table":
                caption, width = int("caption" in value), len(value["header"])
                out += ([("Caption", texts[0])] if caption else []) + [
                    ("TH" if i < width else "TD", t) for i, t in enumerate(texts[caption:])]
    return out


@pytest.mark.parametrize("which,source", [("knee", KNEE), ("wound", WOUND)])
@pytest.mark.parametrize("layout", ["leaflet", "large-print", "a5"])
def test_the_tree_holds_every_heading_paragraph_and_list_item_in_reading_order(made, which, source, layout):
    tree = [(role, squash(text)) for _, role, text in struct_text(made[which][layout]) if text]
    position = 0
    for role, text in expected_tree(Leaflet(source)):
        wanted = (role, squash(text))
        assert wanted in tree[position:], f"{wanted} missing or out of order in {layout}"
        position = tree.index(wanted, position) + 1
    footer = Leaflet(source).labels["words"]["page"].split("{")[0].strip()
    assert not any(text.startswith(squash(footer)) for _, text in tree), "page furniture inside the tree"


@pytest.mark.parametrize("which", ["knee", "wound", "arabic"])
@pytest.mark.parametrize("layout", ["leaflet", "large-print", "a5", "trifold"])
def test_each_list_item_label_holds_its_bullet_or_number(made, which, layout):
    """A list item's bullet or number is its Lbl, apart from its words (LBody): a reader that lists
    the items says "1." before a step's words, and does not read "1." as part of them."""
    tree = struct_text(made[which][layout])
    items = [(role, text.strip()) for _, role, text in tree if role in ("Lbl", "LBody")]
    labels = [text for role, text in items if role == "Lbl"]
    assert labels and all(labels), f"an empty Lbl in {layout}"
    leaflet = Leaflet(SOURCES[which])
    steps = sum(len(value["items"]) for _, section in leaflet.sections() for kind, value in leaflet.blocks(section)
                if kind == "steps")
    # (poppler gives a right-to-left label in display order: ".1")
    numbers = [text for text in labels if re.fullmatch(r"\.?[0-9\u0660-\u0669]+\.?", text)]
    if layout != "trifold":
        assert len(numbers) >= steps, f"{layout}: {len(numbers)} numbered labels for {steps} steps"
    for role, text in items:
        if role == "LBody":
            assert not re.match(r"^(\u2022|[0-9]+\.)\s", text), f"a bullet or number inside an LBody: {text[:40]!r}"


@pytest.mark.parametrize("which", ["knee", "wound", "spanish", "vietnamese"])
@pytest.mark.parametrize("layout", ["leaflet", "large-print", "a5", "card"])
def test_every_structure_text_keeps_its_words_apart(made, which, layout):
    """Readers that ignore /ActualText (poppler's -struct-text, reflow, some screen readers) read the
    page's own text: where a line breaks at a space, the space is there, so no word runs into the next."""
    tree = struct_text(made[which][layout])
    flowing = " ".join(" ".join(text.split()) for _, _, text in tree if text)
    words = set(flowing.split())
    expected = [t for t in Leaflet(SOURCES[which]).reading_order() if t]
    for text in expected:
        if layout == "card" and text not in flowing:
            continue  # the card holds only some texts; those it holds must be whole
        assert " ".join(text.split()) in flowing, f"{text!r} is not whole in {layout}"
    def strings(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)
        else:
            yield str(value)

    leaflet = Leaflet(SOURCES[which])
    known = {w for t in [*expected, *strings(leaflet.labels), *strings(leaflet.data)] for w in t.split()}
    joined = [w for w in words if w not in known and any(w.startswith(k) and w[len(k):] in known
                                                         for k in known if 1 < len(k) < len(w) - 1)]
    assert joined == [], f"words run together in {layout}: {joined[:10]}"


@pytest.mark.parametrize("which", ["hindi"])
def test_shaped_structure_texts_give_every_letter_in_order(made, which):
    from test_languages import letters

    tree = struct_text(made[which]["leaflet"])
    flowing = letters("".join(text for _, _, text in tree if text))
    position = 0
    for text in Leaflet(SOURCES[which]).reading_order():
        found = flowing.find(letters(text), position)
        assert found >= 0, f"{text!r} missing or out of order"
        position = found


def test_headings_nest_without_skipping_a_level(made):
    for which in made:
        for layout in TAGGED:
            levels = [int(role[1]) for _, role, _ in struct_text(made[which][layout]) if re.fullmatch(r"H\d", role)]
            assert levels[0] == 1
            for before, after in zip(levels, levels[1:]):
                assert after <= before + 1, (which, layout, levels)


def test_the_trifold_tree_reads_cover_flap_inside_back(made):
    knee = Leaflet(KNEE)
    tree = [(role, text) for _, role, text in struct_text(made["knee"]["trifold"]) if text]
    order = [text for role, text in tree if role.startswith("H")]
    assert order[0] == squash(knee.title) or squash(order[0]) == squash(knee.title)
    sections = [squash(knee.text(s["title"])) for s in knee.data["sections"]]
    found = [squash(t) for t in order]
    assert found.index(sections[0]) < found.index(sections[-1]) < found.index(squash(knee.labels["words"]["contact_us"]))


# -- what the tree and the document say ------------------------------------------------------------

def struct_elements(pdf: pikepdf.Pdf):
    def walk(node):
        if isinstance(node, pikepdf.Dictionary) and node.get("/Type") == pikepdf.Name.StructElem:
            yield node
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                yield from walk(kid)
    yield from walk(pdf.Root.StructTreeRoot.K[0])


@pytest.mark.parametrize("layout", TAGGED)
def test_the_document_says_it_is_tagged_its_language_and_title(made, layout):
    knee = Leaflet(KNEE)
    with pikepdf.open(made["knee"][layout]) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == knee.meta["language"]
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        for page in pdf.pages:
            assert page.obj.Tabs == pikepdf.Name.S and "/StructParents" in page.obj
        meta = pdf.open_metadata()
        assert meta["dc:title"] == knee.title
        assert knee.meta["language"] in str(meta.get("dc:language"))
        assert str(meta.get("pdfuaid:part")) == "1"


def test_pictures_are_figures_with_their_alt_text(made):
    wound = Leaflet(WOUND)
    with pikepdf.open(made["wound"]["leaflet"]) as pdf:
        alts = [str(el.get("/Alt")) for el in struct_elements(pdf) if el.S == pikepdf.Name.Figure]
    expected = {f"{wound.text(wound.clinic['name'])} logo", wound.labels["words"]["qr_alt"], *wound.alt_texts()}
    assert set(alts) == expected


def test_links_are_described_and_tied_into_the_tree(made):
    with pikepdf.open(made["knee"]["leaflet"]) as pdf:
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", []) if a.Subtype == pikepdf.Name.Link]
        assert annotations
        links = [el for el in struct_elements(pdf) if el.S == pikepdf.Name.Link]
        tied = {(k.Obj.objgen) for el in links for k in el.K if k.get("/Type") == pikepdf.Name.OBJR}
        parent_tree = {int(k): v for k, v in zip(pdf.Root.StructTreeRoot.ParentTree.Nums[::2],
                                                 pdf.Root.StructTreeRoot.ParentTree.Nums[1::2])}
        for annotation in annotations:
            assert str(annotation.Contents)
            assert annotation.objgen in tied
            assert parent_tree[int(annotation.StructParent)].S == pikepdf.Name.Link


PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh", "INLINE IMAGE"}


def unmarked(stream_owner) -> list[str]:
    """Painting operators outside every marked-content sequence (tagged or artifact)."""
    depth, found = 0, []
    for _operands, operator in pikepdf.parse_content_stream(stream_owner):
        op = str(operator)
        if op in ("BDC", "BMC"):
            depth += 1
        elif op == "EMC":
            depth -= 1
        elif op in PAINT and depth == 0:
            found.append(op)
    return found


@pytest.mark.parametrize("which", ["knee", "arabic"])
@pytest.mark.parametrize("layout", TAGGED)
def test_everything_drawn_is_tagged_or_an_artifact(made, which, layout):
    with pikepdf.open(made[which][layout]) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            assert unmarked(page) == [], f"page {n}"


def test_page_numbers_and_footers_are_artifacts(made):
    with pikepdf.open(made["knee"]["leaflet"]) as pdf:
        stream = pdf.pages[0].Contents.read_bytes().decode("latin-1")
    assert "/Artifact <</Type /Pagination>> BDC" in stream


def test_the_printing_sheets_say_they_are_for_printing_and_point_to_the_reading_copy(made):
    with pikepdf.open(made["knee"]["booklet"]) as pdf:
        subject = str(pdf.docinfo["/Subject"])
    assert "knee-muscle-spasms-a5.pdf" in subject


@pytest.mark.parametrize("which", ["knee", "arabic"])
def test_fonts_stay_embedded_with_unicode_maps(made, which):
    require_tool("pdffonts")
    for layout in TAGGED:
        rows = subprocess.run(["pdffonts", str(made[which][layout])], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        assert rows
        for row in rows:
            emb, sub, uni = row.split()[-5:-2]
            assert (emb, uni) == ("yes", "yes"), row


@pytest.mark.parametrize("which", ["knee", "arabic"])
def test_qpdf_finds_the_tagged_files_clean(made, which):
    require_tool("qpdf")
    for layout in TAGGED:
        proc = subprocess.run(["qpdf", "--check", str(made[which][layout])], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout


def _tel(number: str) -> str:
    """The tel: link a reader taps: the number's digits only, with its + (read independently of the code)."""
    digits = "".join(str(unicodedata.digit(c)) for c in number if c.isdecimal())
    return "tel:" + ("+" if number.strip().startswith("+") else "") + digits


def _link_targets(path: Path) -> list[str]:
    reader = pypdf.PdfReader(path)
    return [annot.get_object()["/A"]["/URI"] for page in reader.pages for annot in page.get("/Annots") or []
            if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]]


@pytest.mark.parametrize("which", ["knee", "wound", "arabic"])
@pytest.mark.parametrize("layout", TAGGED)
def test_the_clinic_phone_and_email_are_links_to_tap_in_every_layout(made, which, layout):
    leaflet = Leaflet(SOURCES[which])
    targets = _link_targets(made[which][layout])
    assert _tel(leaflet.clinic["phone"]) in targets, f"the clinic's phone is not a link in the {layout}"
    if leaflet.clinic.get("email"):
        assert f"mailto:{leaflet.clinic['email']}" in targets
    if layout in ("leaflet", "large-print", "a5"):
        # the full text: the contact block, and each sentence that writes the clinic's number
        raw = SOURCES[which].read_text(encoding="utf-8")
        written = raw.count("{{ clinic.phone }}") + raw.count("{{clinic.phone}}")
        assert targets.count(_tel(leaflet.clinic["phone"])) >= written + 1
        if layout != "a5":  # every page's footer line calls the clinic too (the A5 pages carry only numbers)
            reader = pypdf.PdfReader(made[which][layout])
            for number, page in enumerate(reader.pages, start=1):
                uris = [a.get_object()["/A"].get("/URI") for a in page.get("/Annots") or []]
                assert _tel(leaflet.clinic["phone"]) in uris, f"page {number}'s footer calls no one"
        emergency = leaflet.clinic["emergency"]
        if sum(c.isdecimal() for c in emergency) >= 3 and "clinic.emergency" in raw:
            assert _tel(emergency) in targets
