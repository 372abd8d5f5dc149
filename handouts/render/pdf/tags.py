"""The tagged PDF (PDF/UA-1): a structure tree in reading order, built from the handout plan.

Three parts, each apart from the drawing code:
- `structure(elements, labels)`: pure. The plan's elements become structure nodes (H1, P, L, LI,
  Lbl, LBody, Figure, Div...), in reading order, with a map from each element (and its parts) to
  its node. Heading levels follow the depth of the sections.
- `TaggedCanvas`: while a page is drawn, each flowable that carries a node wraps what it draws in
  a marked-content sequence with an MCID; decoration and page furniture are wrapped as artifacts.
- `Tagger.write`: at save, the structure tree, its parent tree, each page's /StructParents and
  /Tabs, the catalogue's /MarkInfo and viewer preferences, and the XMP metadata, all written
  through ReportLab's own PDF objects.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

from handouts.model import CALLOUT_KINDS
from handouts.render.handout import elements as e
from handouts.render.pdf import reportlab_parts as rl
from handouts.render.pdf.markup import esc
from handouts.scripts import has_complex


class StructNode:
    """One structure element: its role, what it says instead of its content (alt), and where its
    content is drawn: (page number from 1, MCID) pairs, and link annotations."""

    __slots__ = ("role", "alt", "title", "attributes", "children", "parent", "refs", "links", "name", "by_url",
                 "actual")

    def __init__(self, role: str, alt: str | None = None, title: str | None = None, attributes: dict | None = None):
        self.role, self.alt, self.title, self.attributes = role, alt, title, attributes or {}
        self.children: list[StructNode] = []
        self.parent: StructNode | None = None
        self.refs: list = []  # (page, mcid) or ("annot", annotation name, page)
        self.links: list[str] = []  # the text of each link drawn in it, in order, for its annotation
        self.by_url: dict[str, StructNode] = {}  # its Link elements: a link over two lines has two annotations
        self.name = ""
        # its words, spaced as written: the page drops the space where a line breaks, and a screen
        # reader or a copy would run the last word of one line into the first of the next
        self.actual: str | None = None

    def add(self, child: StructNode) -> StructNode:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class Structure:
    """The document's root node and the node of each element part: key (id(element), part...)."""

    def __init__(self) -> None:
        self.root = StructNode("Document")
        self.nodes: dict[tuple, StructNode] = {}

    def node(self, element, *part) -> StructNode | None:
        return self.nodes.get((id(element), *part))


def _text(pieces) -> str:
    return e.text_of(pieces)


def _links(pieces) -> list[str]:
    return [p.text for p in pieces if isinstance(p, e.Link)]


class _Builder:
    def __init__(self, labels) -> None:
        self.s = Structure()
        self.labels = labels
        self.depth = 1  # the level of the heading the current text sits under (1: the title)
        self.run: tuple[type, StructNode] | None = None  # the open list of terms or questions

    def para(self, parent: StructNode, key, role: str, pieces) -> StructNode:
        node = parent.add(StructNode(role))
        node.links = _links(pieces)
        node.actual = " ".join(_text(pieces).split())
        self.s.nodes[key] = node
        return node

    def heading(self, level: int) -> str:
        return f"H{min(6, level)}"

    def element(self, parent: StructNode, el) -> None:
        if not isinstance(el, (e.Term, e.Question)):
            self.run = None
        HANDLERS[type(el)](self, parent, el)

    def _band(self, parent, b: e.Band):
        self.para(parent, (id(b), "clinic"), "P", b.clinic)
        self.para(parent, (id(b), "title"), "H1", b.title)
        self.depth = 1
        if b.subtitle:
            self.para(parent, (id(b), "subtitle"), "P", b.subtitle)
        if b.logo:
            self.s.nodes[(id(b), "logo")] = parent.add(StructNode("Figure", alt=b.logo_alt))

    def _heading(self, parent, h: e.Heading):
        # sections and sub-sections take the level the plan gives them; other headings (a list of
        # steps, "Sources") go one below the heading they sit under, so no level is skipped
        level = h.level if h.outline is not None else self.depth + 1
        self.para(parent, (id(h),), self.heading(level), h.text)
        if h.outline is not None:
            self.depth = level

    def _para(self, parent, p: e.Para):
        self.para(parent, (id(p),), "P", p.text)

    def _listitems(self, parent, li: e.ListItems):
        numbering = "Decimal" if li.numbered else "Disc"
        lst = parent.add(StructNode("L", attributes={"O": PDFName("List"), "ListNumbering": PDFName(numbering)}))
        self.s.nodes[(id(li),)] = lst
        for i, item in enumerate(li.items):
            entry = lst.add(StructNode("LI"))
            self.s.nodes[(id(li), i, "lbl")] = entry.add(StructNode("Lbl"))
            self.para(entry, (id(li), i, "body"), "LBody", item)

    def _pair(self, parent, el, first, second):
        """A term and its meaning, a question and its answer: an item of a list of such pairs."""
        if self.run is None or self.run[0] is not type(el):
            self.run = (type(el), parent.add(StructNode("L", attributes={"O": PDFName("List"),
                                                                         "ListNumbering": PDFName("None")})))
        entry = self.run[1].add(StructNode("LI"))
        self.para(entry, (id(el), "lbl"), "Lbl", first)
        self.para(entry, (id(el), "body"), "LBody", second)

    def _term(self, parent, t: e.Term):
        self._pair(parent, t, t.term, t.text)

    def _question(self, parent, q: e.Question):
        self._pair(parent, q, q.question, q.answer)

    def _box(self, parent, b: e.Box):
        word = self.labels.callout(b.tone) if b.tone in CALLOUT_KINDS else None
        group = parent.add(StructNode("Div", title=word or _text(b.heading)))
        self.s.nodes[(id(b),)] = group
        if b.tone == "primary":  # the main points: a heading at the level of a section
            self.para(group, (id(b), "heading"), "H2", b.heading)
        else:  # a callout's heading carries the word for its kind, one level below its section
            self.para(group, (id(b), "heading"), self.heading(self.depth + 1), b.heading)
        for child in b.children:
            self.element(group, child)
        self.run = None

    def _figure(self, parent, f: e.Figure):
        self.s.nodes[(id(f),)] = parent.add(StructNode("Figure", alt=f.alt))
        if f.caption:
            self.para(parent, (id(f), "caption"), "Caption", f.caption)

    def _rows(self, parent, r: e.Rows):
        for i, (label, value) in enumerate(r.rows):
            self.para(parent, (id(r), i), "P", ((e.Run(label + " "),) + tuple(value)))  # as printed: "label value"

    def _online(self, parent, o: e.Online):
        self.s.nodes[(id(o), "qr")] = parent.add(StructNode("Figure", alt=o.alt))
        self.para(parent, (id(o), "heading"), "P", o.heading)
        self.para(parent, (id(o), "text"), "P", o.text)

    def _keep(self, parent, k: e.Keep):
        for child in k.children:
            self.element(parent, child)

    def _pagebreakifless(self, parent, p):
        pass


HANDLERS: dict[type, Callable[..., None]] = e.ElementTable({
    e.Band: _Builder._band, e.Heading: _Builder._heading, e.Para: _Builder._para, e.ListItems: _Builder._listitems,
    e.Term: _Builder._term, e.Question: _Builder._question, e.Box: _Builder._box, e.Figure: _Builder._figure,
    e.Rows: _Builder._rows, e.Online: _Builder._online, e.Keep: _Builder._keep,
    e.PageBreakIfLess: _Builder._pagebreakifless,
})


def structure(elements, labels) -> Structure:
    """The structure of a handout's elements, in the order given (the reading order)."""
    builder = _Builder(labels)
    for element in elements:
        builder.element(builder.s.root, element)
    return builder.s


# -- drawing ----------------------------------------------------------------------------------

class _Literal(PDFObject):
    """A PDF token written as is (true, false)."""

    def __init__(self, text: str):
        self.text = text

    def format(self, document):
        return self.text.encode("ascii")


class Tagger:
    """Marked content recorded while drawing, and the tree written at save."""

    def __init__(self, structure: Structure, language: str, title: str, author: str):
        self.structure, self.language, self.title, self.author = structure, language, title, author
        self.mcids: dict[int, int] = {}  # page -> next MCID
        self.by_page: dict[int, list[StructNode]] = {}  # page -> node of each MCID, in order
        self.open: list[StructNode] = []

    def mark(self, canvas, node: StructNode) -> str:
        page = canvas.getPageNumber()
        mcid = self.mcids.get(page, 0)
        self.mcids[page] = mcid + 1
        node.refs.append((page, mcid))
        self.by_page.setdefault(page, []).append(node)
        return f"/{node.role} <</MCID {mcid}>> BDC"

    def unmark(self, canvas, node: StructNode) -> None:
        """Take back the MCID last given to `node` on this page (a sequence that stayed empty)."""
        page = canvas.getPageNumber()
        self.mcids[page] -= 1
        node.refs.pop()
        self.by_page[page].pop()


class TaggedCanvas(Canvas):
    """A canvas that can mark what it draws. With no tagger (a layout's trial runs), it marks nothing."""

    tagger: Tagger | None = None
    # Set by the styles: in a document that needs shaping, or right to left, strings drawn directly
    # (footers, marks) are set as its paragraphs are (render/pdf/bidi.py)
    shaping = False
    rtl = False

    def _ours(self, text: str) -> bool:
        return self.rtl or self.shaping or has_complex(text)

    def drawString(self, x, y, text, *args, **kwargs):
        if self._ours(text):
            return self._display_order(x, y, text, 0.0)
        return super().drawString(x, y, text, *args, **kwargs)

    def drawRightString(self, x, y, text, *args, **kwargs):
        if self._ours(text):
            return self._display_order(x, y, text, 1.0)
        return super().drawRightString(x, y, text, *args, **kwargs)

    def drawCentredString(self, x, y, text, *args, **kwargs):
        if self._ours(text):
            return self._display_order(x, y, text, 0.5)
        return super().drawCentredString(x, y, text, *args, **kwargs)

    def stringWidth(self, text, fontName=None, fontSize=None):
        """The width of the line as it will be drawn: joined letters, shaped."""
        if not self._ours(text):
            return super().stringWidth(text, fontName, fontSize)
        from handouts.render.pdf import bidi

        name, size, _ = rl.current_font(self)
        return bidi.string_width(text, fontName or name, fontSize or size)

    def _display_order(self, x, y, text, anchor):
        from handouts.render.pdf import bidi

        bidi.draw_string(self, x, y, text, anchor, 1 if self.rtl else 0)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._item_parts: list | None = None  # the Lbl and LBody nodes of a list item being drawn
        self._annotation_names: list[str] = []
        self._artifacts = 0  # artifact sequences open
        self._reopened: dict[int, str] = {}  # node -> its marked sequence begun again (drawUnspoken)

    @contextmanager
    def marked(self, node: StructNode | None):
        if self.tagger is None or node is None:
            yield
            return
        code = self.tagger.mark(self, node)
        rl.page_code(self).append(code)
        self.tagger.open.append(node)
        try:
            yield
        finally:
            self.tagger.open.pop()
            if not self._empty_since(self._reopened.pop(id(node), None)):
                rl.page_code(self).append(" ".join(["EMC"] * code.count(" BDC")))
            else:  # begun again after its last glyphs, for nothing more: taken back
                self.tagger.unmark(self, node)

    def _empty_since(self, begun: str | None) -> bool:
        """Whether nothing but a graphics state saved or restored was drawn since `begun` (an entry of
        the page's code), which is then taken out."""
        for back in range(1, min(len(rl.page_code(self)), 8) + 1):
            entry = rl.page_code(self)[-back]
            if entry is begun:
                del rl.page_code(self)[-back]
                return True
            if entry not in ("q", "Q"):
                return False
        return False

    @contextmanager
    def artifact(self, kind: str = "Layout"):
        if self.tagger is None:
            yield
            return
        rl.page_code(self).append(f"/Artifact <</Type /{kind}>> BDC")
        self._artifacts += 1
        try:
            yield
        finally:
            self._artifacts -= 1
            rl.page_code(self).append("EMC")

    def drawUnspoken(self, text_object):
        """Glyphs that stand for no letter of their own (a letter's dots and marks, a cluster's other
        glyphs: render/pdf/bidi.py): a Span whose actual text is empty, so a reader of the page's text
        takes nothing from them (poppler reads ActualText only on a Span), and in a tagged page, in an
        artifact outside the element's marked content (a marked sequence inside another would end it
        early for some readers, poppler's among them): the element's content goes on in a new one."""
        if self.tagger is None or self._artifacts:  # (an artifact already, or no tags at all)
            rl.page_code(self).append("/Span <</ActualText ()>> BDC")
            super().drawText(text_object)
            rl.page_code(self).append("EMC")
            return
        nodes = list(self.tagger.open)
        rl.page_code(self).append(" ".join(["EMC"] * len(nodes) + ["/Artifact BMC /Span <</ActualText ()>> BDC"]))
        super().drawText(text_object)
        rl.page_code(self).append("EMC EMC")
        for node in nodes:
            rl.page_code(self).append(self.tagger.mark(self, node))
            self._reopened[id(node)] = rl.page_code(self)[-1]

    def drawText(self, text_object):
        """A list item's bullet and its words are two text objects: the first is its Lbl."""
        parts = self._item_parts
        if parts is None or self.tagger is None:
            return super().drawText(text_object)
        node = parts.pop(0) if len(parts) > 1 else parts[0]
        with self.marked(node):
            super().drawText(text_object)

    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kw):
        """A link annotation: described by its text, and tied into the tree through a Link element."""
        # a list item's words are marked only while drawn (drawText), and ReportLab adds a line's link
        # between them: the link is still its body's
        holder = self.tagger.open[-1] if self.tagger and self.tagger.open else \
            self._item_parts[-1] if self.tagger and self._item_parts else None
        if holder is None:
            return super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
        link = holder.by_url.get(url)
        if link is None:  # a new link; the same one again is its next line
            label = holder.links.pop(0) if holder.links else url
            link = holder.by_url[url] = holder.add(StructNode("Link", alt=label))
        label = link.alt
        key = f"annot{len(self._annotation_names)}"
        self._annotation_names.append(key)
        kw["Contents"] = PDFString(label)
        kw["StructParent"] = _Key(link)
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
        link.refs.append(("annot", f"NUMBER{rl.annotation_count(self)}", self.getPageNumber()))


class _Key(PDFObject):
    """A link annotation's /StructParent: its key in the parent tree, known only when the tree is written."""

    def __init__(self, node: StructNode):
        self.node = node
        self.value = None

    def format(self, document):
        return str(self.value).encode("ascii")


def _xmp(tagger: Tagger) -> bytes:
    title, language, author = (esc(tagger.title), esc(tagger.language), esc(tagger.author))
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <pdf:Producer>handouts (ReportLab)</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


def write(canvas: Canvas, tagger: Tagger, pages: int) -> None:
    """Write the structure tree and everything PDF/UA asks of the document. Call before save(),
    once every page has been emitted (the page objects must exist)."""
    doc = rl.document(canvas)
    nodes = [n for n in tagger.structure.root.walk() if n.refs or n.children or n is tagger.structure.root]
    keep = set(map(id, nodes))
    for i, node in enumerate(nodes):
        node.name = f"SE{i}"
    annotation_keys = []
    for node in nodes:
        obj = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(node.role)})
        obj["P"] = PDFObjectReference(node.parent.name if node.parent is not None else "StructTreeRoot")
        kids = []
        for ref in node.refs:
            if ref[0] == "annot":
                kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Obj": doc.refAnnotation(ref[1]),
                                           "Pg": _page(ref[2])}))
                annotation_keys.append(node)
            else:
                page, mcid = ref
                kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": _page(page),
                                           "MCID": mcid}))
        kids += [PDFObjectReference(c.name) for c in node.children if id(c) in keep]
        if len(node.refs) == 1 and not node.children and node.refs[0][0] != "annot":
            page, mcid = node.refs[0]  # the common case, in its compact form: one MCID on one page
            obj["Pg"] = _page(page)
            obj["K"] = mcid
        else:
            obj["K"] = PDFArray(kids)
        if node is tagger.structure.root:
            obj["Lang"] = PDFString(tagger.language)
        if node.alt:
            obj["Alt"] = PDFString(node.alt)
        if node.actual:
            obj["ActualText"] = PDFString(node.actual)
        if node.title:
            obj["T"] = PDFString(node.title)
        if node.attributes:
            obj["A"] = PDFDictionary(dict(node.attributes))
        doc.Reference(obj, node.name)
    nums: list = []
    for page in range(1, pages + 1):
        nums += [page - 1, PDFArray([PDFObjectReference(n.name) for n in tagger.by_page.get(page, [])])]
    for i, node in enumerate(annotation_keys):
        key = pages + i
        nums += [key, PDFObjectReference(node.name)]
        for annotation in _annotations_of(doc, node):
            annotation["StructParent"].value = key
    parent_tree = PDFDictionary({"Nums": PDFArray(nums)})
    root = PDFDictionary({"Type": PDFName("StructTreeRoot"), "K": PDFArray([PDFObjectReference("SE0")]),
                          "ParentTree": doc.Reference(parent_tree, "ParentTree"),
                          "ParentTreeNextKey": pages + len(annotation_keys)})
    catalog = doc.Catalog
    catalog.StructTreeRoot = doc.Reference(root, "StructTreeRoot")
    catalog.MarkInfo = PDFDictionary({"Marked": _Literal("true")})
    # no filters (None: the document's default, which ReportLab leaves empty): `filters=[]` would write
    # an empty /Filter array, and a reader that looks for the XMP as plain XML does not find it
    metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), _xmp(tagger))
    catalog.Metadata = doc.Reference(metadata, "XMPMetadata")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    for number, page in enumerate(doc.Pages.pages, start=1):
        page.StructParents = number - 1
        page.Tabs = PDFName("S")
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]


def _page(number: int) -> PDFObjectReference:
    """ReportLab's own name for a page object, from 1."""
    return PDFObjectReference("Page%d" % number)  # noqa: UP031 (ReportLab names its page objects so; not a label)


def _annotations_of(doc, node: StructNode):
    for ref in node.refs:
        if ref[0] == "annot":
            yield doc.idToObject[doc.annotationName(ref[1])]
