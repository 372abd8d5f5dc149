"""Slide templates as a hostile sender would make them: macros, ActiveX, OLE objects and outside links,
built from python-pptx's default deck by editing its parts, as PowerPoint would have written them."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from pptx import Presentation

MACRO_MAIN = b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
PLAIN_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LINKED_PICTURE = ('<p:pic><p:nvPicPr><p:cNvPr id="90" name="Linked logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
                  '<p:blipFill><a:blip r:link="rId90"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
                  '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
                  '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
LINKED_TEXT = ('<p:sp><p:nvSpPr><p:cNvPr id="91" name="Clinic link"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
               '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="300000"/></a:xfrm>'
               '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>'
               '<a:p><a:r><a:rPr lang="en-US"><a:hlinkClick r:id="rId91"/></a:rPr><a:t>Our site</a:t></a:r></a:p>'
               '</p:txBody></p:sp>')
OLE_FRAME = ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="92" name="Object 1"/><p:cNvGraphicFramePr/><p:nvPr/>'
             '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm>'
             '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
             '<p:oleObj name="Worksheet" r:id="rId92" progId="Excel.Sheet.12"><p:embed/></p:oleObj>'
             '</a:graphicData></a:graphic></p:graphicFrame>')
CONTROLS = '<p:controls><p:control name="Button1" r:id="rId93" spid="_x0000_s1"/></p:controls>'


def deck_bytes() -> bytes:
    buf = io.BytesIO()
    Presentation().save(buf)
    return buf.getvalue()


def _rels(data: bytes, extra: str) -> bytes:
    return data.replace(b"</Relationships>", extra.encode() + b"</Relationships>")


def _write(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return path


def _parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(deck_bytes())) as src:
        return {info.filename: src.read(info.filename) for info in src.infolist()}


def macro_template(path: Path) -> Path:
    """A .pptm as PowerPoint saves one: the macro-enabled main type, a vbaProject.bin, an ActiveX
    control on the master and an embedded OLE object on a layout."""
    parts = _parts()
    types = parts["[Content_Types].xml"].replace(PLAIN_MAIN, MACRO_MAIN)
    types = types.replace(b"</Types>",
                          b'<Override PartName="/ppt/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                          b'<Override PartName="/ppt/activeX/activeX1.xml" '
                          b'ContentType="application/vnd.ms-office.activeX+xml"/>'
                          b'<Override PartName="/ppt/embeddings/oleObject1.bin" '
                          b'ContentType="application/vnd.openxmlformats-officedocument.oleObject"/></Types>')
    parts["[Content_Types].xml"] = types
    parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 pretend VBA project: Sub AutoOpen() Shell \"calc\" End Sub"
    parts["ppt/activeX/activeX1.xml"] = b'<?xml version="1.0"?><ax:ocx xmlns:ax="urn:x" ax:classid="{X}"/>'
    parts["ppt/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0 pretend OLE object"
    parts["ppt/_rels/presentation.xml.rels"] = _rels(
        parts["ppt/_rels/presentation.xml.rels"],
        '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="vbaProject.bin"/>')
    master = "ppt/slideMasters/slideMaster1.xml"
    parts[master] = re.sub(rb"(</p:cSld>)", CONTROLS.encode() + rb"\1", parts[master], count=1)
    parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = _rels(
        parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"],
        f'<Relationship Id="rId93" Type="{R}/control" Target="../activeX/activeX1.xml"/>')
    layout = "ppt/slideLayouts/slideLayout2.xml"
    parts[layout] = parts[layout].replace(b"</p:spTree>", OLE_FRAME.encode() + b"</p:spTree>", 1)
    parts["ppt/slideLayouts/_rels/slideLayout2.xml.rels"] = _rels(
        parts["ppt/slideLayouts/_rels/slideLayout2.xml.rels"],
        f'<Relationship Id="rId92" Type="{R}/oleObject" Target="../embeddings/oleObject1.bin"/>')
    return _write(path, parts)


def linked_template(path: Path) -> Path:
    """A template whose layout shows a picture linked from a web address, whose master carries a
    hyperlink, and whose second layout links a picture on a Windows network share."""
    parts = _parts()
    layout, master = "ppt/slideLayouts/slideLayout2.xml", "ppt/slideMasters/slideMaster1.xml"
    parts[layout] = parts[layout].replace(b"</p:spTree>", LINKED_PICTURE.encode() + b"</p:spTree>", 1)
    parts["ppt/slideLayouts/_rels/slideLayout2.xml.rels"] = _rels(
        parts["ppt/slideLayouts/_rels/slideLayout2.xml.rels"],
        f'<Relationship Id="rId90" Type="{R}/image" Target="http://tracker.example/pixel.png" TargetMode="External"/>')
    parts[master] = parts[master].replace(b"</p:spTree>", LINKED_TEXT.encode() + b"</p:spTree>", 1)
    parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = _rels(
        parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"],
        f'<Relationship Id="rId91" Type="{R}/hyperlink" Target="http://phish.example/" TargetMode="External"/>')
    third = "ppt/slideLayouts/slideLayout3.xml"
    parts[third] = parts[third].replace(b"</p:spTree>", LINKED_PICTURE.encode() + b"</p:spTree>", 1)
    parts["ppt/slideLayouts/_rels/slideLayout3.xml.rels"] = _rels(
        parts["ppt/slideLayouts/_rels/slideLayout3.xml.rels"],
        f'<Relationship Id="rId90" Type="{R}/image" Target="\\\\fileserver\\share\\logo.png" TargetMode="External"/>')
    return _write(path, parts)
