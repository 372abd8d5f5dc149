"""Building one output the way the CLI does (registry, plan, safe write), for tests that start
from a loaded article."""

from pathlib import Path

from handouts.render.build import build
from handouts.render.registry import TARGETS, Job, Options


def build_one(target: str, article, theme, out: Path, **options) -> Path:
    job = Job(article, TARGETS[target], Options(**options))
    return build([job], theme, Path(out))[0]


def build_pdf(article, theme, out, paper=None, profile="standard"):
    return build_one("leaflet", article, theme, out, paper=paper, profile=profile)


def build_deck(article, theme, out, aspect="16:9", template=None):
    if template is not None:  # as the CLI does: the template is read and checked once
        from handouts.render.deck.package import read_template

        template = read_template(Path(template))
    return build_one("deck", article, theme, out, aspect=aspect, template=template)
