"""Building one leaflet on its own, in a worker process: load it, check it, plan and make its files
in memory. Nothing here touches the output folder; the parent commits each leaflet's files.

A broken leaflet gives its problems; an expired one says so; neither stops any other leaflet.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import NamedTuple

from handouts.errors import ContentError, Loc, Problem
from handouts.render.build import Made

_themes: dict = {}  # per process: the theme is read once, then shared by every leaflet built here


class Task(NamedTuple):
    content: Path
    theme_path: Path | None
    options: dict  # build options (a template already read and checked)
    wanted: tuple  # (target name, option overrides) pairs
    allow_expired: bool
    out: Path
    today: dt.date


class Outcome(NamedTuple):
    content: Path
    state: str  # "built" (made, not yet written), "failed" or "expired"
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    made: tuple[Made, ...] = ()
    inputs: dict = {}  # real path -> SHA-256 (None: a file whose absence mattered)
    meta: dict = {}  # what the register and the manifest keep of the leaflet
    slug_loc: Loc | None = None
    overdue_mark: bool = False


def theme_for(path: Path | None):
    if path not in _themes:
        from handouts.theme.themes import load_theme

        _themes[path] = load_theme(path)
    return _themes[path]


def meta_of(article) -> dict:
    meta = article.meta
    loc = getattr(meta.next_review, "loc", meta.loc)
    return {"slug": str(meta.slug), "title": meta.title.plain, "language": meta.language, "version": meta.version,
            "last_reviewed": meta.last_reviewed.isoformat(), "next_review": meta.next_review.isoformat(),
            "reviewer": meta.reviewer.plain if meta.reviewer else "", "next_review_loc": list(loc)}


def _label_inputs(language: str, labels) -> dict:
    """The catalogue used, and the more specific ones that were looked for and absent: adding one
    later changes the words, so it counts as a change."""
    from handouts.theme.labels import LABELS, candidates

    inputs: dict[str, str | None] = {}
    for tag in candidates(language):
        path = os.path.realpath(LABELS / f"{tag}.yaml")
        if path == labels.source[0]:
            break
        inputs[path] = None
    inputs[labels.source[0]] = labels.source[1]
    return inputs


def build_leaflet(task: Task) -> Outcome:
    from handouts.load import load
    from handouts.render.build import make
    from handouts.render.registry import TARGETS, Job, Options
    from handouts.review import dates
    from handouts.review.review import review
    from handouts.theme.labels import labels_for

    try:
        article = load(task.content)
    except ContentError as exc:
        return Outcome(task.content, "failed", tuple(exc.problems))
    theme = theme_for(task.theme_path)
    overdue = task.allow_expired and dates.state(article.meta.next_review, task.today) == "expired"
    jobs = [Job(article, TARGETS[name], Options(**{**task.options, **dict(over), "overdue": overdue}))
            for name, over in task.wanted]
    profiles = sorted({j.options.profile for j in jobs if "profile" in j.target.reads}) or ["standard"]
    problems = [p for profile in profiles
                for p in review(article, theme, profile=profile, allow_expired=task.allow_expired,
                                today=task.today, errors_only=True).errors]
    next_loc = getattr(article.meta.next_review, "loc", article.meta.loc)
    expired, _ = dates.expiry(article.meta.next_review, next_loc, task.today, allow_expired=False)
    warnings = tuple(dates.expiry(article.meta.next_review, next_loc, task.today, task.allow_expired)[1])
    slug_loc = getattr(article.meta.slug, "loc", article.meta.loc)
    meta = meta_of(article)
    if problems:
        state = "expired" if expired and set(problems) <= set(expired) else "failed"
        return Outcome(task.content, state, tuple(dict.fromkeys(problems)), warnings, meta=meta, slug_loc=slug_loc)
    try:
        made = make(jobs, theme, task.out)
    except ContentError as exc:
        return Outcome(task.content, "failed", tuple(exc.problems), warnings, meta=meta, slug_loc=slug_loc)
    labels = labels_for(article.meta.language)
    inputs = {**dict(article.sources), **dict(theme.sources), **_label_inputs(article.meta.language, labels)}
    template = task.options.get("template")
    if template is not None:
        inputs[template.source[0]] = template.source[1]
    return Outcome(task.content, "built", (), warnings, tuple(made), inputs, meta, slug_loc, overdue)
