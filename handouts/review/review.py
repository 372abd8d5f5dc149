"""The pre-print review behind `generate.py check`: reading level, health-literacy checks, review
dates and theme accessibility. Errors stop a build; warnings inform (and fail under --strict)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from handouts import model as m
from handouts.errors import Problem
from handouts.review.checks import Check

GRADE_AIM = 6.0
GRADE_LIMIT = 8.0
REVIEW_WARN_DAYS = 60


class SectionScore(NamedTuple):
    title: str
    loc: m.Loc
    scores: "r.Scores"


class Report:
    """What the review found for one content file. (A plain class: see model.py on start-up cost.)"""

    def __init__(self, file: str, title: str, overall: "r.Scores | None" = None,
                 sections: list[SectionScore] | None = None):
        self.file, self.title, self.overall = file, title, overall
        self.sections = sections or []
        self.checks: list[tuple[str, Check]] = []  # (group, check)
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.hard_words: dict[str, m.Loc] = {}

    def add(self, group: str, check: Check, error: bool = False) -> None:
        self.checks.append((group, check))
        (self.errors if error else self.warnings).extend(check.problems)


def governance(article: m.Article, today: dt.date, allow_expired: bool) -> tuple[Check, list[Problem]]:
    """Review dates and the leaflet essentials. Returns the check (warnings) and the errors."""
    meta, loc = article.meta, article.meta.loc
    next_loc = getattr(meta.next_review, "loc", loc)  # dates from content.yaml know their line
    last_loc = getattr(meta.last_reviewed, "loc", loc)
    errors, warnings = [], []
    if meta.next_review < today:
        msg = f"this leaflet was due for review on {meta.next_review.isoformat()} and has expired"
        if allow_expired:
            warnings.append(Problem(next_loc, msg + " (building anyway: --allow-expired)", "meta.next_review"))
        else:
            errors.append(Problem(next_loc, msg, "meta.next_review", "have a clinician review it, then update "
                                  "last_reviewed and next_review; or build anyway with --allow-expired"))
    elif (meta.next_review - today).days <= REVIEW_WARN_DAYS:
        days = (meta.next_review - today).days
        warnings.append(Problem(next_loc, f"review is due in {days} days ({meta.next_review.isoformat()})",
                                "meta.next_review", "book the clinical review now"))
    if meta.last_reviewed > today:
        errors.append(Problem(last_loc, f"last_reviewed {meta.last_reviewed.isoformat()} is in the future",
                              "meta.last_reviewed", "use the date the review actually happened"))
    if meta.next_review <= meta.last_reviewed:
        errors.append(Problem(next_loc, "next_review must come after last_reviewed", "meta.next_review"))
    for name, missing in (("reviewer", not meta.reviewer), ("sources", not meta.sources),
                          ("disclaimer", meta.disclaimer_from_template)):
        if missing:
            extra = "; the standard one from templates/text/disclaimer.j2 is printed" if name == "disclaimer" else ""
            warnings.append(Problem(loc, f"no {name} given{extra}", f"meta.{name}", f"add '{name}:' under meta"))
    detail = (f"next review {meta.next_review.isoformat()}, reviewer, sources and disclaimer given"
              if not warnings else f"{len(warnings)} item(s) to fix")
    return Check("Review dates and leaflet essentials", not warnings and not errors, detail, warnings), errors


def _deck_check(article: m.Article, theme) -> Check:
    """Plan the built-in deck (pure: no python-pptx), so a title too long for a slide shows up
    before printing day, not only when the deck is built."""
    from handouts.render.deck.plan import plan_deck
    from handouts.errors import ContentError

    found, counts = [], []
    for aspect in ("16:9", "4:3"):
        try:
            counts.append(f"{len(plan_deck(article, theme, aspect))} at {aspect}")
        except ContentError as exc:
            found += [p for p in exc.problems if p not in found]
    return Check("Slides fit (16:9 and 4:3)", not found,
                 f"slides: {' and '.join(counts)}, nothing overflows" if not found else f"{len(found)} problem(s)",
                 found)


def review(article: m.Article, theme=None, profile: str | None = None, allow_expired: bool = False,
           today: dt.date | None = None, errors_only: bool = False, font_check: bool = True) -> Report:
    """Run the checks. errors_only skips the advisory ones, for the build commands; font_check=False
    leaves the glyph check to a renderer that has its font parsed already."""
    today = today or dt.date.today()
    report = Report(file=article.loc.file, title=article.meta.title.plain, overall=None, sections=[])
    check, errors = governance(article, today, allow_expired)
    report.errors += errors
    report.add("Governance", check)
    if theme is not None:
        from handouts.review.contrast import theme_checks
        from handouts.theme.fonts import coverage_problems

        for i, one in enumerate([profile] if profile else ["standard", "large-print"]):
            for c in theme_checks(theme, one, common=i == 0):
                report.add("Theme", c, error=True)
    if theme is not None and font_check:
        glyphs = coverage_problems(article, theme.fonts["handout"])
        report.add("Theme", Check("Font has every character", not glyphs,
                                  f"{theme.fonts['handout']} covers all the text" if not glyphs
                                  else f"{len(glyphs)} character(s) missing", glyphs), error=True)
    if errors_only:
        return report
    from handouts.review import literacy
    from handouts.review import readability as r

    if theme is not None:
        report.add("Theme", _deck_check(article, theme), error=True)

    report.overall = r.article_scores(article)
    report.sections = [SectionScore(s.title.plain, s.loc, r.section_scores(s)) for s in article.sections]
    steep = [Problem(s.loc, f"reads at grade {s.scores.fk_grade:.1f}; aim for {GRADE_AIM:.0f}, at most "
                     f"{GRADE_LIMIT:.0f}", f"section '{s.title}'", "use shorter sentences and everyday words")
             for s in report.sections if s.scores.fk_grade > GRADE_LIMIT]
    grade = report.overall.fk_grade
    report.add("Readability", Check("Reading grade", not steep and grade <= GRADE_LIMIT,
                                    f"Flesch-Kincaid {grade:.1f} overall; every section at most {GRADE_LIMIT:.0f}"
                                    if not steep else f"{len(steep)} section(s) over grade {GRADE_LIMIT:.0f}", steep))
    long = literacy.long_sentences(article)
    report.add("Readability", Check(f"Sentences under {literacy.LONG_SENTENCE + 1} words", not long,
                                    "all short" if not long else f"{len(long)} long sentence(s)", long))
    jargon = literacy.unexplained_jargon(article)
    report.add("Readability", Check("Medical words explained", not jargon,
                                    "every listed term is explained where first used" if not jargon
                                    else f"{len(jargon)} term(s) to explain", jargon))
    report.hard_words = literacy.hard_words(article)
    for c in literacy.checks(article):
        report.add("Health literacy", c)
    return report
