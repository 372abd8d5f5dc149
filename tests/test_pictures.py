"""Pictures, read back from what was written: upright by their EXIF orientation in the PDF, the deck
and the web page; a phone's MPO read as its first frame; each distinct file decoded once however
often it is used; drawn at no more than 300 pixels per inch of where they are printed (twice their
CSS size on the web page); a damaged picture refused at its line. The files are made here."""

from __future__ import annotations

import base64
import io
import re
import struct
import zlib
from pathlib import Path

import pytest
import test_web
from click.testing import CliRunner
from conftest import VALID
from pptx import Presentation
from pypdf import PdfReader
from test_web import AXE_RUN

from handouts.cli import main
from handouts.errors import ContentError
from handouts.load import load

RED, BLUE = (220, 30, 30), (30, 30, 220)


def _pillow():
    from PIL import Image

    return Image


def turned_photo(path: Path) -> None:
    """Stored 80 by 40, left half red, right half blue, with EXIF orientation 6: a camera held
    upright, so the photo is seen 40 wide by 80 high, red at the top and blue at the bottom."""
    Image = _pillow()
    im = Image.new("RGB", (80, 40), BLUE)
    im.paste(RED, (0, 0, 40, 40))
    exif = Image.Exif()
    exif[0x0112] = 6
    im.save(path, "JPEG", quality=95, exif=exif)


def mpo(path: Path) -> None:
    """A phone's MPO: a red first frame and a green second one."""
    Image = _pillow()
    Image.new("RGB", (60, 40), RED).save(path, "MPO", save_all=True, append_images=[Image.new("RGB", (60, 40),
                                                                                               (0, 200, 0))])


def leaflet(folder: Path, pictures: list[str]) -> Path:
    blocks = "".join(f"      - image:\n          path: {name}\n          alt: Picture {i} of the leaflet.\n"
                     for i, name in enumerate(pictures, 1))
    path = folder / "content.yaml"
    path.write_text(VALID.replace("      - paragraph: You can read this.\n",
                                  "      - paragraph: You can read this.\n" + blocks), encoding="utf-8")
    return path


def upright(im) -> None:
    """The oracle: Pillow's own reading of EXIF (ImageOps.exif_transpose) sees the photo this way."""
    im = im.convert("RGB")
    w, h = im.size
    assert h > w, f"the photo lies on its side ({w} by {h})"
    top, bottom = im.getpixel((w // 2, h // 8)), im.getpixel((w // 2, h * 7 // 8))
    assert top[0] > 150 and top[2] < 100, f"red is not at the top: {top}"
    assert bottom[2] > 150 and bottom[0] < 100, f"blue is not at the bottom: {bottom}"


def test_the_oracle_reads_the_fixture_as_upright(tmp_path):
    from PIL import ImageOps

    turned_photo(tmp_path / "turned.jpg")
    with _pillow().open(tmp_path / "turned.jpg") as im:
        assert im.size == (80, 40)
        upright(ImageOps.exif_transpose(im))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pictures")
    turned_photo(folder / "turned.jpg")
    source = leaflet(folder, ["turned.jpg"])
    for command in (["all"], ["html"]):
        result = CliRunner().invoke(main, [*command, str(source), "-o", str(folder / "out")])
        assert result.exit_code == 0, result.output
    return folder / "out"


def pdf_pictures(pdf: Path) -> list:
    return [image.image for page in PdfReader(pdf).pages for image in page.images]


@pytest.mark.parametrize("name", ["test-leaflet.pdf", "test-leaflet-large-print.pdf"])
def test_a_turned_photo_is_upright_in_the_pdf(built, name):
    (picture,) = pdf_pictures(built / name)
    upright(picture)


def test_a_turned_photo_is_upright_in_the_deck(built):
    deck = Presentation(str(built / "test-leaflet.pptx"))
    shapes = [s for slide in deck.slides for s in slide.shapes
              if s.shape_type == 13 and s.name == "Picture"]  # 13: a picture
    assert shapes
    for shape in shapes:
        assert shape.height > shape.width  # its box is upright too
        with _pillow().open(io.BytesIO(shape.image.blob)) as im:
            upright(im)


def test_a_turned_photo_is_upright_on_the_web_page(built):
    page = (built / "test-leaflet.html").read_text(encoding="utf-8")
    (figure,) = re.findall(r'<figure><img src="data:image/(?:png|jpeg);base64,([^"]+)"[^>]*'
                           r'width="(\d+)" height="(\d+)"', page)
    data, width, height = figure
    assert int(height) > int(width)
    with _pillow().open(io.BytesIO(base64.b64decode(data))) as im:
        upright(im)


def test_a_phones_mpo_photo_is_read_as_its_first_frame(tmp_path):
    mpo(tmp_path / "phone.jpg")
    article = load(leaflet(tmp_path, ["phone.jpg"]))
    picture = article.sections[0].blocks[1].picture
    assert picture.format == "JPEG" and (picture.width, picture.height) == (60, 40)
    result = CliRunner().invoke(main, ["pdf", str(tmp_path / "content.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (drawn,) = pdf_pictures(tmp_path / "out" / "test-leaflet.pdf")
    red, green, _ = drawn.convert("RGB").getpixel((30, 20))
    assert red > 150 and green < 100  # the red first frame, not the green second one


def test_a_picture_used_again_is_read_and_decoded_once(tmp_path):
    Image = _pillow()
    Image.new("RGB", (300, 200), BLUE).save(tmp_path / "photo.png")
    Image.new("RGB", (300, 200), RED).save(tmp_path / "other.png")
    article = load(leaflet(tmp_path, ["photo.png", "other.png", "photo.png", "./photo.png"]))
    pictures = [b.picture for b in article.sections[0].blocks[1:5]]
    assert pictures[0] is pictures[2] is pictures[3]  # one record, shared by every use
    assert pictures[1] is not pictures[0]
    result = CliRunner().invoke(main, ["pdf", str(tmp_path / "content.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "out" / "test-leaflet.pdf")
    names = {obj.idnum for page in reader.pages
             for obj in page["/Resources"].get("/XObject", {}).values()
             if obj.get_object().get("/Subtype") == "/Image"}
    assert len(names) == 2  # the PDF holds each picture once


def test_a_large_picture_is_printed_at_300_pixels_per_inch_and_shown_at_twice_its_css_size(tmp_path):
    import pdfplumber

    _pillow().new("RGB", (3000, 1200), "#336699").save(tmp_path / "wide.png")
    source = leaflet(tmp_path, ["wide.png"])
    for command in ("pdf", "html"):
        result = CliRunner().invoke(main, [command, str(source), "-o", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out" / "test-leaflet.pdf") as doc:
        (image,) = [im for page in doc.pages for im in page.images]
        inches = (image["x1"] - image["x0"]) / 72
        assert image["srcsize"][0] <= inches * 300 + 1 < 3000
        assert image["srcsize"][0] >= inches * 300 - 1  # still sharp
    page = (tmp_path / "out" / "test-leaflet.html").read_text(encoding="utf-8")
    (data,) = re.findall(r'<figure><img src="data:image/png;base64,([^"]+)"', page)
    with _pillow().open(io.BytesIO(base64.b64decode(data))) as im:
        assert im.size == (2 * 28 * 16, round(2 * 28 * 16 * 1200 / 3000))  # page.css: max-width 28rem


def messages(path: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(path)
    return [str(p).replace(str(path.parent) + "/", "") for p in info.value.problems]


def png_with_rows(path: Path, rows: int, height: int = 40) -> None:
    """A 40-pixel-wide PNG whose header says `height` rows and whose data, whole and checked, holds `rows`."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    data = zlib.compress(b"".join(b"\x00" + b"\x80" * 120 for _ in range(rows)))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def test_a_png_with_missing_rows_is_refused_at_its_line(tmp_path):
    png_with_rows(tmp_path / "short.png", 10)
    png_with_rows(tmp_path / "whole.png", 40)
    assert messages(leaflet(tmp_path, ["whole.png", "short.png"])) == [
        "content.yaml:26:17: sections[1].blocks[3].image.path: 'short.png' is damaged: its data holds about 10 of "
        "its 40 rows (hint: open it in an image editor and save it again as PNG or JPEG)"]


def test_a_jpeg_whose_header_lies_about_its_size_is_refused_at_its_line(tmp_path):
    out = io.BytesIO()
    _pillow().new("RGB", (16, 16), RED).save(out, "JPEG")
    data = bytearray(out.getvalue())
    frame = data.index(b"\xff\xc0")
    data[frame + 5:frame + 9] = struct.pack(">HH", 4000, 4000)
    (tmp_path / "lying.jpg").write_bytes(bytes(data))
    assert messages(leaflet(tmp_path, ["lying.jpg"])) == [
        "content.yaml:23:17: sections[1].blocks[2].image.path: 'lying.jpg' is damaged: its header says 4000 by 4000 "
        "pixels, but it holds too little data for that (hint: open it in an image editor and save it again as PNG "
        "or JPEG)"]


def test_the_leaflets_pictures_share_one_budget_of_pixels(tmp_path):
    Image = _pillow()
    for i in range(1, 6):  # 25 megapixels each: each is allowed alone, and a use again counts nothing
        Image.new("L", (5000, 5000), i * 40).save(tmp_path / f"big-{i}.png")
    assert messages(leaflet(tmp_path, ["big-1.png", "big-2.png", "big-1.png", "big-3.png", "big-4.png",
                                       "big-5.png"])) == [
        "content.yaml:38:17: sections[1].blocks[7].image.path: the pictures of this leaflet add up to 125 megapixels "
        "with 'big-5.png'; the limit is 100 (hint: resize the larger pictures to at most 2000 pixels on the "
        "longest side)"]


def test_readme_gives_the_limits_the_code_has():
    from conftest import ROOT

    from handouts.load.images import MAX_LEAFLET_PIXELS
    from handouts.model.inline import MAX_NESTING
    from handouts.read.pictures import MAX_PIXELS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"at most {MAX_LEAFLET_PIXELS // 1_000_000} megapixels in all" in readme
    assert f"{MAX_PIXELS // 1_000_000} megapixels, never through a link" in readme
    assert f"nested at most {MAX_NESTING} deep" in readme


@pytest.fixture
def repeated_page(tmp_path) -> Path:
    _pillow().new("RGB", (600, 300), "#336699").save(tmp_path / "photo.png")
    source = leaflet(tmp_path, ["photo.png", "photo.png", "photo.png"])
    result = CliRunner().invoke(main, ["html", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "test-leaflet.html"


def test_a_picture_shown_again_is_in_the_web_page_once(repeated_page):
    page = repeated_page.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 1
    shown = re.findall(r'<svg class="picture" role="img" aria-label="(Picture \d of the leaflet\.)"', page)
    assert shown == [f"Picture {i} of the leaflet." for i in (1, 2, 3)]
    assert page.count('<use href="#picture-1"/>') == 3


@pytest.fixture(scope="module")
def browser():
    """The web tests' chromium, with axe-core."""
    yield from test_web.browser.__wrapped__()


def test_a_picture_shown_again_passes_axe_and_fits_a_phone(browser, repeated_page):
    browser.set_window_size(320, 800)
    browser.get(repeated_page.as_uri())
    browser.execute_script(browser.axe)
    assert browser.execute_async_script(AXE_RUN) == []
    sizes = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.picture')).map(e => e.getBoundingClientRect())"
        ".map(r => [r.width, r.height])")
    assert len(sizes) == 3
    for width, height in sizes:  # drawn, narrower than the screen, with the picture's shape
        assert 0 < width <= 320 and abs(width / height - 2) < 0.02
