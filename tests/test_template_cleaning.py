"""A hostile slide template: the written deck, read back as a zip, carries none of its macros,
controls, embedded objects or outside links; check --template says what was taken out; a template
too large once parsed is refused before python-pptx reads it."""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest
from click.testing import CliRunner
from conftest import VALID
from hostile_templates import MACRO_MAIN, PLAIN_MAIN, deck_bytes, linked_template, macro_template
from pptx import Presentation

from handouts.cli import main


def _deck(tmp_path, template):
    (tmp_path / "content.yaml").write_text(VALID)
    result = CliRunner().invoke(main, ["pptx", str(tmp_path / "content.yaml"), "-o", str(tmp_path / "out"),
                                       "--template", str(template)])
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "test-leaflet.pptx"


def _everything(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as deck:
        return {name: deck.read(name) for name in deck.namelist()}


def _assert_clean(parts: dict[str, bytes]) -> None:
    names = set(parts)
    assert not [n for n in names if "vbaProject" in n or n.startswith(("ppt/activeX/", "ppt/embeddings/"))]
    types = parts["[Content_Types].xml"]
    assert PLAIN_MAIN in types
    assert MACRO_MAIN not in types and b"vbaProject" not in types and b"activeX" not in types
    assert b"oleObject" not in types
    for name, data in parts.items():
        if name.endswith(".rels"):
            assert b"External" not in data, name
            assert b"http://tracker" not in data and b"phish" not in data and b"fileserver" not in data, name
            assert b"/vbaProject" not in data and b"/control" not in data and b"/oleObject" not in data, name
    for name, data in parts.items():
        if name.endswith(".xml"):
            assert b"<p:oleObj" not in data and b"<p:control " not in data, name
            assert b"r:link=" not in data and b"hlinkClick" not in data, name


@pytest.mark.parametrize("suffix", [".pptm", ".pptx"])  # the macro template, and the same file renamed
def test_a_deck_from_a_macro_template_carries_no_macro_control_or_object(tmp_path, suffix):
    template = macro_template(tmp_path / f"clinic{suffix}")
    raw = _everything(template)
    assert "ppt/vbaProject.bin" in raw and MACRO_MAIN in raw["[Content_Types].xml"]  # the input is hostile
    deck = _deck(tmp_path, template)
    _assert_clean(_everything(deck))
    assert len(Presentation(str(deck)).slides) > 2


def test_a_deck_from_a_template_with_outside_links_has_none_of_them(tmp_path):
    template = linked_template(tmp_path / "linked.pptx")
    assert b'TargetMode="External"' in _everything(template)["ppt/slideLayouts/_rels/slideLayout2.xml.rels"]
    deck = _deck(tmp_path, template)
    parts = _everything(deck)
    _assert_clean(parts)
    # the linked picture keeps its place on the layout, with no picture behind it
    layouts = b"".join(data for name, data in parts.items() if name.startswith("ppt/slideLayouts/slideLayout"))
    assert b'name="Linked logo"' in layouts and b'name="Clinic link"' in b"".join(parts.values())


def test_check_template_says_what_was_removed(tmp_path):
    (tmp_path / "content.yaml").write_text(VALID)
    for template, expected in ((macro_template(tmp_path / "clinic.pptm"),
                                ["macros (ppt/vbaProject.bin)", "an ActiveX control (ppt/activeX/activeX1.xml)",
                                 "an embedded object (ppt/embeddings/oleObject1.bin)"]),
                               (linked_template(tmp_path / "linked.pptx"),
                                ["a link to http://tracker.example/pixel.png (in ppt/slideLayouts/slideLayout2.xml)",
                                 "a link to http://phish.example/ (in ppt/slideMasters/slideMaster1.xml)",
                                 "a link to \\\\fileserver\\share\\logo.png (in ppt/slideLayouts/slideLayout3.xml)"])):
        result = CliRunner().invoke(main, ["check", str(tmp_path / "content.yaml"), "--template", str(template)])
        assert result.exit_code == 0, result.output
        for words in expected:
            assert f"{template.name}: removed from the deck: {words}" in result.stderr
        assert \
            result.stderr.count("removed from the deck") == len(expected), result.stderr  # nothing else
    plain = tmp_path / "plain.pptx"
    plain.write_bytes(deck_bytes())
    result = CliRunner().invoke(main, ["check", str(tmp_path / "content.yaml"), "--template", str(plain)])
    assert result.exit_code == 0 and "removed" not in result.stderr
    assert "carries no macros" in result.stderr


def _bloated(path, change):
    with zipfile.ZipFile(io.BytesIO(deck_bytes())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            for name, data in change(info.filename, src.read(info.filename)):
                dst.writestr(name, data)
    return path


def _fails(tmp_path, template, message):
    (tmp_path / "content.yaml").write_text(VALID)
    (tmp_path / "out").mkdir(exist_ok=True)
    result = CliRunner().invoke(main, ["pptx", str(tmp_path / "content.yaml"), "-o", str(tmp_path / "out"),
                                       "--template", str(template)])
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert "internal error" not in result.output and not list((tmp_path / "out").iterdir())


def test_a_template_of_many_large_layouts_is_refused_by_its_total_xml(tmp_path):
    padding = b"<!--" + b"x" * 900_000 + b"-->"  # each layout under 1 MB: no part is over any part limit

    def change(name, data):
        yield name, data
        if name == "ppt/slideLayouts/slideLayout1.xml":
            for i in range(20, 40):
                yield f"ppt/slideLayouts/slideLayout{i}.xml", data.replace(b"?>", b"?>" + padding, 1)

    _fails(tmp_path, _bloated(tmp_path / "big.pptx", change), "big.pptx: the template holds 18,")
    _fails(tmp_path, _bloated(tmp_path / "big.pptx", change), "bytes of XML; the limit is 5,000,000")


def test_a_template_with_too_many_layouts_or_elements_is_refused(tmp_path):
    def layouts(name, data):
        yield name, data
        if name == "ppt/slideLayouts/slideLayout1.xml":
            for i in range(20, 120):
                yield f"ppt/slideLayouts/slideLayout{i}.xml", data

    _fails(tmp_path, _bloated(tmp_path / "many.pptx", layouts),
           "many.pptx: the template has 111 slide layouts; the limit is 100")

    def elements(name, data):
        if name == "ppt/slideLayouts/slideLayout1.xml":
            data = data.replace(b"</p:cSld>", b"<p:extLst>" + b"".join(
                b'<p:ext uri="%s"/>' % os.urandom(4).hex().encode() for _ in range(150_000)) + b"</p:extLst></p:cSld>")
        yield name, data

    _fails(tmp_path, _bloated(tmp_path / "dense.pptx", elements),
           "dense.pptx: the template's part 'ppt/slideLayouts/slideLayout1.xml' holds more than 100,000 elements")


def _edited(path, part, pattern, replacement):
    def change(name, data):
        yield name, (re.sub(pattern, replacement, data, count=1) if name == part else data)
    return _bloated(path, change)


@pytest.mark.parametrize("size, said", [(b'cx="1" cy="1"', "gives the slide width as 1; it must be from 914,400"),
                                        (b'cx="wide" cy="6858000"', "gives the slide width as 'wide', not a whole"),
                                        (b'cx="9144000" cy="-1"', "gives the slide height as -1; it must be from")])
def test_a_template_with_a_bad_slide_size_is_a_message(tmp_path, size, said):
    template = _edited(tmp_path / "size.pptx", "ppt/presentation.xml", rb"<p:sldSz [^>]*/>", b"<p:sldSz " + size + b"/>")
    _fails(tmp_path, template, f"size.pptx: the template's part 'ppt/presentation.xml' {said}")


@pytest.mark.parametrize("pattern, replacement, said", [
    (rb'<a:off x="\d+"', b'<a:off x="999999999999999999999"', "gives a shape's left edge as 999,999,999,999,999,999,999"),
    (rb'<a:ext cx="\d+"', b'<a:ext cx="-5000000"', "gives a shape's width as -5,000,000; it must be from 0")])
def test_a_layout_shape_out_of_range_is_a_message(tmp_path, pattern, replacement, said):
    template = _edited(tmp_path / "shape.pptx", "ppt/slideLayouts/slideLayout2.xml", pattern, replacement)
    _fails(tmp_path, template, f"shape.pptx: the template's part 'ppt/slideLayouts/slideLayout2.xml' {said}")


def test_a_template_missing_a_layout_part_is_a_message(tmp_path):
    def change(name, data):
        if name != "ppt/slideLayouts/slideLayout2.xml":
            yield name, data
    _fails(tmp_path, _bloated(tmp_path / "gap.pptx", change),
           "gap.pptx: the template is damaged: 'ppt/slideMasters/slideMaster1.xml' names a part "
           "'ppt/slideLayouts/slideLayout2.xml' that the file does not hold")
