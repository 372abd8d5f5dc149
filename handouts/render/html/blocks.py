"""The handout plan's elements as plain nodes for the web page's template: pure, no HTML written
here except each text's own escaped markup (emphasis and links).

Every text is escaped (markupsafe) before it is marked up: content is data, never markup. Heading
levels follow the sections: h1 the title, h2 a section, h3 a sub-section, and a box's heading one
level below the heading it sits under, so the outline never skips a level.
"""

from __future__ import annotations

import base64
import functools
import re
import unicodedata
from collections.abc import Callable

from markupsafe import Markup, escape

from handouts.render import pictures
from handouts.render.handout import elements as e
from handouts.scripts import grouped_numbers


def isolate_numbers(text: str) -> Markup:
    """Escaped text whose numbers of several groups are isolated as left to right (for an RTL page)."""
    out, last = [], 0
    for start, end in grouped_numbers(text):
        out += [escape(text[last:start]), Markup('<bdi dir="ltr">{}</bdi>').format(text[start:end])]
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def inline(pieces: e.Pieces, rtl: bool = False) -> Markup:
    """Text with its emphasis and links, escaped."""
    out = []
    for piece in pieces:
        text = isolate_numbers(piece.text) if rtl else escape(piece.text)
        if isinstance(piece, e.Link):
            text = Markup('<a href="{}">{}</a>').format(piece.url, text)
        if piece.italic:
            text = Markup("<em>{}</em>").format(text)
        if piece.bold:
            text = Markup("<strong>{}</strong>").format(text)
        out.append(text)
    return Markup("").join(out)


# The widest a picture is shown, in CSS pixels: page.css's `figure img { max-width: min(100%, 28rem) }`
# and `header .logo { width: 4.5rem }`, at 16 pixels a rem.
FIGURE_CSS_PX, LOGO_CSS_PX = 28 * 16, 4.5 * 16


def data_uri(picture, css_px: float) -> str:
    kind = "jpeg" if picture.format.upper() in ("JPEG", "JPG") else "png"
    return _data_uri(pictures.for_web(picture, css_px), kind)


@functools.lru_cache(maxsize=32)  # a picture used again is encoded once
def _data_uri(data: bytes, kind: str) -> str:
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def repeated_pictures(elements) -> frozenset[int]:
    """id() of each picture that more than one figure shows (the loader shares one record per file)."""
    seen: set[int] = set()
    again: set[int] = set()

    def walk(items) -> None:
        for el in items:
            if isinstance(el, e.Figure):
                (again if id(el.picture) in seen else seen).add(id(el.picture))
            walk(getattr(el, "children", ()))

    walk(elements)
    return frozenset(again)


def anchor(text: str, taken: set[str]) -> str:
    """An id for a heading, from its words: stable and unique in the page."""
    base = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", base).strip("-")[:40] or "part"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


class Converter:
    """Elements -> nodes ({"kind": ..., ...}), tracking the heading level for boxes."""

    def __init__(self, rtl: bool = False, repeated: frozenset[int] = frozenset()):
        self.rtl = rtl
        self.repeated = repeated  # id() of each picture shown more than once: its data goes in once
        self.shared: dict[int, str] = {}  # of those, the id in the page of each already given
        self.level = 1
        self.ids: set[str] = set()
        self.contents: list[dict] = []  # the sections, for the page's contents list

    def _in(self, pieces) -> Markup:
        return inline(pieces, self.rtl)

    def nodes(self, elements) -> list[dict]:
        out = []
        for element in elements:
            out += self.node(element)
        return out

    def node(self, el) -> list[dict]:
        return HANDLERS[type(el)](self, el)

    def para(self, p: e.Para) -> list[dict]:
        return [{"kind": "para", "style": p.style, "text": self._in(p.text)}]

    def heading(self, h: e.Heading) -> list[dict]:
        level = min(max(h.level, 2), self.level + 1, 6)  # never deeper than one below the last heading
        self.level = level
        ident = anchor(e.text_of(h.text), self.ids)
        if level == 2:
            self.contents.append({"id": ident, "text": self._in(h.text)})
        return [{"kind": "heading", "level": level, "id": ident, "text": self._in(h.text)}]

    def list_items(self, li: e.ListItems) -> list[dict]:
        return [{"kind": "list", "numbered": li.numbered, "tone": li.tone, "items": [self._in(i) for i in li.items]}]

    def term(self, t: e.Term) -> list[dict]:
        return [{"kind": "term", "term": self._in(t.term), "text": self._in(t.text)}]

    def question(self, q: e.Question) -> list[dict]:
        return [{"kind": "question", "question": self._in(q.question), "answer": self._in(q.answer)}]

    def box(self, b: e.Box) -> list[dict]:
        outer = self.level
        level = min(outer + 1, 6)
        ident = anchor(e.text_of(b.heading), self.ids)
        self.level = level  # a heading inside the box sits one level below the box's own
        children = self.nodes(b.children)
        self.level = outer
        return [{"kind": "box", "tone": b.tone, "icon": b.icon, "level": level, "id": ident,
                 "heading": self._in(b.heading), "children": children}]

    def band(self, b: e.Band) -> list[dict]:
        return [{"kind": "band", "clinic": self._in(b.clinic), "title": self._in(b.title),
                 "subtitle": self._in(b.subtitle) if b.subtitle else None,
                 "logo": data_uri(b.logo, LOGO_CSS_PX) if b.logo else None, "logo_alt": b.logo_alt}]

    def figure(self, f: e.Figure) -> list[dict]:
        key, shared, src = id(f.picture), "", ""
        if key in self.repeated:  # drawn once, in an SVG <image>, and used again by reference
            shared = self.shared.get(key, "")
            if not shared:
                shared = self.shared[key] = f"picture-{len(self.shared) + 1}"
                src = data_uri(f.picture, FIGURE_CSS_PX)
        else:
            src = data_uri(f.picture, FIGURE_CSS_PX)
        return [{"kind": "figure", "src": src, "shared": shared, "alt": f.alt, "width": f.picture.width,
                 "height": f.picture.height, "caption": self._in(f.caption) if f.caption else None}]

    def rows(self, r: e.Rows) -> list[dict]:
        return [{"kind": "rows", "rows": [(label, self._in(value)) for label, value in r.rows]}]

    def online(self, o: e.Online) -> list[dict]:
        # no code to scan on a screen: the line that only gives the address
        return [{"kind": "online", "heading": self._in(o.heading), "text": self._in(o.link_text or o.text),
                 "level": min(self.level + 1, 6)}]

    def grid(self, g: e.Grid) -> list[dict]:
        return [{"kind": "table", "caption": self._in(g.caption) if g.caption else None,
                 "header": [self._in(h) for h in g.header], "rows": [[self._in(c) for c in row] for row in g.rows]}]

    def keep(self, k: e.Keep) -> list[dict]:
        return self.nodes(k.children)


HANDLERS: dict[type, Callable[..., list[dict]]] = e.ElementTable({
    e.Para: Converter.para, e.Heading: Converter.heading, e.ListItems: Converter.list_items, e.Term: Converter.term,
    e.Question: Converter.question, e.Box: Converter.box, e.Band: Converter.band, e.Figure: Converter.figure,
    e.Rows: Converter.rows, e.Online: Converter.online, e.Keep: Converter.keep,
    e.PageBreakIfLess: lambda self, el: [],  # a page, not a web page
    e.Grid: Converter.grid,
})
