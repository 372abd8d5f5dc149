"""Printing review reports: a table for people, JSON for tools."""

from __future__ import annotations

import datetime as dt
import json

from handouts.errors import Problem
from handouts.review.review import GRADE_AIM, GRADE_LIMIT, Report, review_state


def _readability_table(rep: Report) -> list[str]:
    pack, o = rep.pack, rep.overall
    assert o is not None  # measured with the sections, and this table is printed only when there are some
    if pack is None or not pack.higher_is_easier:  # English: grade levels
        lines = [f"  {'Section':<46} {'FK grade':>8} {'SMOG':>6} {'Words':>6}"]
        for s in rep.sections:
            flag = f"  over {GRADE_LIMIT:.0f}" if s.scores.fk_grade > GRADE_LIMIT else ""
            scores = s.scores
            lines.append(f"  {s.title[:46]:<46} {scores.fk_grade:>8.1f} {scores.smog:>6.1f} {scores.words:>6}{flag}")
        lines.append(f"  {'Whole leaflet':<46} {o.fk_grade:>8.1f} {o.smog:>6.1f} {o.words:>6}")
        lines.append("")
        lines.append(f"  Reading grade (Flesch-Kincaid): {o.fk_grade:.1f} overall "
                     f"(aim {GRADE_AIM:.0f}, at most {GRADE_LIMIT:.0f}); SMOG {o.smog:.1f}")
        return lines
    lines = [f"  {'Section':<46} {'INFLESZ':>8} {'Words':>6}"]
    for s in rep.sections:
        value = pack.value(s.scores)
        flag = f"  under {pack.limit:g}" if pack.too_hard(value) else ""
        lines.append(f"  {s.title[:46]:<46} {value:>8.1f} {s.scores.words:>6}{flag}")
    lines.append(f"  {'Whole leaflet':<46} {pack.value(o):>8.1f} {o.words:>6}")
    lines.append("")
    lines.append(f"  Reading ease ({pack.label}, {pack.name}): {pack.value(o):.1f} overall "
                 f"(aim {pack.aim:g} or more, at least {pack.limit:g}; higher is easier)")
    return lines


def mark(check, error: bool) -> str:
    """'pass'; 'skip' for one that could not run; 'warn' for an advisory check that found something;
    'FAIL' for one that stops a build."""
    if check.passed:
        return "skip" if check.skipped else "pass"
    return "FAIL" if error and check.problems else "warn"


def render_text(reports: list[Report], strict: bool = False) -> str:
    lines: list[str] = []
    for rep in reports:
        if rep.article is None:  # it did not load: its problems were printed as messages
            count = len(rep.errors)
            lines += [f"{rep.file}: not checked further: it could not be read ({count} "
                      f"{'problem' if count == 1 else 'problems'}, listed above)", ""]
            continue
        lines += [f"{rep.file}: {rep.title}", ""]
        if rep.sections:
            lines += _readability_table(rep) + [""]
        group = None
        for name, check, error in rep.checks:
            if name != group:
                lines.append(f"  {name}")
                group = name
            lines.append(f"    [{mark(check, error)}] {check.name}: {check.detail}")
            for p in check.problems:
                lines.append(f"           {p}")
        if rep.hard_words:
            words = ", ".join(sorted(rep.hard_words))
            lines += ["", f"  Words of 3+ syllables not on templates/plain-words.txt ({len(rep.hard_words)}): {words}"]
        others = [p for p in rep.errors if not any(p in c.problems for _, c, _ in rep.checks)]
        for p in others:
            lines.append(f"  ERROR {p}")
        lines.append("")
    n_err = sum(len(r.errors) for r in reports)
    n_warn = sum(len(r.warnings) for r in reports)
    verdict = "FAIL" if n_err or (strict and n_warn) else "PASS"
    lines.append(f"{verdict}: {len(reports)} file(s) checked, {n_err} error(s), {n_warn} warning(s)"
                 + (" (--strict: warnings count as errors)" if strict and n_warn else ""))
    return "\n".join(lines)


def _problem(p: Problem) -> dict:
    return {"file": p.loc.file, "line": p.loc.line, "column": p.loc.col, "field": p.path,
            "message": p.message, "hint": p.hint}


def _dates(rep: Report, today: dt.date) -> dict | None:
    if rep.article is None:
        return None
    meta = rep.article.meta
    return {"version": meta.version, "last_reviewed": meta.last_reviewed.isoformat(),
            "next_review": meta.next_review.isoformat(), "reviewer": meta.reviewer.plain if meta.reviewer else None,
            "state": review_state(rep.article, today)}


def render_json(reports: list[Report], today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    data = []
    for rep in reports:
        data.append({
            "file": rep.file,
            "title": rep.title,
            "loaded": rep.article is not None,
            "review": _dates(rep, today),
            "reading": None if rep.pack is None else {"language": rep.pack.name, "formula": rep.pack.formula,
                                                      "aim": rep.pack.aim, "limit": rep.pack.limit},
            "overall": None if rep.overall is None else {
                "fk_grade": rep.overall.fk_grade, "smog": rep.overall.smog, "inflesz": rep.overall.inflesz,
                "words": rep.overall.words, "sentences": rep.overall.sentences},
            "sections": [{"title": s.title, "line": s.loc.line, "fk_grade": s.scores.fk_grade,
                          "smog": s.scores.smog, "inflesz": s.scores.inflesz, "words": s.scores.words}
                         for s in rep.sections],
            "checks": [{"group": g, "name": c.name, "passed": c.passed, "result": mark(c, error), "detail": c.detail,
                        "problems": [_problem(p) for p in c.problems]} for g, c, error in rep.checks],
            "hard_words": sorted(rep.hard_words),
            "errors": [_problem(p) for p in rep.errors],
            "warnings": [_problem(p) for p in rep.warnings],
        })
    return json.dumps(data, indent=2, ensure_ascii=False)
