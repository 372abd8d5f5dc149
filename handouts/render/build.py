"""Building a run's files: everything that can be known to fail is checked first, every file is
planned and made, and only then are they written, under one folder lock, as one all-or-nothing commit."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import ContentError, Problem
from handouts.render.commit import Commit, recover, write_failed
from handouts.render.output import folder_lock, preflight as check_targets
from handouts.render.registry import Job
from handouts.theme.labels import labels_for


def preflight(jobs: list[Job], out: Path, theme) -> None:
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
        family = theme.fonts[job.target.font_role]
        families[id(job.article)] = (article, fonts | {family})
        code = job.target.code()
        if hasattr(code, "charset") and family not in known:
            known[family] = code.charset(family)
    problems = [p for article, fonts in families.values() for p in coverage_problems(article, fonts, known)]
    if problems:
        raise ContentError(problems)


def build(jobs: list[Job], theme, out: Path) -> list[Path]:
    """Plan every job, make every file, then commit them all at once; returns the paths written."""
    preflight(jobs, out, theme)
    planned = []
    for job in jobs:
        labels = labels_for(job.article.meta.language)
        code = job.target.code()
        planned.append((job, code, labels, code.plan(job, theme, labels)))
    made = []  # every file in memory before the folder is touched
    for job, code, labels, plan in planned:
        try:
            files = code.write(job, plan, theme, labels)
        except OSError as exc:
            raise write_failed(out / job.file_names[0], exc) from None
        made += [(name, data, code, plan) for name, data in zip(job.file_names, files, strict=True)]
    created = not out.exists()
    try:
        with folder_lock(out):
            recover(out, [name for name, *_ in made])  # a killed run's files, put back first
            commit = Commit(out)
            try:
                for name, data, code, plan in made:
                    commit.stage(name, data, lambda path, code=code, plan=plan: code.verify(path, plan))
                return commit.commit()
            finally:
                commit.discard()
    except BaseException:
        if created and out.is_dir() and not any(out.iterdir()):
            out.rmdir()  # a failed run leaves no trace, not even the folder it made
        raise
