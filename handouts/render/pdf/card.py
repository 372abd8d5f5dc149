"""The card target: a one-page summary, on A4 or Letter (two columns) or A5 (one column): the title,
the main points, when to get help, how to reach the clinic and the QR code to the full leaflet."""

from __future__ import annotations

from handouts.model.walk import tables
from handouts.render.handout import plan as handout_plan
from handouts.render.handout.elements import Panel, PanelPlan
from handouts.render.pdf import safety  # noqa: F401  (sets ReportLab's security switches before anything draws)
from handouts.render.pdf.document import geometry
from handouts.render.pdf.flow import stack_height, tagger_for
from handouts.render.pdf.fonts import charset  # noqa: F401  (read by the preflight)
from handouts.render.pdf.leaflet import verify  # noqa: F401  (the same check that a PDF reopens)
from handouts.render.pdf.panels import Slot, draw, lay_out, mirrored, overflow_error, panel_tags
from handouts.render.pdf.story import StoryBuilder
from handouts.render.pdf.styles import build_styles, largest_fitting, sizes_to_try
from handouts.render.registry import Fit, paper_name


def plan(job, theme, labels) -> PanelPlan:
    whole = handout_plan.with_overdue(handout_plan.card(job.article, labels), job, labels)
    (page,) = whole.panels
    band, rest = page.elements[0], page.elements[1:]
    return whole._replace(panels=(Panel("title", ("masthead",), (band,)), Panel("page", (), rest)))


def render(job, plan: PanelPlan, theme, labels=None) -> bytes:
    tagger = tagger_for([el for p in plan.panels for el in p.elements], labels, plan.info) if labels else None

    def layout(size, balance=False, tags=None):
        st = build_styles(theme, job.options.profile, "card", size)
        return (st, *_lay_out(job, plan, theme, st, balance, tags))

    # the largest type that fits, never below the profile's body size
    size = largest_fitting(sizes_to_try(theme, job.options.profile, "card"), lambda s: not layout(s)[-1].overflows)
    st, g, plan, slots, (placed, overflows, _) = layout(size, True, panel_tags(plan, tagger))
    if overflows:
        raise overflow_error("card", overflows, st.body_size)
    return draw(plan, st, (g.width, g.height), slots, placed, tagger=tagger)


def _lay_out(job, plan: PanelPlan, theme, st, balance: bool, tags=None):
    g = geometry(st, "card", job.paper(theme), footer=False)
    band = StoryBuilder(st, g.text_width, (g.margin,) * 4).flowables(plan.panels[0].elements[0])[0]  # to measure
    top = stack_height([band], g.text_width) + st.body_size
    slots = {"masthead": Slot(0, g.margin, g.height - top, g.text_width, top, (g.margin, g.margin, g.margin, 0.0))}
    columns = []
    for i in range(g.columns):
        name = f"column-{i + 1}"
        slots[name] = Slot(0, g.margin + i * (g.column_width + g.gap), g.bottom, g.column_width,
                           g.height - top - g.bottom)
        columns.append(name)
    plan = plan._replace(panels=(plan.panels[0], plan.panels[1]._replace(slots=tuple(columns))))
    if st.rtl:
        slots = mirrored(slots, g.width)
    return g, plan, slots, lay_out(plan, st, slots, balance, tags)


def write(job, plan: PanelPlan, theme, labels) -> list[bytes]:
    return [render(job, plan, theme, labels)]


def describe(plan: PanelPlan, job, theme, labels) -> Fit:
    render(job, plan, theme)
    return Fit(f"it fits one {paper_name(job.paper(theme))} page", 1, left_out=len(tables(job.article)))
