"""Printing review reports: a table for people, JSON for tools."""

from __future__ import annotations

import json

from .review import GRADE_AIM, GRADE_LIMIT, Report


def render_text(reports: list[Report], strict: bool = False) -> str:
    lines: list[str] = []
    for rep in reports:
        lines.append(f"{rep.file}: {rep.title}")
        lines.append("")
        lines.append(f"  {'Section':<48} {'FK grade':>8} {'SMOG':>6} {'Words':>6}")
        for s in rep.sections:
            flag = "  over 8" if s.scores.fk_grade > GRADE_LIMIT else ""
            lines.append(f"  {s.title[:48]:<48} {s.scores.fk_grade:>8.1f} {s.scores.smog:>6.1f} {s.scores.words:>6}{flag}")
        o = rep.overall
        lines.append(f"  {'Whole leaflet':<48} {o.fk_grade:>8.1f} {o.smog:>6.1f} {o.words:>6}")
        lines.append("")
        lines.append(f"  Reading grade (Flesch-Kincaid): {o.fk_grade:.1f} overall "
                     f"(aim {GRADE_AIM:.0f}, at most {GRADE_LIMIT:.0f}); SMOG {o.smog:.1f}")
        for label, items in (("ERROR", rep.errors), ("WARNING", rep.warnings)):
            for p in items:
                lines.append(f"  {label:<7} {p}")
        lines.append("")
    n_err = sum(len(r.errors) for r in reports)
    n_warn = sum(len(r.warnings) for r in reports)
    verdict = "FAIL" if n_err or (strict and n_warn) else "PASS"
    lines.append(f"{verdict}: {len(reports)} file(s) checked, {n_err} error(s), {n_warn} warning(s)"
                 + (" (--strict: warnings count as errors)" if strict and n_warn else ""))
    return "\n".join(lines)


def _problem(p) -> dict:
    return {"file": p.loc.file, "line": p.loc.line, "column": p.loc.col, "field": p.path,
            "message": p.message, "hint": p.hint}


def render_json(reports: list[Report]) -> str:
    data = []
    for rep in reports:
        data.append({
            "file": rep.file,
            "title": rep.title,
            "overall": {"fk_grade": rep.overall.fk_grade, "smog": rep.overall.smog, "words": rep.overall.words,
                        "sentences": rep.overall.sentences},
            "sections": [{"title": s.title, "line": s.loc.line, "fk_grade": s.scores.fk_grade,
                          "smog": s.scores.smog, "words": s.scores.words} for s in rep.sections],
            "errors": [_problem(p) for p in rep.errors],
            "warnings": [_problem(p) for p in rep.warnings],
            "passed": rep.passed,
        })
    return json.dumps(data, indent=2, ensure_ascii=False)
