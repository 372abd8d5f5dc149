"""The tri-fold target: one landscape sheet, printed on both sides and folded in three (DL).

Outside, left to right: the tuck-in flap (a little narrower, so the sheet folds flat), the back
and the front cover. Inside: three panels. It reads cover, flap, inside, back; its bookmarks
follow that order, not the order of the sheet.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from handouts.model.walk import tables
from handouts.render.handout import plan as handout_plan
from handouts.render.handout.elements import PanelPlan
from handouts.render.pdf import safety  # noqa: F401  (sets ReportLab's security switches before anything draws)
from handouts.render.pdf.flow import tagger_for
from handouts.render.pdf.fonts import charset  # noqa: F401  (read by the preflight)
from handouts.render.pdf.leaflet import verify  # noqa: F401  (the same check that a PDF reopens)
from handouts.render.pdf.panels import Slot, draw, height, lay_out, mirrored, overflow_error, panel_tags
from handouts.render.pdf.story import StoryBuilder
from handouts.render.pdf.styles import build_styles, largest_fitting, sizes_to_try
from handouts.render.registry import Fit


def plan(job, theme, labels) -> PanelPlan:
    """The tri-fold's plan, with as much of the full leaflet inside as fits at the type size the
    sections' briefs take: steps, then lists, then paragraphs, each whole (plan.trifold_extras)."""
    article = job.article
    offered, never = handout_plan.trifold_extras(article, labels)
    base = handout_plan.trifold(article, labels)
    chosen: list = []
    if offered:
        paper = job.paper(theme)

        def trial(sub, size):
            st = build_styles(theme, job.options.profile, "trifold", size)
            geometry = slots(theme, st, paper)[1]
            return st, geometry, lay_out(sub, st, geometry, balance=False)

        def inside(p: PanelPlan) -> PanelPlan:  # the flap, whose text may run on inside, and the inside
            return p._replace(panels=p.panels[1:3])

        sizes = sizes_to_try(theme, job.options.profile, "trifold")
        size = largest_fitting(sizes, lambda s: not trial(inside(base), s)[2].overflows)
        st, geometry, done = trial(inside(base), size)
        if not done.overflows:
            room = _room(st, geometry, done)
            for extra in offered:
                tall = _height(st, geometry, extra)
                if tall > room or tall > geometry[INSIDE[0]].height:  # no room; or a panel would cut it
                    continue
                if not trial(inside(handout_plan.trifold(article, labels, (*chosen, extra))), size)[2].overflows:
                    chosen.append(extra)
                    room -= tall
    made = handout_plan.trifold(article, labels, tuple(chosen))
    left = tuple(sorted((*never, *((x.loc, f"{article.sections[x.section].title.plain}: {x.what}")
                                   for x in offered if x not in chosen)), key=lambda item: item[0].line))
    return handout_plan.with_overdue(made._replace(left_out=left), job, labels)


def slots(theme, st, paper: str) -> tuple[tuple[float, float], dict[str, Slot], list[float]]:
    """The sheet, its six panels inside their margins, and where it folds (x, on both sides)."""
    settings = theme.layout("trifold", st.profile)
    portrait = theme.page_size(paper)
    width, height = max(portrait), min(portrait)
    widths = settings.panels_mm.get(paper) or next(iter(settings.panels_mm.values()))
    widths = [w * width / sum(widths) for w in widths]  # exactly the sheet's width
    margin = (settings.margin_mm or theme.profiles[st.profile].margin_mm) * mm
    out = {}
    for page, names, order in ((0, ("flap", "back", "cover"), widths), (1, INSIDE, widths[::-1])):
        x = 0.0
        for name, w in zip(names, order):  # the inside mirrors the outside
            bleed = (margin,) * 4 if name == "cover" else (0.0,) * 4
            out[name] = Slot(page, x + margin, margin, w - 2 * margin, height - 2 * margin, bleed)
            x += w
    folds = [widths[0], widths[0] + widths[1]]
    if st.rtl:
        return (width, height), mirrored(out, width), [width - f for f in folds]
    return (width, height), out, folds


INSIDE = ("inside-left", "inside-middle", "inside-right")


def _room(st, geometry, done) -> float:
    """The height left empty at the foot of the inside panels."""
    scratch = Canvas(io.BytesIO())
    left = 0.0
    for name in INSIDE:
        slot = geometry[name]
        used = sum(height(f, scratch, slot.width, slot.height) + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in done.placed.get(name, []))
        left += max(0.0, slot.height - used)
    return left


def _height(st, geometry, extra) -> float:
    """About how tall an extra block is in an inside panel (at least: the trial that follows decides)."""
    scratch = Canvas(io.BytesIO())
    slot = geometry[INSIDE[0]]
    made = StoryBuilder(st, slot.width, slot.bleed).story(extra.elements)
    return sum(height(f, scratch, slot.width, slot.height) for f in made)


def render(job, plan: PanelPlan, theme, labels=None) -> bytes:
    """Each group of panels (the cover; the flap and the inside, whose text runs on from one to the
    other; the back) in the largest type that fits it, never below the profile's body size."""
    paper = job.paper(theme)
    tagger = tagger_for([el for p in plan.panels for el in p.elements], labels, plan.info) if labels else None
    sizes = sizes_to_try(theme, job.options.profile, "trifold")
    placed, geometry = {}, {}

    def layout(sub, size, balance=False, tags=None):
        st = build_styles(theme, job.options.profile, "trifold", size)
        page, panels, folds = slots(theme, st, paper)
        return st, page, panels, folds, lay_out(sub, st, panels, balance, tags)

    for group in _groups(plan, lambda sub: not layout(sub, sizes[-1])[-1].overflows):
        sub = plan._replace(panels=group)
        size = largest_fitting(sizes, lambda s, sub=sub: not layout(sub, s)[-1].overflows)
        st, page, panels, folds, done = layout(sub, size, True, panel_tags(plan, tagger))
        if done.overflows:
            raise overflow_error("tri-fold", done.overflows, st.body_size,
                                 "shorten it (a section's summary: one to three short sentences), or hand out the "
                                 "full leaflet instead")
        placed.update(done.placed)
        geometry.update({name: panels[name] for panel in group for name in panel.slots})

    def fold_marks(canvas, number):
        """Short ticks at the top and bottom edges where the sheet folds."""
        canvas.saveState()
        canvas.setStrokeColorRGB(0.7, 0.7, 0.7)
        canvas.setLineWidth(0.5)
        for x in folds if number == 0 else [page[0] - f for f in folds]:
            canvas.line(x, 0, x, 4 * mm)
            canvas.line(x, page[1] - 4 * mm, x, page[1])
        canvas.restoreState()

    return draw(plan, st, page, geometry, placed, decorate=fold_marks, tagger=tagger)


def _groups(plan: PanelPlan, fits):
    """Panels that share a type size. A panel whose text may run on (the flap) is a group of its own
    when its text fits it at the smallest size; otherwise it shares its size with the panel it runs
    on into."""
    group: list = []
    for panel in plan.panels:
        if panel.spill and not group and fits(plan._replace(panels=(panel._replace(spill=False),))):
            yield (panel._replace(spill=False),)
            continue
        group.append(panel)
        if not panel.spill:
            yield tuple(group)
            group = []


def write(job, plan: PanelPlan, theme, labels) -> list[bytes]:
    return [render(job, plan, theme, labels)]


def describe(plan: PanelPlan, job, theme, labels) -> Fit:
    render(job, plan, theme)
    if not plan.left_out:
        return Fit("it fits one sheet, with every part of the full leaflet", 2, left_out=len(tables(job.article)))
    by_section: dict[str, dict[str, int]] = {}
    for _, said in plan.left_out:  # "<section>: <what>", in the order of the content
        section, what = said.rsplit(": ", 1)
        counts = by_section.setdefault(section, {})
        counts[what] = counts.get(what, 0) + 1
    parts = "; ".join(f"{section}: {', '.join(_count(n, what) for what, n in counts.items())}"
                      for section, counts in by_section.items())
    return Fit(f"it fits one sheet; it leaves out of the full leaflet: {parts}", 2, left_out=len(tables(job.article)))


def _count(n: int, what: str) -> str:
    """'a paragraph', '3 paragraphs', '2 lists of terms' (words for `check`, which speaks English)."""
    if n == 1:
        return f"a {what}"
    first, _, rest = what.partition(" ")
    return f"{n} {first}s" + (f" {rest}" if rest else "")
