"""The tri-fold target: one landscape sheet, printed on both sides and folded in three (DL).

Outside, left to right: the tuck-in flap (a little narrower, so the sheet folds flat), the back
and the front cover. Inside: three panels. It reads cover, flap, inside, back; its bookmarks
follow that order, not the order of the sheet.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from handouts.model.walk import tables
from handouts.render.handout import plan as handout_plan
from handouts.render.handout.elements import PanelPlan
from handouts.render.pdf import safety  # noqa: F401  (sets ReportLab's security switches before anything draws)
from handouts.render.pdf.flow import tagger_for
from handouts.render.pdf.fonts import charset  # noqa: F401  (read by the preflight)
from handouts.render.pdf.leaflet import verify  # noqa: F401  (the same check that a PDF reopens)
from handouts.render.pdf.panels import Slot, draw, lay_out, mirrored, overflow_error, panel_tags
from handouts.render.pdf.styles import build_styles, largest_fitting, sizes_to_try
from handouts.render.registry import Fit


def plan(job, theme, labels) -> PanelPlan:
    return handout_plan.with_overdue(handout_plan.trifold(job.article, labels), job, labels)


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
    return Fit("it fits one sheet", 2, left_out=len(tables(job.article)))
