"""The story: the handout plan's elements turned into flowables, one small function per kind."""

from __future__ import annotations

import functools
import hashlib
import io
import sys
from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Image, KeepTogether, Spacer, Table, TableStyle

from handouts.render import pictures
from handouts.render.handout import elements as e
from handouts.render.pdf.flowables import Band, Box, Heading, LeadIn, Para, QRCode, Tagged
from handouts.render.pdf.icons import icon
from handouts.render.pdf.markup import esc, markup
from handouts.render.pdf.styles import PdfStyles
from handouts.render.pdf.table import story as grid_story
from handouts.render.pdf.tags import NO_TAGS, Tags, tagged


class StoryBuilder:
    """`width` is a column's width and `column_height` its height: a callout or a list of steps no
    taller than that is kept whole. `bleed` is how far the title band's colour runs past its frame."""

    def __init__(self, st: PdfStyles, width: float, bleed: tuple[float, float, float, float],
                 column_height: float = 0.0, fill_band: bool = False, keys: str = "s", panels: bool = False):
        self.st, self.width, self.bleed = st, width, bleed
        self.panels = panels  # fixed panels: a box that fits a whole panel is never split
        self.column_height, self.fill_band = column_height, fill_band
        self.key_prefix, self._keys = keys, 0  # bookmark names: unique in the document, the same every run

    def story(self, elements: tuple[e.Element, ...], tags: tuple[Tags, ...] = ()) -> list:
        """The elements' flowables; tagged, `tags` holds each element's structure nodes, in order."""
        out: list = []
        for element, t in zip(elements, tags or [NO_TAGS] * len(elements), strict=True):
            out += self.flowables(element, t)
        return lead_ins(out)

    def flowables(self, element: e.Element, tags: Tags = NO_TAGS) -> list:
        return HANDLERS[type(element)](self, element, tags)

    # -- text --------------------------------------------------------------------------------
    def _style(self, name: str, indent: float = 0.0, keep: bool = False) -> ParagraphStyle:
        style = self.st[name]
        if not indent and not keep:
            return style
        return ParagraphStyle(f"{name}-{indent}-{keep}", parent=style, leftIndent=indent * self.st.body_size,
                              keepWithNext=1 if keep else style.keepWithNext)

    def para(self, p: e.Para, t: Tags) -> list:
        return [tagged(Para(markup(p.text), self._style(p.style, p.indent, p.keep_with_next)), t.node)]

    def heading(self, h: e.Heading, t: Tags) -> list:
        flowable = tagged(Heading(markup(h.text), self.st[h.style]), t.node)
        if h.outline is not None:
            flowable.outline = (e.text_of(h.text), h.outline, self._key())
        return [flowable]

    def _key(self) -> str:
        self._keys += 1
        return f"{self.key_prefix}{self._keys}"

    def list_items(self, li: e.ListItems, t: Tags) -> list:
        """One paragraph per item (not a ListFlowable), so a heading keeps with the first item and
        long lists split cleanly between items."""
        base = self.st[li.style]
        size = base.fontSize
        item_style = ParagraphStyle(
            f"{li.style}-{'num' if li.numbered else 'dot'}-{li.tone}", parent=base,
            leftIndent=size * (1.8 if li.numbered else 1.3), bulletIndent=size * 0.2,
            bulletFontName=self.st.fonts["bold"] if li.numbered else base.fontName, bulletFontSize=size,
            bulletColor=self.st.color(li.tone))
        last_style = ParagraphStyle(item_style.name + "-last", parent=item_style, spaceAfter=self.st["body"].spaceAfter)
        out = []
        for n, item in enumerate(li.items, start=1):
            style = last_style if n == len(li.items) else item_style
            para = Para(markup(item), style, bulletText=f"{n}." if li.numbered else "\u2022")
            if t.items:
                para.item = t.items[n - 1]
            out.append(para)
        if li.numbered and li.keep:  # steps are read together: split only when taller than a column
            return [KeepTogether(out)]
        return out

    def term(self, term: e.Term, t: Tags) -> list:
        return [KeepTogether([tagged(Para(markup(term.term), self.st["term"]), t.label),
                              tagged(Para(markup(term.text), self._style("body", 1.0)), t.body)])]

    def question(self, q: e.Question, t: Tags) -> list:
        question = tagged(Para(markup(q.question), self.st["question"]), t.label)
        question.lead_in = True
        return [question, tagged(Para(markup(q.answer), self._style("body", 1.0)), t.body)]

    def rows(self, r: e.Rows, t: Tags) -> list:
        style = self.st[r.style]
        return [tagged(Para(f"<b>{esc(label)}</b> {markup(value)}", style), node)
                for (label, value), node in zip(r.rows, t.lines or [None] * len(r.rows), strict=True)]

    # -- boxes and pictures ------------------------------------------------------------------
    def box(self, b: e.Box, t: Tags) -> list:
        heading = tagged(Para(markup(b.heading), self.st[b.heading_style]), t.heading)
        content = [heading]
        for child, child_tags in zip(b.children, t.children or [NO_TAGS] * len(b.children), strict=True):
            content += self.flowables(child, child_tags)
        pad = self.st.body_size * 0.7
        light = "primary_light" if b.tone == "primary" else f"{b.tone}_light"
        art, gutter = None, 0.0
        if b.icon:  # icon + word + title, so the kind of box reads without colour; the icon is decoration
            title = self.st[b.heading_style].fontSize
            size = title * 1.5  # its "!" or "i" stays about the title's size
            art, gutter = icon(b.tone, self.st.theme.colors[b.tone], size, self.st.fonts["bold"]), size + title * 0.5
        box = Box(content, self.st.color(light), self.st.color(b.tone), bar=pad * 0.5, padding=pad,
                  keep_within=self.column_height, split_at_top=not self.panels, rtl=self.st.rtl, icon=art,
                  gutter=gutter)
        box.spaceBefore = box.spaceAfter = self.st.body_size * 0.6
        return [box]

    def _table_style(self, *extra) -> TableStyle:
        # FONTNAME matters even with no bare text in the cells: Table's default would pull in an
        # unembedded Helvetica.
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.st.fonts["regular"]),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0), *extra])

    def band(self, b: e.Band, t: Tags) -> list:
        texts = [(b.clinic, "band_clinic"), (b.title, "title")] + ([(b.subtitle, "subtitle")] if b.subtitle else [])
        paras = [tagged(Para(markup(text), self.st[style]), node)
                 for (text, style), node in zip(texts, t.lines or [None] * len(texts), strict=True)]
        logo = None
        if b.logo:
            side = self.st["title"].fontSize * 2.6
            logo = picture(pictures.for_print(b.logo, side, side), side, side, kind="proportional")
        band = Band(paras, self.st.color("primary"), logo, self.bleed, padding=self.st.body_size * 1.3,
                    stacked=b.stacked, fill=self.fill_band, rtl=self.st.rtl)
        band.logo_tag = t.node
        if b.stacked:  # a cover: the document's first bookmark
            band.outline = (e.text_of(b.title), 0, self._key())
        return [band] if self.fill_band else [band, Spacer(1, self.st.body_size)]

    def figure(self, f: e.Figure, t: Tags) -> list:
        pic = f.picture
        max_w, max_h = self.width, self.st.body_size * 22
        upscale = 3.0  # small pictures may grow up to 3 points per pixel, no more, to stay sharp
        scale = min(max_w / pic.width, max_h / pic.height, upscale)
        w, h = pic.width * scale, pic.height * scale
        img = picture(pictures.for_print(pic, w, h), w, h)
        img.hAlign = "RIGHT" if self.st.rtl else "LEFT"  # at the side a line starts
        parts = [Tagged(img, t.node) if t.node is not None else img]
        if f.caption:
            parts.append(tagged(Para(markup(f.caption), self.st["caption"]), t.caption))
        return [KeepTogether(parts)]

    def online(self, o: e.Online, t: Tags) -> list:
        side = 24 * mm * max(1.0, self.st.scale)
        d = tagged(QRCode(o.url, side), t.node)
        text = [tagged(Para(markup(o.heading), self.st["box_title"]), t.heading),
                tagged(Para(markup(o.text), self.st["small"]), t.body)]
        if self.st.rtl:  # mirrored: the code at the right
            table = Table([[text, d]], colWidths=[None, side + 12])
            table.setStyle(self._table_style(("TOPPADDING", (0, 0), (-1, -1), 8),
                                             ("LEFTPADDING", (1, 0), (1, 0), 12)))
        else:
            table = Table([[d, text]], colWidths=[side + 12, None])
            table.setStyle(self._table_style(("TOPPADDING", (0, 0), (-1, -1), 8)))
        return [KeepTogether([table])]

    def keep(self, k: e.Keep, t: Tags) -> list:
        inner = self.story(k.children, t.children)
        return [KeepTogether(inner)]

    def page_break(self, p: e.PageBreakIfLess, t: Tags) -> list:
        return [CondPageBreak(self.st.body_size * p.lines)]


HANDLERS: dict[type, Callable[..., list]] = e.ElementTable({
    e.Para: StoryBuilder.para, e.Heading: StoryBuilder.heading, e.ListItems: StoryBuilder.list_items,
    e.Term: StoryBuilder.term, e.Question: StoryBuilder.question, e.Box: StoryBuilder.box, e.Band: StoryBuilder.band,
    e.Figure: StoryBuilder.figure, e.Rows: StoryBuilder.rows, e.Online: StoryBuilder.online,
    e.Keep: StoryBuilder.keep, e.PageBreakIfLess: StoryBuilder.page_break, e.Grid: grid_story,
})


def picture(data: bytes, width: float, height: float, kind: str = "direct") -> Image:
    """A picture flowable whose decoded pixels are shared with every other use of the same bytes."""
    img = Image.__new__(Image)
    img._img = _reader(data)  # set first, so Image does not make (and decode) a reader of its own
    Image.__init__(img, io.BytesIO(data), width=width, height=height, kind=kind)
    return img


@functools.lru_cache(maxsize=4)
def _reader(data: bytes) -> ImageReader:
    return _Reader(data)


class _Reader(ImageReader):
    """ReportLab names a picture by the digest of its decoded pixels, on every use, and keeps them
    for the whole build. Here the file's digest names it, so a use after the first costs nothing; the
    pixels are decoded only when ReportLab embeds the picture (a JPEG is embedded as it is), and
    not kept, so memory stays bounded however many pictures a leaflet has."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self._bytes, self._token = data, hashlib.sha256(data).digest()

    def getRGBData(self):
        if sys._getframe(1).f_code.co_name != "loadImageFromSRC":  # the canvas naming it
            self._dataA = None
            return self._token
        data = super().getRGBData()
        self._data, self._image = None, self._read_image(io.BytesIO(self._bytes))
        return data


def lead_ins(flowables: list) -> list:
    """Each heading or question joined to what follows it (see flowables.LeadIn), from the end, so a
    section heading joins its sub-heading's group."""
    out: list = []
    for f in reversed(flowables):
        if (isinstance(f, Heading) or getattr(f, "lead_in", False)) and out and not isinstance(out[-1], Spacer):
            out[-1] = LeadIn(f, out[-1])
        else:
            out.append(f)
    return out[::-1]
