"""Each input file is read once: a picture or a template changed (or swapped for a link) after it
was checked never reaches the output. Every renderer draws the bytes that were checked."""

import io
import zipfile

from conftest import VALID
from PIL import Image
from pypdf import PdfReader

from handouts.load import load
from handouts.render.build import build
from handouts.render.registry import TARGETS, Job, Options
from handouts.theme.themes import load_theme


def _png(path, size, colour):
    Image.new("RGB", size, colour).save(path)


def test_a_logo_swapped_after_loading_never_reaches_any_output(write, tmp_path):
    content = write(VALID.replace('  emergency: "911"\n', '  emergency: "911"\n  logo: logo.png\n'))
    logo = tmp_path / "logo.png"
    _png(logo, (40, 30), "red")
    original = logo.read_bytes()
    article = load(content)
    # After the check: the picture is replaced, then made a link to a picture outside the folder.
    outside = tmp_path.parent / f"{tmp_path.name}-outside.png"
    _png(outside, (90, 90), "blue")
    logo.unlink()
    logo.symlink_to(outside)
    theme = load_theme()
    out = tmp_path / "out"
    paths = build([Job(article, TARGETS[t], Options()) for t in ("leaflet", "deck")], theme, out)
    pdf, deck = sorted(paths, key=lambda p: p.suffix)
    sizes = {(i.image.width, i.image.height) for page in PdfReader(pdf).pages for i in page.images}
    assert (40, 30) in sizes and (90, 90) not in sizes
    with zipfile.ZipFile(deck) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("ppt/media/")]
    pictures = [Image.open(io.BytesIO(m)).size for m in media]
    assert (40, 30) in pictures and (90, 90) not in pictures
    assert original in media  # the very bytes that were checked


def test_a_template_changed_after_checking_is_not_read_again(tmp_path):
    from pptx import Presentation

    from handouts.render.deck.package import read_template

    path = tmp_path / "clinic.pptx"
    prs = Presentation()
    prs.slide_layouts[0].name = "Title Slide"
    prs.save(path)
    template = read_template(path)
    path.write_bytes(b"not a deck any more")
    article = load(tmp_path.joinpath("c.yaml").write_text(VALID) and tmp_path / "c.yaml")
    (deck,) = build([Job(article, TARGETS["deck"], Options(template=template))], load_theme(), tmp_path / "out")
    assert len(Presentation(str(deck)).slides) > 0
