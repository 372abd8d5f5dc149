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
from dataclasses import dataclass

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
    """The document's root node; `tags` holds, for each element given, its nodes (a Tags)."""

    def __init__(self) -> None:
        self.root = StructNode("Document")
        self.tags: tuple[Tags, ...] = ()


@dataclass(frozen=True)
class Tags:
    """The structure nodes of one element of the plan, by the part of it each one tags. The story
    hands each flowable it makes for the element its node from here; untagged, every part is empty."""

    node: StructNode | None = None  # the element itself: a paragraph, heading, list, box, picture, logo
    label: StructNode | None = None  # a term's or a question's first part
    body: StructNode | None = None  # its second part; the text of a QR block
    heading: StructNode | None = None  # a box's or a QR block's heading
    caption: StructNode | None = None  # a picture's caption
    lines: tuple[StructNode, ...] = ()  # the band's clinic, title and subtitle; a block of rows, one each
    items: tuple[tuple[StructNode, StructNode], ...] = ()  # a list's items: (Lbl, LBody)
    cells: tuple[tuple[StructNode, ...], ...] = ()  # a table's cells, row by row, the header row first
    children: tuple[Tags, ...] = ()  # a box's or a kept group's elements


NO_TAGS = Tags()


def tagged(flowable, node: StructNode | None):
    """The flowable, holding its structure node (None: the document is not tagged)."""
    flowable.tag = node
    return flowable


def _text(pieces) -> str:
    return e.text_of(pieces)


def _links(pieces) -> list[str]:
    return [p.text for p in pieces if isinstance(p, e.Link)]


class _Builder:
    def __init__(self, labels) -> None:
        self.labels = labels
        self.depth = 1  # the level of the heading the current text sits under (1: the title)
        self.run: tuple[type, StructNode] | None = None  # the open list of terms or questions

    def para(self, parent: StructNode, role: str, pieces) -> StructNode:
        node = parent.add(StructNode(role))
        node.links = _links(pieces)
        node.actual = " ".join(_text(pieces).split())
        return node

    def heading(self, level: int) -> str:
        return f"H{min(6, level)}"

    def element(self, parent: StructNode, el) -> Tags:
        if not isinstance(el, (e.Term, e.Question)):
            self.run = None
        return HANDLERS[type(el)](self, parent, el)

    def _band(self, parent, b: e.Band) -> Tags:
        lines = [self.para(parent, "P", b.clinic), self.para(parent, "H1", b.title)]
        self.depth = 1
        if b.subtitle:
            lines.append(self.para(parent, "P", b.subtitle))
        logo = parent.add(StructNode("Figure", alt=b.logo_alt)) if b.logo else None
        return Tags(lines=tuple(lines), node=logo)

    def _heading(self, parent, h: e.Heading) -> Tags:
        # sections and sub-sections take the level the plan gives them; other headings (a list of
        # steps, "Sources") go one below the heading they sit under, so no level is skipped
        level = h.level if h.outline is not None else self.depth + 1
        node = self.para(parent, self.heading(level), h.text)
        if h.outline is not None:
            self.depth = level
        return Tags(node=node)

    def _para(self, parent, p: e.Para) -> Tags:
        return Tags(node=self.para(parent, "P", p.text))

    def _listitems(self, parent, li: e.ListItems) -> Tags:
        numbering = "Decimal" if li.numbered else "Disc"
        lst = parent.add(StructNode("L", attributes={"O": PDFName("List"), "ListNumbering": PDFName(numbering)}))
        items = []
        for item in li.items:
            entry = lst.add(StructNode("LI"))
            items.append((entry.add(StructNode("Lbl")), self.para(entry, "LBody", item)))
        return Tags(node=lst, items=tuple(items))

    def _pair(self, parent, el, first, second) -> Tags:
        """A term and its meaning, a question and its answer: an item of a list of such pairs."""
        if self.run is None or self.run[0] is not type(el):
            self.run = (type(el), parent.add(StructNode("L", attributes={"O": PDFName("List"),
                                                                         "ListNumbering": PDFName("None")})))
        entry = self.run[1].add(StructNode("LI"))
        return Tags(label=self.para(entry, "Lbl", first), body=self.para(entry, "LBody", second))

    def _term(self, parent, t: e.Term) -> Tags:
        return self._pair(parent, t, t.term, t.text)

    def _question(self, parent, q: e.Question) -> Tags:
        return self._pair(parent, q, q.question, q.answer)

    def _box(self, parent, b: e.Box) -> Tags:
        word = self.labels.callout(b.tone) if b.tone in CALLOUT_KINDS else None
        group = parent.add(StructNode("Div", title=word or _text(b.heading)))
        if b.tone == "primary":  # the main points: a heading at the level of a section
            heading = self.para(group, "H2", b.heading)
        else:  # a callout's heading carries the word for its kind, one level below its section
            heading = self.para(group, self.heading(self.depth + 1), b.heading)
        children = tuple(self.element(group, child) for child in b.children)
        self.run = None
        return Tags(node=group, heading=heading, children=children)

    def _figure(self, parent, f: e.Figure) -> Tags:
        figure = parent.add(StructNode("Figure", alt=f.alt))
        return Tags(node=figure, caption=self.para(parent, "Caption", f.caption) if f.caption else None)

    def _rows(self, parent, r: e.Rows) -> Tags:
        # as printed: "label value"
        return Tags(lines=tuple(self.para(parent, "P", ((e.Run(label + " "),) + tuple(value)))
                                for label, value in r.rows))

    def _online(self, parent, o: e.Online) -> Tags:
        code = parent.add(StructNode("Figure", alt=o.alt))
        return Tags(node=code, heading=self.para(parent, "P", o.heading), body=self.para(parent, "P", o.text))

    def _grid(self, parent, g: e.Grid) -> Tags:  # PDF/UA: a Table of rows, its header cells scoped to their column
        table = parent.add(StructNode("Table"))
        caption = self.para(table, "Caption", g.caption) if g.caption else None
        cells = []
        for r, row in enumerate((g.header, *g.rows)):
            tr = table.add(StructNode("TR"))
            cells.append(tuple(self.para(tr, "TD" if r else "TH", cell) for cell in row))
            if not r:
                for th in cells[0]:
                    th.attributes.update({"O": PDFName("Table"), "Scope": PDFName("Column")})
        return Tags(node=table, caption=caption, cells=tuple(cells))

    def _keep(self, parent, k: e.Keep) -> Tags:
        return Tags(children=tuple(self.element(parent, child) for child in k.children))

    def _pagebreakifless(self, parent, p) -> Tags:
        return NO_TAGS


HANDLERS: dict[type, Callable[..., Tags]] = e.ElementTable({
    e.Band: _Builder._band, e.Heading: _Builder._heading, e.Para: _Builder._para, e.ListItems: _Builder._listitems,
    e.Term: _Builder._term, e.Question: _Builder._question, e.Box: _Builder._box, e.Figure: _Builder._figure,
    e.Rows: _Builder._rows, e.Online: _Builder._online, e.Keep: _Builder._keep,
    e.PageBreakIfLess: _Builder._pagebreakifless, e.Grid: _Builder._grid,
})


def structure(elements, labels) -> Structure:
    """The structure of a handout's elements, in the order given (the reading order); its `tags`
    are the elements' nodes, in the same order as the elements."""
    builder = _Builder(labels)
    s = Structure()
    s.tags = tuple(builder.element(s.root, element) for element in elements)
    return s


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
        self._item: list[StructNode] | None = None  # the Lbl and LBody of the list item being drawn (item())
        self._annotation_names: list[str] = []
        self._artifacts = 0  # artifact sequences open
        self._reopened: dict[StructNode, str] = {}  # node -> its marked sequence begun again (drawUnspoken)

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
            if not self._empty_since(self._reopened.pop(node, None)):
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
            self._reopened[node] = rl.page_code(self)[-1]

    @contextmanager
    def item(self, label: StructNode | None, body: StructNode | None, bullet: bool):
        """A list item drawn: its bullet and its words are two text objects (drawText), the first its
        Lbl, the rest its LBody. A piece of an item split over a column has no bullet: all LBody."""
        if self.tagger is None or body is None:
            yield
            return
        self._item = [label, body] if bullet and label is not None else [body]
        try:
            yield
        finally:
            self._item = None

    def drawText(self, text_object):
        parts = self._item
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
            self._item[-1] if self.tagger and self._item else None
        if holder is None:
            return super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
        link = holder.by_url.get(url)
        if link is None:  # a new link; the same one again is its next line
            label = holder.links.pop(0) if holder.links else url
            link = holder.by_url[url] = holder.add(StructNode("Link", alt=label))
        self._annotate(link, url, rect, relative, thickness, color, dashArray, kind, **kw)

    def furniture_link(self, url: str, rect, label: str) -> None:
        """A link on page furniture (the footer's call line, an artifact): its annotations, one a page,
        hang from one Link element at the end of the document, which says what it does (`label`)."""
        if self.tagger is None:
            return super().linkURL(url, rect, relative=0, thickness=0, Contents=PDFString(label))
        root = self.tagger.structure.root
        link = root.by_url.get(url)
        if link is None:
            link = root.by_url[url] = root.add(StructNode("Link", alt=label))
        self._annotate(link, url, rect, 0, 0, None, None, "URI")

    def _annotate(self, link: StructNode, url, rect, relative, thickness, color, dashArray, kind, **kw) -> None:
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
    keep = set(nodes)
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
        kids += [PDFObjectReference(c.name) for c in node.children if c in keep]
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
