"""The story: the model turned into flowables, one small function per block type."""

from __future__ import annotations

import io

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Image, KeepTogether, Spacer, Table, TableStyle

from handouts import model as m
from handouts.render.pdf import markup as mk
from handouts.render.pdf.flowables import Band, Box, Heading, Para
from handouts.render.pdf.icons import icon
from handouts.render.pdf.styles import PdfStyles


class StoryBuilder:
    def __init__(self, article: m.Article, st: PdfStyles, frame_width: float, bleed: tuple[float, float, float]):
        self.article, self.st, self.width, self.bleed = article, st, frame_width, bleed
        self._keys = 0

    # -- helpers ---------------------------------------------------------------------------
    def para(self, text, style: str) -> Para:
        return Para(mk.runs(text), self.st[style])

    def heading(self, text: m.Text, style: str, level: int) -> Heading:
        self._keys += 1
        heading = Heading(mk.runs(text), self.st[style])
        heading.outline = (text.plain, level, f"s{self._keys}")
        return heading

    def bullets(self, items, style: str = "bullet", numbered: bool = False, color: str = "primary") -> list[Para]:
        """One paragraph per item (not a ListFlowable), so a heading keeps with the first item and
        long lists split cleanly between items."""
        base = self.st[style]
        size = base.fontSize
        item_style = ParagraphStyle(
            f"{style}-{'num' if numbered else 'dot'}", parent=base,
            leftIndent=size * (1.8 if numbered else 1.3), bulletIndent=size * 0.2,
            bulletFontName=self.st.fonts["bold"] if numbered else base.fontName, bulletFontSize=size,
            bulletColor=self.st.color(color))
        out = []
        for n, item in enumerate(items, start=1):
            markup = item if isinstance(item, str) else mk.runs(item)
            out.append(Para(markup, item_style, bulletText=f"{n}." if numbered else "\u2022"))
        if out:
            out[-1].style = ParagraphStyle(item_style.name + "-last", parent=item_style,
                                           spaceAfter=self.st["body"].spaceAfter)
        return out

    def box(self, kind_color: str, light: str, content) -> Box:
        pad = self.st.body_size * 0.8
        return Box(content, self.st.color(light), self.st.color(kind_color), bar=pad * 0.5, padding=pad)

    def box_header(self, kind: str, title_markup: str, title_style: str):
        """Icon + word + title, so the kind of box reads without colour."""
        s = self.st[title_style]
        size = s.fontSize * 1.7  # its "!" or "i" stays at least the title's size
        art = icon(kind, self.st.theme.colors[kind], size, self.st.fonts["bold"])
        t = Table([[art, Para(title_markup, s)]], colWidths=[size + s.fontSize * 0.6, None])
        t.setStyle(self._table_style(("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                     ("BOTTOMPADDING", (0, 0), (-1, -1), s.spaceAfter)))
        return t

    def _table_style(self, *extra) -> TableStyle:
        # FONTNAME matters even with no bare text in the cells: Table's default would pull in an
        # unembedded Helvetica.
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.st.fonts["regular"]),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0), *extra])

    # -- page 1 ----------------------------------------------------------------------------
    def band(self):
        meta, clinic = self.article.meta, self.article.clinic
        paras = [self.para(clinic.name, "band_clinic"), self.para(meta.title, "title")]
        if meta.subtitle:
            paras.append(self.para(meta.subtitle, "subtitle"))
        logo = None
        if clinic.logo:
            side = self.st["title"].fontSize * 2.6
            logo = Image(io.BytesIO(clinic.logo.read_bytes()), width=side, height=side, kind="proportional")
        return Band(paras, self.st.color("primary"), logo, self.bleed, padding=self.st.body_size * 1.3)

    def key_messages(self):
        title = self.para(mk.plain_run("The main points"), "key_title")
        items = self.bullets(self.article.key_messages, "key_item")
        return self.box("primary", "primary_light", [title, *items])

    # -- blocks ----------------------------------------------------------------------------
    def block(self, block) -> list:
        handler = getattr(self, f"_{type(block).__name__.lower()}")
        return handler(block)

    def _paragraph(self, b: m.Paragraph):
        return [self.para(b.text, "body")]

    def _bullets(self, b: m.Bullets):
        return self.bullets(b.items)

    def _terms(self, b: m.Terms):
        out = []
        indent = self.st.body_size * 1.3
        for item in b.items:
            text = Para(mk.runs(item.text), self._indented("body", indent))
            out.append(KeepTogether([self.para(item.term, "term"), text]))
        return out

    def _indented(self, style: str, indent: float):
        return ParagraphStyle(f"{style}-indented", parent=self.st[style], leftIndent=indent)

    def _steps(self, b: m.Steps):
        out = []
        if b.title:
            out.append(self.para(b.title, "h3"))
        return out + self.bullets(b.items, "step", numbered=True)

    def _callout(self, b: m.Callout):
        title = f"<b>{mk.esc(b.label)}:</b> {mk.runs(b.title)}"
        content = [self.box_header(b.kind, title, f"{b.kind}_title")]
        if b.text:
            content.append(self.para(b.text, f"{b.kind}_text"))
        if b.items:
            content += self.bullets(b.items, f"{b.kind}_text", color=b.kind)
        return [self.box(b.kind, f"{b.kind}_light", content)]

    def _faq(self, b: m.FAQ):
        out = []
        indent = self.st.body_size * 1.3
        for qa in b.items:
            answer = Para(mk.runs(qa.a), self._indented("body", indent))
            out += [self.para(qa.q, "question"), answer]
        return out

    def _image(self, b: m.Image):
        from PIL import Image as PILImage

        with PILImage.open(b.path) as im:
            w, h = im.size
        max_w, max_h = self.width, self.st.body_size * 22
        upscale = 3.0  # small pictures may grow up to 3 points per pixel, no more, to stay sharp
        scale = min(max_w / w, max_h / h, upscale)
        img = Image(io.BytesIO(b.path.read_bytes()), width=w * scale, height=h * scale)
        img.hAlign = "LEFT"
        img._alt = b.alt.plain  # kept for tagging tools; ReportLab does not write alt text itself
        parts = [img]
        if b.caption:
            parts.append(self.para(b.caption, "caption"))
        return [KeepTogether(parts)]

    # -- the end ---------------------------------------------------------------------------
    def about(self):
        meta, clinic = self.article.meta, self.article.clinic
        out = [CondPageBreak(self.st.body_size * 12),
               self.heading(mk.plain_run("About this leaflet"), "h1", 0)]

        def row(label: str, value_markup: str):
            out.append(Para(f"<b>{mk.esc(label)}</b> {value_markup}", self.st["small"]))

        if meta.authors:
            row("Written by:", "; ".join(mk.runs(a) for a in meta.authors))
        if meta.reviewer:
            row("Reviewed by:", mk.runs(meta.reviewer))
        row("Last reviewed:", mk.esc(_date(meta.last_reviewed)))
        row("Next review due:", mk.esc(_date(meta.next_review)))
        row("Version:", mk.esc(meta.version))
        if meta.sources:
            out.append(self.para(mk.plain_run("Sources"), "h3"))
            out += self.bullets([mk.runs(s.title) + (f" {mk.link(s.url)}" if s.url else "") for s in meta.sources],
                                "small")
        out.append(self.para(mk.plain_run("Contact us"), "h3"))
        row(clinic.name.plain + ":", f"phone {mk.link('tel:' + clinic.phone.replace(' ', ''), clinic.phone)}")
        if clinic.email:
            row("Email:", mk.link(f"mailto:{clinic.email}", clinic.email))
        if clinic.website:
            row("Website:", mk.link(clinic.website))
        if clinic.address:
            row("Address:", mk.runs(clinic.address))
        row("In an emergency, call:", mk.esc(clinic.emergency))
        if meta.disclaimer:
            out.append(self.para(mk.plain_run("Please note"), "h3"))
            out.append(self.para(meta.disclaimer, "small"))
        if meta.online_url:
            out.append(self.online_version(meta.online_url))
        return out

    def online_version(self, url: str):
        side = 28 * mm * max(1.0, self.st.scale)
        # Sized directly: asking the widget for its bounds would encode the QR code a second time.
        widget = QrCodeWidget(url, barLevel="M", barWidth=side, barHeight=side)
        d = Drawing(side, side)
        d.add(widget)
        d.initialFontName = self.st.fonts["regular"]  # the renderer's default would be an unembedded Helvetica
        text = [self.para(mk.plain_run("Latest version online"), "box_title"),
                Para(f"Scan the code with your phone camera, or go to {mk.link(url)}", self.st["small"])]
        t = Table([[d, text]], colWidths=[side + 12, None])
        t.setStyle(self._table_style(("TOPPADDING", (0, 0), (-1, -1), 8)))
        return KeepTogether([t])

    # -- everything ------------------------------------------------------------------------
    def story(self) -> list:
        out = [self.band(), Spacer(1, self.st.body_size), self.key_messages()]
        for section in self.article.sections:
            out.append(self.heading(section.title, "h1", 0))
            for block in section.blocks:
                out += self.block(block)
            for sub in section.sections:
                out.append(self.heading(sub.title, "h2", 1))
                for block in sub.blocks:
                    out += self.block(block)
        out += self.about()
        return out


def _date(d) -> str:
    return f"{d.day} {d:%B %Y}"
