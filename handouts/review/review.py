"""The pre-print review behind `generate.py check`: reading level, health-literacy checks, review
dates, theme accessibility, fonts, and whether each output target fits. Errors stop a build;
warnings inform (and fail under --strict)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from handouts import model as m
from handouts.errors import ContentError, Problem
from handouts.model.walk import tables
from handouts.review import dates
from handouts.review.checks import Check

if TYPE_CHECKING:
    from handouts.review import readability as r
    from handouts.review.packs import Pack

GRADE_AIM = 6.0
GRADE_LIMIT = 8.0
REVIEW_WARN_DAYS = dates.REVIEW_WARN_DAYS


class SectionScore(NamedTuple):
    title: str
    loc: m.Loc
    scores: r.Scores


class Report:
    """What the review found for one content file. (A plain class: see model on start-up cost.)"""

    def __init__(self, file: str, title: str, article: m.Article | None = None):
        self.file, self.title, self.article = file, title, article
        self.overall: r.Scores | None = None
        self.sections: list[SectionScore] = []
        self.checks: list[tuple[str, Check, bool]] = []  # (group, check, whether its problems are errors)
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.hard_words: dict[str, m.Loc] = {}
        self.pack: Pack | None = None  # the language's reading checks (review.packs), when it has them

    def add(self, group: str, check: Check, error: bool = False) -> None:
        self.checks.append((group, check, error))
        (self.errors if error else self.warnings).extend(check.problems)


def review_state(article: m.Article, today: dt.date) -> str:
    """'expired', 'due' (within REVIEW_WARN_DAYS) or 'ok'."""
    return dates.state(article.meta.next_review, today)


def governance(article: m.Article, today: dt.date, allow_expired: bool) -> tuple[Check, list[Problem]]:
    """Review dates and the leaflet essentials. Returns the check (warnings) and the errors."""
    meta, loc = article.meta, article.meta.loc
    next_loc = getattr(meta.next_review, "loc", loc)  # dates from content.yaml know their line
    last_loc = getattr(meta.last_reviewed, "loc", loc)
    errors, warnings = dates.expiry(meta.next_review, next_loc, today, allow_expired)
    if meta.last_reviewed > today:
        errors.append(Problem(last_loc, f"last_reviewed {meta.last_reviewed.isoformat()} is in the future",
                              "meta.last_reviewed", "use the date the review actually happened"))
    if meta.next_review <= meta.last_reviewed:
        errors.append(Problem(next_loc, "next_review must come after last_reviewed", "meta.next_review",
                              "check both dates; most leaflets are reviewed again within two or three years"))
    for name, missing in (("reviewer", not meta.reviewer), ("sources", not meta.sources)):
        if missing:
            warnings.append(Problem(loc, f"no {name} given", f"meta.{name}", f"add '{name}:' under meta"))
    disclaimer = "the standard disclaimer" if meta.disclaimer_is_standard else "a disclaimer"
    detail = (f"next review {meta.next_review.isoformat()}, reviewer, sources and {disclaimer} given"
              if not warnings else f"{len(warnings)} item(s) to fix")
    return Check("Review dates and leaflet essentials", not warnings and not errors, detail, warnings), errors


def _standard_texts(article: m.Article) -> Check:
    """`standard: emergency` with no emergency_signs prints only general advice."""
    used = [b for _, s in article.all_sections() for b in s.blocks
            if isinstance(b, m.Callout) and b.standard == "emergency"]
    problems = [Problem(b.loc, "the emergency text lists no warning signs for this topic", "",
                        "add 'emergency_signs:' with the signs that need emergency care") for b in used if not b.items]
    detail = ("the leaflet uses no standard emergency text" if not used else
              "the emergency text lists the leaflet's own signs" if not problems else f"{len(problems)} to complete")
    return Check("Emergency advice names its signs", not problems, detail, problems)


def _fonts(article: m.Article, theme) -> Check:
    from handouts.render.registry import TARGETS
    from handouts.theme.fonts import coverage_problems

    families = sorted({theme.fonts.of(t.font_role) for t in TARGETS.values()})
    glyphs = coverage_problems(article, families)
    return Check("Fonts have every character", not glyphs,
                 f"{' and '.join(dict.fromkeys(f for s in families for f in s.split(', ')))} cover all the text"
                 if not glyphs
                 else f"{len(glyphs)} character(s) missing", glyphs)


LEAFLET_PAGES = 5  # a leaflet longer than this is a booklet nobody reads through


def _targets(article: m.Article, theme, labels, minutes: int | None = None) -> tuple[list[Check], list[Check]]:
    """Plan each output target that `check` looks at, so what will not fit shows up before printing
    day: (checks whose problems stop a build, advice). A layout that `all` does not build (the
    booklet, the tri-fold) is advice: `pdf --layout` for it still stops at the same problems."""
    from handouts.render.registry import ALL, TARGETS, Job, Options

    checks: list[Check] = []
    advice: list[Check] = []
    usual = {name for name, _ in ALL}  # what `all` builds; a layout asked for by name is advice here
    narrow: list[Problem] = []  # table columns too narrow, on a page or a slide
    leave_out: list[str] = []  # the layouts that leave tables out
    for target in TARGETS.values():
        if not target.checked:
            continue
        code = target.code()
        found, fits = [], []
        for options in target.checked:
            # check --minutes N: the talk of N minutes, and what it leaves for questions afterwards
            chosen = Options(**options)
            job = Job(article, target, chosen._replace(minutes=minutes) if "minutes" in target.reads else chosen)
            try:
                fits.append(code.describe(code.plan(job, theme, labels), job, theme, labels))
            except ContentError as exc:
                found += [p for p in exc.problems if p not in found]
        narrow += [p for f in fits for p in f.warnings if p not in narrow]
        leave_out += [target.name] if any(f.left_out for f in fits) else []
        (checks if target.name in usual else advice).append(
            Check(f"{target.name.capitalize()} fits", not found,
                  "; ".join(f.detail for f in fits) if not found else f"{len(found)} problem(s)", found))
        if target.every_paper and not found:
            advice.append(_on_every_paper(article, target, theme, labels))
        if target.name == "leaflet" and fits and fits[0].pages > LEAFLET_PAGES:
            long = [Problem(article.loc, f"the leaflet is {fits[0].pages} pages long; aim for at most {LEAFLET_PAGES}",
                            "", "shorten the sections, or hand out the card or the tri-fold with it")]
            advice.append(Check(f"Leaflet of at most {LEAFLET_PAGES} pages", False, f"{fits[0].pages} pages", long))
    if count := len(tables(article)):
        left = f"; the {' and the '.join(leave_out)} leave {'it' if count == 1 else 'them'} out" if leave_out else ""
        advice.append(Check("Tables fit their columns and slides", not narrow,
                            (f"{count} table(s) fit" if not narrow else f"too wide in {len(narrow)} place(s)") + left,
                            narrow))
    return checks, advice


def _on_every_paper(article: m.Article, target, theme, labels) -> Check:
    """Whether a layout fits each paper it is made for, so a clinic knows before printing the card on
    A5 (it holds every get-help item word for word, which a small page may not have room for)."""
    from handouts.render.registry import Job, Options, paper_name

    code, said = target.code(), []
    for paper in target.papers:
        job = Job(article, target, Options(paper=paper))
        try:
            said.append(code.describe(code.plan(job, theme, labels), job, theme, labels).detail)
        except ContentError:
            said.append(f"it does not fit one {paper_name(paper)} page (pdf --layout {target.name} --paper {paper} "
                        "says what to shorten)")
    return Check(f"{target.name.capitalize()} on each paper", True, "; ".join(said))


def review(article: m.Article, theme=None, labels=None, profile: str | None = None, allow_expired: bool = False,
           today: dt.date | None = None, errors_only: bool = False, minutes: int | None = None) -> Report:
    """Run the checks. errors_only skips the advisory ones, for the build commands, which also
    leave the fonts and the fit to the build itself."""
    from handouts.theme.labels import labels_for
    from handouts.theme.profiles import PROFILES

    today = today or dt.date.today()
    labels = labels or labels_for(article.meta.language)
    report = Report(file=article.loc.file, title=article.meta.title.plain, article=article)
    check, errors = governance(article, today, allow_expired)
    report.errors += errors
    report.add("Governance", check)
    if not errors_only:
        from handouts.review.unfinished import unfinished

        report.add("Governance", unfinished(article))
        report.add("Governance", _standard_texts(article))
    if theme is not None:
        from handouts.review.contrast import theme_checks

        for c in theme_checks(theme, labels, [profile] if profile else list(PROFILES)):
            report.add("Theme", c, error=True)
    if errors_only:
        return report
    from handouts.review import literacy
    from handouts.review import readability as r
    from handouts.review.described import links_in_words

    if theme is not None:
        from handouts.theme.fonts import fonts_for

        fitted = fonts_for(theme, article)  # the fonts this text's scripts need
        report.add("Theme", _fonts(article, fitted), error=True)
        fit, advice = _targets(article, fitted, labels, minutes)
        for c in fit:
            report.add("Outputs", c, error=True)
        for c in advice:
            report.add("Outputs", c)

    from handouts.review.packs import language_name, pack_for

    language = article.meta.language
    lang_loc = getattr(language, "loc", article.meta.loc)
    name = language_name(language)
    if labels.fallback:
        report.add("Language", Check(f"Printed words in {name}", False, f"no labels for {name}: English is printed",
                                     [Problem(lang_loc, f"there are no labels for '{language}' ({name}): the printed "
                                              "words (headings, page numbers, dates) will be in English",
                                              "meta.language", f"copy templates/labels/en.yaml to templates/labels/"
                                              f"{language.split('-')[0].lower()}.yaml and translate it")]))
    else:
        report.add("Language", Check(f"Printed words in {name}", True, f"labels from {labels.file}"))
    if article.meta.translation_of is not None:
        from handouts.review.translation import translation_check

        report.add("Language", translation_check(article))
    pack = pack_for(language)
    if pack is None:
        report.add("Readability", Check("Reading level", True,
                                        f"not measured for {name} (no templates/reading/"
                                        f"{language.split('-')[0].lower()}.yaml)", skipped=True))
        for c in literacy.checks(article, None):
            report.add("Health literacy", c)
        report.add("Health literacy", links_in_words(article))
        return report
    report.pack = pack
    report.overall = r.article_scores(article, pack.hyphenation)
    report.sections = [SectionScore(s.title.plain, s.loc, r.section_scores(s, pack.hyphenation))
                       for s in article.sections]
    bound = "at least" if pack.higher_is_easier else "at most"
    steep = [Problem(s.loc, f"reads at {'grade ' if not pack.higher_is_easier else 'INFLESZ '}"
                     f"{pack.value(s.scores):.1f}; aim for {pack.aim:g}, {bound} {pack.limit:g}",
                     f"section '{s.title}'", "use shorter sentences and everyday words")
             for s in report.sections if pack.too_hard(pack.value(s.scores))]
    value = pack.value(report.overall)
    report.add("Readability", Check("Reading grade" if not pack.higher_is_easier else "Reading ease",
                                    not steep and not pack.too_hard(value),
                                    f"{pack.label} {value:.1f} overall; every section {bound} {pack.limit:g}"
                                    if not steep else f"{len(steep)} section(s) past {pack.limit:g}", steep))
    long = literacy.long_sentences(article)
    report.add("Readability", Check(f"Sentences of {literacy.LONG_SENTENCE} words or fewer", not long,
                                    "all short" if not long else f"{len(long)} long sentence(s)", long))
    if not pack.jargon:
        report.add("Readability", Check("Medical words explained", True, f"no jargon list for {name} yet",
                                        skipped=True))
        for c in literacy.checks(article, pack):
            report.add("Health literacy", c)
        report.add("Health literacy", links_in_words(article))
        return report
    jargon = literacy.unexplained_jargon(article)
    report.add("Readability", Check("Medical words explained", not jargon,
                                    "every listed term is explained where first used" if not jargon
                                    else f"{len(jargon)} term(s) to explain", jargon))
    report.hard_words = literacy.hard_words(article)
    for c in literacy.checks(article, pack):
        report.add("Health literacy", c)
    report.add("Health literacy", links_in_words(article))
    return report
