"""The web target: `<slug>.html`, one self-contained page (its pictures and font inside it, nothing
loaded from the network) written from the same plan and labels as the printed leaflet.

- `plan`: the leaflet's elements (render.handout.plan) as nodes for the template; pure.
- `write`: the page, through the Jinja2 template templates/html/page.html.j2 with autoescape.
- `verify`: the page parses, and holds its main content.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

from markupsafe import Markup

from handouts.errors import ContentError, Loc, Problem
from handouts.paths import TEMPLATES
from handouts.render.handout import elements as e
from handouts.render.handout import plan as handout_plan
from handouts.render.html.blocks import Converter, isolate_numbers, repeated_pictures
from handouts.render.registry import Fit
from handouts.scripts import right_to_left

HTML = TEMPLATES / "html"


class WebPlan(NamedTuple):
    band: dict
    body: list
    contents: list
    footer: e.Footer
    info: e.DocInfo
    language: str
    direction: str


def plan(job, theme, labels) -> WebPlan:
    whole = handout_plan.with_overdue(handout_plan.leaflet(job.article, labels), job, labels)
    band, rest = whole.elements[0], whole.elements[1:]
    converter = Converter(rtl=right_to_left(job.article.meta.language), repeated=repeated_pictures(rest))
    band_node = converter.band(band)[0]
    body = converter.nodes(rest)
    language = job.article.meta.language
    return WebPlan(band_node, body, converter.contents, whole.footer, whole.info, language,
                   "rtl" if right_to_left(language) else "ltr")


def _css(theme, text: str) -> Markup:
    from handouts.render.html.style import font_faces, variables

    family = re.sub(r"[^A-Za-z0-9 ]", "", theme.fonts.handout)  # a name, never CSS
    characters = frozenset(ord(ch) for ch in text) | frozenset(range(0x20, 0x7F))
    css = "\n".join([font_faces(family, characters),
                     variables(theme).replace(":root {", f':root {{\n  --font: "{family}";'),
                     (HTML / "page.css").read_text(encoding="utf-8")])
    return Markup(css)  # ours: the theme's colours (checked as #RRGGBB), font data and page.css


def _environment():
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(loader=FileSystemLoader(str(HTML)), autoescape=True, undefined=StrictUndefined,
                                trim_blocks=False)


def write(job, plan: WebPlan, theme, labels) -> list[bytes]:
    page = {"language": plan.language, "direction": plan.direction, "title": plan.info.title,
            "description": plan.info.subject, "author": plan.info.author, "band": plan.band, "body": plan.body,
            "contents": plan.contents, "contents_title": labels.word("contents"),
            "skip": labels.word("skip_to_content"), "css": Markup(""),
            "footer": {"call": _text(plan.footer.call, plan), "dates": _text(plan.footer.dates, plan)},
            # built past its review date: said first in the page's banner, where a screen reader starts
            "overdue": _text(plan.footer.overdue, plan) if plan.footer.overdue else ""}
    template = _environment().get_template("page.html.j2")
    draft = template.render(page=page)
    page["css"] = _css(theme, re.sub(r"<[^>]+>", " ", draft))  # the font holds the page's own characters
    return [template.render(page=page).encode("utf-8")]


def _text(text: str, plan: WebPlan) -> Markup:
    return isolate_numbers(text) if plan.direction == "rtl" else Markup.escape(text)


class _Check(HTMLParser):
    def __init__(self):
        super().__init__()
        self.main = False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.main = True


def verify(data: bytes, plan: WebPlan, name: str) -> None:
    """The page must decode, parse and hold its main part before it replaces the old one."""
    try:
        checker = _Check()
        checker.feed(data.decode("utf-8"))
        checker.close()
        assert checker.main
    except (UnicodeDecodeError, AssertionError):
        raise ContentError([Problem(Loc(name), "the web page came out damaged, so it was not written",
                                    hint="please report this; the old file is unchanged")]) from None



def describe(plan: WebPlan, job, theme, labels) -> Fit:
    return Fit(f"one page of {len(plan.contents)} sections", 1)
