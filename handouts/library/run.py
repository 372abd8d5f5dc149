"""Building a library: every leaflet on its own, in parallel worker processes, and only when
something it was built from has changed.

1. Each leaflet's last build is looked up in the output folder's manifest. If every file it read,
   every file it wrote and the tool itself are unchanged, it is "unchanged" and not touched.
2. The others are built in worker processes (worker.py), each into memory.
3. The parent then writes each leaflet's files as its own all-or-nothing commit, under one lock on
   the output folder, and records the new builds in the manifest.
Reports come back in the order the files were given, whatever order the workers finish in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from handouts.errors import ContentError, Loc, Problem
from handouts.library.manifest import Manifest
from handouts.library.worker import Outcome, Task, build_leaflet
from handouts.read.source import display_name
from handouts.review import dates


class Report(NamedTuple):
    """What happened to one leaflet in a run."""

    content: Path
    state: str  # "built", "unchanged", "failed" or "expired"
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    written: tuple[Path, ...] = ()


class Settings(NamedTuple):
    out: Path
    theme_path: Path | None
    options: dict
    wanted: tuple
    allow_expired: bool = False
    force: bool = False
    jobs: int = 0  # 0: one worker per CPU
    today: dt.date | None = None


def signature(settings: Settings) -> str:
    """The way of building, as text: targets, options, theme and template (by path; their bytes
    are inputs). Each leaflet has one manifest entry for each signature."""
    def relative(path) -> str:  # from the output folder: the manifest publishes no machine's layout
        return os.path.relpath(os.path.realpath(path), os.path.realpath(settings.out))

    options = {k: (relative(v) if k == "template" else v) for k, v in settings.options.items()}
    theme = relative(settings.theme_path) if settings.theme_path else "default"
    return json.dumps([sorted(map(list, settings.wanted)), sorted(options.items()), theme], default=str)


def _unchanged(entry: dict, content: Path, settings: Settings, today: dt.date) -> Report:
    """A leaflet whose files are current: its review date is still checked, from the manifest."""
    meta = entry["meta"]
    place = meta.get("next_review_loc", [])  # stored relative to the output folder: shown as the user named it
    loc = Loc(display_name(content), *place[1:]) if len(place) == 3 else Loc(display_name(content))
    errors, warnings = dates.expiry(dt.date.fromisoformat(meta["next_review"]), loc, today, settings.allow_expired)
    if errors:
        return Report(content, "expired", tuple(errors))
    return Report(content, "unchanged", (), tuple(warnings))


def _pool(settings: Settings, count: int):
    """Worker processes, forked where the system allows it, so each starts with what the parent
    has already loaded (the theme, the libraries)."""
    jobs = settings.jobs or os.cpu_count() or 1
    if jobs <= 1 or count <= 1:
        return None
    import concurrent.futures  # only now: a one-leaflet run does not pay for importing them
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, count), mp_context=context)


def _in_workers(pool, pending: list[int], tasks: list[Task], files: list[Path], on_done,
                out: Path) -> dict[int, Outcome]:
    """Each task in a worker; results taken in order. A worker that dies (killed, out of memory)
    stops the run with a message naming the leaflet, instead of a traceback or a hang."""
    from concurrent.futures.process import BrokenProcessPool

    futures = [pool.submit(build_leaflet, task) for task in tasks]
    outcomes = {}
    try:
        for done, (i, future) in enumerate(zip(pending, futures), start=1):
            try:
                outcomes[i] = future.result()
            except BrokenProcessPool:
                raise ContentError([Problem(Loc(display_name(out)), "a worker process stopped unexpectedly (it may "
                                            "have run out of memory)",
                                            hint="run again with --jobs 1 to see which leaflet causes it")]) from None
            on_done(done, len(tasks), files[i])
    except BaseException:
        # Python 3.11's pool can wait forever for a live worker once another has died: end them first.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return outcomes


def run(files: list[Path], settings: Settings, prepare: Callable[[], dict],
        on_done: Callable[[int, int, Path], None] = lambda done, total, path: None) -> list[Report]:
    """Build every leaflet in `files`; returns a report for each, in the same order.

    `prepare` is called once, only when some leaflet must be built: it loads what building needs
    (the theme, the template) and returns the build options. `on_done(done, total, path)` is called
    as each leaflet being built is made, in order (for a progress display)."""
    from handouts.library.fingerprint import fingerprint

    today = settings.today or dt.date.today()
    tool = fingerprint()
    manifest = Manifest.read(settings.out)
    sig = signature(settings)
    reports: dict[int, Report] = {}
    kept: dict[str, int] = {}  # the files of unchanged leaflets, which no other leaflet may write
    pending: list[int] = []
    for i, content in enumerate(files):
        key = manifest.key(content, sig)
        entry = manifest.entries.get(key)
        if entry is not None and not settings.force:
            overdue = settings.allow_expired and dates.state(dt.date.fromisoformat(entry["meta"]["next_review"]),
                                                             today) == "expired"
            if manifest.current(key, tool, overdue):
                reports[i] = _unchanged(entry, content, settings, today)
                kept.update((name, i) for name in entry["outputs"])
                continue
        pending.append(i)
    outcomes: dict[int, Outcome] = {}
    if pending:
        options = prepare()
        tasks = [Task(files[i], settings.theme_path, options, settings.wanted, settings.allow_expired,
                      settings.out, today) for i in pending]
        pool = _pool(settings, len(tasks))
        if pool is None:
            for done, (i, task) in enumerate(zip(pending, tasks), start=1):
                outcomes[i] = build_leaflet(task)
                on_done(done, len(tasks), files[i])
        else:
            outcomes.update(_in_workers(pool, pending, tasks, files, on_done, settings.out))
    reports.update(_write(outcomes, kept, files, settings, tool, sig))
    return [reports[i] for i in range(len(files))]


def _collisions(outcomes: dict[int, Outcome], kept: dict[str, int], files: list[Path],
                settings: Settings) -> dict[int, list]:
    """Leaflets that would write the same file as another leaflet of the run: each one being built
    gets a problem at its slug (an unchanged one keeps its files)."""
    claims: dict[str, list[int]] = {name: [i] for name, i in kept.items()}
    for i, outcome in outcomes.items():
        if outcome.state == "built":
            for made in outcome.made:
                claims.setdefault(made.name, []).append(i)
    shared: dict[tuple[int, str], list[str]] = {}  # (leaflet, the others) -> the files they share
    for name, owners in sorted(claims.items()):
        if len(owners) > 1:
            for i in owners:
                if i in outcomes:
                    others = ", ".join(display_name(files[j]) for j in owners if j != i)
                    shared.setdefault((i, others), []).append(name)
    problems: dict[int, list] = {}
    for (i, others), names in shared.items():
        more = f" and {len(names) - 1} more" if len(names) > 1 else ""
        slug_loc = outcomes[i].slug_loc
        assert slug_loc is not None  # only built leaflets claim files, and build_leaflet gives those their slug's place
        problems.setdefault(i, []).append(Problem(
            slug_loc, f"two leaflets would write the same file {settings.out / names[0]}{more}",
            "meta.slug", f"give each leaflet its own meta.slug (the other is {others})"))
    return problems


def _write(outcomes: dict[int, Outcome], kept: dict[str, int], files: list[Path], settings: Settings, tool: str,
           sig: str) -> dict[int, Report]:
    """Commit each built leaflet's files on its own, and record them in the manifest."""
    from handouts.render.build import commit_files
    from handouts.render.commit import Unfinished

    reports = {i: Report(o.content, o.state, o.problems, o.warnings) for i, o in outcomes.items()
               if o.state != "built"}
    clashes = _collisions(outcomes, kept, files, settings)
    for i, problems in clashes.items():
        reports[i] = Report(outcomes[i].content, "failed", tuple(problems), outcomes[i].warnings)
    ready = [(i, o) for i, o in sorted(outcomes.items()) if o.state == "built" and i not in clashes]
    if not ready:
        return reports
    from handouts.render.commit import recover
    from handouts.render.output import folder_lock

    created = not settings.out.exists()
    with folder_lock(settings.out):
        notes = recover(settings.out, [m.name for _, o in ready for m in o.made])  # a killed run's, put back first
        manifest = Manifest.read(settings.out)  # again, under the lock: another run may have written it
        notes += manifest.notes
        for i, outcome in ready:
            try:
                written = commit_files(settings.out, list(outcome.made), locked=True)
            except Unfinished:
                raise
            except ContentError as exc:
                reports[i] = Report(outcome.content, "failed", tuple(exc.problems), outcome.warnings)
                continue
            names = {m.name for m in outcome.made}
            manifest.forget_outputs(names)
            manifest.record(manifest.key(outcome.content, sig), {
                "tool": tool, "inputs": outcome.inputs, "outputs": sorted(names), "meta": outcome.meta,
                "overdue_mark": outcome.overdue_mark, "content": os.path.realpath(outcome.content)})
            reports[i] = Report(outcome.content, "built", (), (*notes, *outcome.warnings), tuple(written))
            notes = []  # said once, with the first leaflet written
        if any(r.state == "built" for r in reports.values()):
            try:
                manifest.save()
            except OSError:
                pass  # the files are written; without a manifest they are simply built again next time
    if created and settings.out.is_dir() and not any(settings.out.iterdir()):
        settings.out.rmdir()  # nothing was written: not even the folder is left
    return reports
