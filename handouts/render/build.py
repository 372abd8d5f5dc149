"""Building a run's files: everything that can be known to fail is checked first, every file is
planned and made, and only then are they written, under one folder lock, as one all-or-nothing commit."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import NamedTuple

from handouts.errors import ContentError, Problem
from handouts.read.source import display_name
from handouts.render.commit import Commit, recover, write_failed
from handouts.render.output import folder_lock
from handouts.render.output import preflight as check_targets
from handouts.render.registry import Job
from handouts.theme.labels import labels_for


def preflight(jobs: list[Job], out: Path, theme, themed: dict | None = None) -> None:
    """Two leaflets that would write one file, a target we must not replace, a character a font lacks."""
    names = [name for job in jobs for name in job.file_names]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        problems = []
        for name in twice:
            for job in jobs:
                if name in job.file_names:
                    slug = job.article.meta.slug
                    problems.append(Problem(getattr(slug, "loc", job.article.meta.loc), f"two leaflets would write "
                                            f"the same file {out / name}", "meta.slug",
                                            "give each leaflet its own meta.slug"))
        raise ContentError(problems)
    check_targets(out, names)
    from handouts.theme.fonts import coverage_problems

    families: dict[int, tuple] = {}  # one message per missing character, naming every font that lacks it
    known = {}  # a renderer's own parse of its font, when it has one (the PDF has ReportLab's)
    for job in jobs:
        article, fonts = families.get(id(job.article), (job.article, set()))
        family = (themed or {}).get(id(job.article), theme).fonts.of(job.target.font_role)
        families[id(job.article)] = (article, fonts | {family})
        code = job.target.code()
        if hasattr(code, "charset") and family not in known:
            known[family] = code.charset(family)
    problems = [p for article, fonts in families.values() for p in coverage_problems(article, fonts, known)]
    if problems:
        raise ContentError(problems)


class Made(NamedTuple):
    """One file, made and checked in memory, ready to be written."""

    name: str
    data: bytes


def make(jobs: list[Job], theme, out: Path) -> list[Made]:
    """Check, plan and make every file of `jobs` in memory; nothing touches the output folder."""
    from handouts.theme.fonts import fonts_for

    roles: dict[int, set[str]] = {}
    for job in jobs:
        roles.setdefault(id(job.article), set()).add(job.target.font_role)
    themed = {id(job.article): fonts_for(theme, job.article, roles[id(job.article)])  # for each text's scripts
              for job in jobs}
    preflight(jobs, out, theme, themed)
    planned = []
    for job in jobs:
        labels = labels_for(job.article.meta.language)
        code = job.target.code()
        theme = themed[id(job.article)]
        planned.append((job, code, labels, code.plan(job, theme, labels), theme))
    made = []
    for job, code, labels, plan, theme in planned:
        try:
            files = code.write(job, plan, theme, labels)
        except OSError as exc:
            raise write_failed(out / job.file_names[0], exc) from None
        for name, data in zip(job.file_names, files, strict=True):
            code.verify(data, plan, display_name(out / name))
            made.append(Made(name, data))
    return made


def commit_files(out: Path, made: list[Made], locked: bool = False) -> list[Path]:
    """Write made files into `out` together, or none of them (see commit.py). With `locked`, the
    caller already holds the folder lock and has recovered the folder."""
    created = not out.exists()
    try:
        with contextlib.nullcontext() if locked else folder_lock(out):
            if not locked:
                recover(out, [m.name for m in made])  # a killed run's files, put back first
            commit = Commit(out)
            try:
                for m in made:
                    commit.stage(m.name, m.data)
                return commit.commit()
            finally:
                commit.discard()
    except BaseException:
        if created and out.is_dir() and not any(out.iterdir()):
            out.rmdir()  # a failed run leaves no trace, not even the folder it made
        raise


def build(jobs: list[Job], theme, out: Path) -> list[Path]:
    """Plan every job, make every file, then commit them all at once; returns the paths written."""
    return commit_files(out, make(jobs, theme, out))
