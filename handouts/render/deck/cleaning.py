"""A template's parts, bounded, checked and cleaned before python-pptx sees them.

A template is a clinic's own file, often passed around by email: it may carry macros, ActiveX
controls, embedded objects or links to other machines, and it may be made to use gigabytes once
parsed. So, before anything opens it:
  - its XML is bounded (in all, per part, and in layouts and masters), each parse at most once here;
  - macros, ActiveX, OLE objects and every external relationship are removed, with the shapes and
    links that used them, and each removal is described (check --template prints them);
  - the main part is given the plain presentation content type;
  - the slide size and the place and size of every shape in its masters and layouts are numbers
    in range, and every part a relationship names is in the zip.
"""

from __future__ import annotations

import posixpath
import re
from typing import NamedTuple

from lxml import etree

from handouts.errors import ContentError, Loc, Problem


class Limits(NamedTuple):
    """The bounds of a template's XML; python-pptx holds all of it, parsed, in memory."""

    xml_bytes: int = 5_000_000  # a real template has well under 2 MB of XML
    layouts: int = 100
    masters: int = 10
    elements_per_part: int = 100_000


LIMITS = Limits()
SLIDE_SIDE = (914_400, 51_206_400)  # PowerPoint's slide sizes: 1 to 56 inches, in EMU
REACH = 4 * SLIDE_SIDE[1]  # a shape may sit off the slide, but not further than this, in EMU

PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAIN_TYPES = {  # a template, a show, and the macro-enabled forms: all become a plain presentation
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
}
# What a deck never carries from a template, found by its relationship type, content type or folder.
KINDS = (  # (words for the report, relationship type endings, content type words, folders)
    ("macros", ("/vbaProject", "/vbaProjectSignature", "/wordVbaData", "/keyMapCustomizations",
                "/attachedToolbars", "/ui/extensibility", "/ui/userCustomization"),
     ("vbaProject", "vbaData", "macroEnabled.12"), ("customUI/", "userCustomization/")),
    ("an ActiveX control", ("/control", "/activeXControl", "/activeXControlBinary"), ("activeX",), ("ppt/activeX/",)),
    ("an embedded object", ("/oleObject", "/package"), ("oleObject",), ("ppt/embeddings/",)),
)
NS = {"ct": "http://schemas.openxmlformats.org/package/2006/content-types",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
HINT = "save the template again from PowerPoint, or start from one of its own designs"
SHAPES = {"sp", "pic", "graphicFrame", "cxnSp", "grpSp", "control", "oleObj"}
LINKS = {"hlinkClick", "hlinkHover", "hlinkMouseOver", "snd"}
NUMBER = re.compile(r"-?\d{1,30}\Z")


class Cleaned(NamedTuple):
    parts: dict[str, bytes]  # name in the zip -> bytes, in the zip's order
    removed: tuple[str, ...]  # what was taken out, in words, for check --template


def _refuse(where: str, message: str, hint: str = HINT) -> ContentError:
    return ContentError([Problem(Loc(where), message, hint=hint)])


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def check_bounds(parts: dict[str, bytes], where: str, limits: Limits = LIMITS) -> None:
    """Refuse a template whose XML, once parsed, would be too large; count before building any tree."""
    xml = sum(len(data) for name, data in parts.items() if _is_xml(name))
    if xml > limits.xml_bytes:
        raise _refuse(where, f"the template holds {xml:,} bytes of XML; the limit is {limits.xml_bytes:,}",
                      "remove unused slide layouts and masters in the slide master view, then save")
    for folder, limit, what in (("ppt/slideLayouts/", limits.layouts, "slide layouts"),
                                ("ppt/slideMasters/", limits.masters, "slide masters")):
        count = sum(1 for name in parts if name.startswith(folder) and name.count("/") == 2 and name.endswith(".xml"))
        if count > limit:
            raise _refuse(where, f"the template has {count:,} {what}; the limit is {limit:,}",
                          "remove unused slide layouts and masters in the slide master view, then save")
    for name, data in parts.items():
        if not _is_xml(name):
            continue
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
            raise _refuse(where, f"the template's part '{name}' declares a document type, which PowerPoint "
                                 "never writes")
        count = 0
        try:
            for _ in etree.iterparse(_Bytes(data), events=("start",), resolve_entities=False, no_network=True,
                                     load_dtd=False, huge_tree=False):
                count += 1
                if count > limits.elements_per_part:
                    raise _refuse(where, f"the template's part '{name}' holds more than "
                                         f"{limits.elements_per_part:,} elements; the limit is "
                                         f"{limits.elements_per_part:,}",
                                  "remove unused slide layouts and masters in the slide master view, then save")
        except etree.XMLSyntaxError:
            raise _refuse(where, f"the template is damaged: its part '{name}' is not well-formed XML") from None


class _Bytes:
    """A file over bytes, for iterparse, without copying them."""

    def __init__(self, data: bytes):
        self.data, self.at = memoryview(data), 0

    def read(self, n: int = -1) -> bytes:
        end = len(self.data) if n < 0 else self.at + n
        chunk = bytes(self.data[self.at:end])
        self.at += len(chunk)
        return chunk


def _source_of(rels_name: str) -> str:
    """'ppt/slides/_rels/slide1.xml.rels' -> 'ppt/slides/slide1.xml'; '_rels/.rels' -> ''."""
    folder, file = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), file[:-len(".rels")])


def _target_of(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _kind(rel_type: str = "", content_type: str = "", name: str = "") -> str | None:
    for words, rel_endings, type_words, folders in KINDS:
        if (rel_type and rel_type.endswith(rel_endings)) or (content_type and any(w in content_type for w in
                                                                                    type_words)) \
                or (name and name.startswith(folders)):
            return words
    return None


def _external(rel) -> bool:
    target = rel.get("Target", "")
    return (rel.get("TargetMode") == "External" or "://" in target or target.startswith(("\\\\", "//"))
            or target.lower().startswith(("file:", "mailto:")))


def clean(parts: dict[str, bytes], where: str) -> Cleaned:
    """The template's parts without macros, ActiveX, OLE objects or external links; raises
    ContentError naming the template for a damaged package."""
    parse = _parser()
    try:
        types = etree.fromstring(parts["[Content_Types].xml"], parse)
    except KeyError:
        raise _refuse(where, "the template is not a PowerPoint file (it has no [Content_Types].xml)") from None
    except etree.XMLSyntaxError:
        raise _refuse(where, "the template is damaged: its [Content_Types].xml is not well-formed XML") from None
    removed: list[str] = []
    defaults: dict[str, str] = {}
    for d in types.findall("ct:Default", NS):  # an extension listed twice: the first counts, as readers do
        defaults.setdefault(d.get("Extension", "").lower(), d.get("ContentType", ""))
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "") for o in types.findall("ct:Override", NS)}
    dropped: set[str] = set()
    for name in parts:
        content_type = overrides.get(name) or defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")
        if content_type not in MAIN_TYPES:
            kind = _kind(content_type=content_type, name=name)
            if kind is not None:
                dropped.add(name)
                removed.append(f"{kind} ({name})")
    out = dict(parts)
    cut: dict[str, set[str]] = {}  # a part -> the relationship ids removed from it
    for rels_name in [n for n in parts if n.endswith(".rels")]:
        source = _source_of(rels_name)
        try:
            rels = etree.fromstring(parts[rels_name], parse)
        except etree.XMLSyntaxError:
            raise _refuse(where, f"the template is damaged: its part '{rels_name}' is not well-formed XML") from None
        changed = False
        for rel in rels.findall("rel:Relationship", NS):
            rel_type, target = rel.get("Type", ""), rel.get("Target", "")
            kind = _kind(rel_type=rel_type)
            if _external(rel):
                removed.append(f"a link to {target[:200]} (in {source or 'the package'})")
            elif kind is not None or _target_of(source, target) in dropped:
                if kind is not None and _target_of(source, target) not in dropped:
                    removed.append(f"{kind} ({_target_of(source, target)})")
            else:
                if _target_of(source, target) not in parts:
                    raise _refuse(where, f"the template is damaged: '{source or 'the package'}' names a part "
                                         f"'{_target_of(source, target)}' that the file does not hold")
                continue
            rels.remove(rel)
            cut.setdefault(source, set()).add(rel.get("Id", ""))
            changed = True
        if changed:
            out[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    for source, ids in cut.items():
        if source in out and source.endswith(".xml"):
            out[source] = _unlink(out[source], ids, parse, where, source)
    for name in dropped:
        del out[name]
    for override in types.findall("ct:Override", NS):
        if override.get("PartName", "").lstrip("/") in dropped:
            types.remove(override)
        elif override.get("ContentType") in MAIN_TYPES:
            override.set("ContentType", PPTX_TYPE)
    for default in types.findall("ct:Default", NS):
        if _kind(content_type=default.get("ContentType", "")) is not None:
            types.remove(default)
    out["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    _check_geometry(out, parse, where)
    return Cleaned(out, tuple(dict.fromkeys(removed)))


def _unlink(data: bytes, ids: set[str], parse, where: str, name: str) -> bytes:
    """The part without what used the removed relationships: a link or sound is dropped, a linked
    picture keeps its place but no picture, a control or object is dropped with its shape."""
    try:
        root = etree.fromstring(data, parse)
    except etree.XMLSyntaxError:
        raise _refuse(where, f"the template is damaged: its part '{name}' is not well-formed XML") from None
    users = [(el, attr) for el in root.iter() if isinstance(el.tag, str)
             for attr, value in el.attrib.items() if attr.startswith(f"{{{R_NS}}}") and value in ids]
    for el, attr in users:
        if el.getroottree().getroot() is not root:
            continue  # already removed with an enclosing shape
        local = etree.QName(el).localname
        if local in LINKS:
            _remove(el)
        elif attr == f"{{{R_NS}}}link":
            del el.attrib[attr]
        else:
            _remove(_enclosing_shape(el))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _enclosing_shape(el):
    """The shape that holds `el` (or, for one inside a choice of alternatives, the whole choice)."""
    found, node = el, el
    while node is not None:
        if isinstance(node.tag, str):
            local = etree.QName(node).localname
            if local in SHAPES:
                found = node
                break
        node = node.getparent()
    node = found.getparent()
    while node is not None:
        if node.tag == f"{{{MC_NS}}}AlternateContent":
            return node
        node = node.getparent()
    return found


def _remove(el) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)
        if etree.QName(parent).localname == "controls" and not len(parent) and parent.getparent() is not None:
            parent.getparent().remove(parent)


def _number(value: str | None, what: str, name: str, where: str, low: int, high: int) -> None:
    if value is None:
        return
    if not NUMBER.match(value.strip()):
        raise _refuse(where, f"the template's part '{name}' gives {what} as '{value[:40]}', not a whole number")
    number = int(value)
    if not low <= number <= high:
        raise _refuse(where, f"the template's part '{name}' gives {what} as {number:,}; it must be from "
                             f"{low:,} to {high:,}")


def _check_geometry(parts: dict[str, bytes], parse, where: str) -> None:
    """The slide size, and every shape's place and size in the masters and layouts, in range."""
    hint_size = "open it in PowerPoint, set Design > Slide Size, and save it again"
    presentation = parts.get("ppt/presentation.xml")
    if presentation is not None:
        try:
            root = etree.fromstring(presentation, parse)
        except etree.XMLSyntaxError:
            raise _refuse(where, "the template is damaged: its part 'ppt/presentation.xml' is not well-formed "
                                 "XML") from None
        for size in root.iter("{*}sldSz"):
            for axis, what in (("cx", "the slide width"), ("cy", "the slide height")):
                try:
                    _number(size.get(axis), what, "ppt/presentation.xml", where, *SLIDE_SIDE)
                except ContentError as exc:
                    raise ContentError([p._replace(hint=hint_size) for p in exc.problems]) from None
    for name, data in parts.items():
        if not (name.startswith(("ppt/slideLayouts/", "ppt/slideMasters/")) and name.endswith(".xml")):
            continue
        try:
            root = etree.fromstring(data, parse)
        except etree.XMLSyntaxError:
            raise _refuse(where, f"the template is damaged: its part '{name}' is not well-formed XML") from None
        for el in root.iter("{*}off", "{*}chOff"):
            _number(el.get("x"), "a shape's left edge", name, where, -REACH, REACH)
            _number(el.get("y"), "a shape's top edge", name, where, -REACH, REACH)
        for el in root.iter("{*}ext", "{*}chExt"):
            if el.getparent() is not None and etree.QName(el.getparent()).localname in ("extLst",):
                continue  # an <a:ext uri=...> extension, not a size
            _number(el.get("cx"), "a shape's width", name, where, 0, REACH)
            _number(el.get("cy"), "a shape's height", name, where, 0, REACH)
