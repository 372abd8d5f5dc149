"""Health-literacy checks a program can test (from AHRQ PEMAT-P and the CDC Clear Communication
Index): main message first, a "get help" callout, "you" wording, actions as lists, headings often
enough, no all-caps body text, alt text; plus long sentences, hard words and unexplained jargon."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from handouts import model as m
from handouts.errors import Problem
from handouts.model.walk import block_texts
from handouts.paths import TEMPLATES
from handouts.read.spec import MapOf, Text, read_checked
from handouts.review import readability as r
from handouts.review.checks import Check
from handouts.review.described import FILE_NAME

LONG_SENTENCE = 20
WORDS_PER_HEADING = 250
YOU_PER_100_WORDS = 2.0


JARGON_SPEC = MapOf(Text(max_len=200, placeholders=False), key_pattern=r"[a-z][a-z0-9 '\-]*")


@lru_cache(maxsize=4)
def jargon(path: Path = TEMPLATES / "jargon.yaml") -> dict[str, str]:
    """The jargon list, read by the same strict loader as content (so its mistakes are located too)."""
    return {k: str(v) for k, v in read_checked(JARGON_SPEC, path).items() if v}


@lru_cache(maxsize=4)
def plain_words(path: Path = TEMPLATES / "plain-words.txt") -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


def located_texts(article: m.Article):
    """(section title, text) for every reader-facing text, in reading order."""
    for t in article.key_messages:
        yield "key messages", t
    for _, section in article.all_sections():
        if section.summary:
            yield section.title.plain, section.summary
        for block in section.blocks:
            for t in block_texts(block):
                yield section.title.plain, t


def _where(text: m.Text) -> str:
    return f"{text.loc.file}:{text.loc.line}"


def long_sentences(article: m.Article) -> list[Problem]:
    out = []
    for _, text in located_texts(article):
        for sentence in r.sentences(text.plain):
            n = len(r.words(sentence))
            if n > LONG_SENTENCE:
                out.append(Problem(text.loc, f"sentence of {n} words: \"{sentence}\"", "",
                                   f"split it; aim for {LONG_SENTENCE} words or fewer"))
    return out


def hard_words(article: m.Article) -> dict[str, m.Loc]:
    allowed = plain_words()
    found: dict[str, m.Loc] = {}
    for _, text in located_texts(article):
        for word in r.words(text.plain):
            low = word.lower()
            if low in allowed or low in found or low.rstrip("s") in allowed or word.isupper():
                continue
            if r.syllables(low) >= 3:
                found[low] = text.loc
    return found


def _defines(sentence: str, term: str) -> bool:
    t = re.escape(term)
    patterns = (rf"\b{t}\b\s*(,|\(|:|\u2014| - | is | are | means | refers to )",
                rf"\bcalled (an? |the )?{t}\b", rf"\bknown as (an? |the )?{t}\b", rf"\({t}\)")
    return any(re.search(p, sentence, re.I) for p in patterns)


def unexplained_jargon(article: m.Article) -> list[Problem]:
    """A listed term must be explained where it is first used: in the same paragraph or the text
    right after it, or by a labelled-list entry whose term contains it."""
    glossary = jargon()
    defined_terms = [item.term.plain.lower() for _, s in article.all_sections() for b in s.blocks
                     if isinstance(b, m.Terms) for item in b.items]
    texts = [t for _, t in located_texts(article)]
    out, seen = [], set()
    for i, text in enumerate(texts):
        for term, plainer in glossary.items():
            if term in seen or not re.search(rf"\b{re.escape(term)}\b", text.plain, re.I):
                continue
            seen.add(term)
            nearby = text.plain + " " + (texts[i + 1].plain if i + 1 < len(texts) else "")
            if any(term in d for d in defined_terms) or _defines(nearby, term):
                continue
            out.append(Problem(text.loc, f"'{term}' is not explained where it is first used", "",
                               f"say \"{plainer}\", or explain it in the same sentence"))
    return out


def checks(article: m.Article, pack=None) -> list[Check]:
    """The checks a program can make; those that read words need the language's pack (None: not
    measured for this language)."""
    out = []
    n = len(article.key_messages)
    out.append(Check("Main message first", n > 0, f"{n} key message(s) open the handout and the deck"))

    help_boxes = [b for _, s in article.all_sections() for b in s.blocks
                  if isinstance(b, m.Callout) and b.kind == "get_help"]
    out.append(Check("Says when to get help", bool(help_boxes),
                     f"{len(help_boxes)} 'get help' callout(s)" if help_boxes else "no 'get help' callout",
                     [] if help_boxes else [Problem(article.sections[0].loc, "there is no 'get help' callout",
                                                    "sections", "add a callout with kind: get_help listing the "
                                                    "warning signs, or '- standard: emergency'")]))

    if pack is None:
        out.append(Check("Speaks to the reader", True, "not measured for this language", skipped=True))
        return out + _layout_checks(article)
    all_words = [w.lower() for _, t in located_texts(article) for w in r.words(t.plain)]
    reader = set(pack.reader_words)
    you = sum(1 for w in all_words if w in reader)
    if pack.imperatives:
        you += sum(1 for _, t in located_texts(article) for s in r.sentences(t.plain)
                   if r.words(s) and r.words(s)[0].lower() in pack.action_verbs)
    rate = 100 * you / max(1, len(all_words))
    shown = "/".join(pack.reader_words[:2]) + (" and commands" if pack.imperatives else "")
    out.append(Check("Speaks to the reader as \"you\"", rate >= YOU_PER_100_WORDS,
                     f"{rate:.1f} uses of {shown} per 100 words",
                     [] if rate >= YOU_PER_100_WORDS else
                     [Problem(article.loc, f"only {rate:.1f} uses of '{pack.reader_words[0]}' per 100 words", "",
                              "write to the reader directly (" + ", ".join(pack.reader_words[:3]) + ")")]))

    buried = []
    for _, s in article.all_sections():
        for b in s.blocks:
            if isinstance(b, m.Paragraph):
                actions = [x for x in r.sentences(b.text.plain)
                           if r.words(x) and r.words(x)[0].lower() in pack.action_verbs]
                if len(actions) >= 2:
                    buried.append(Problem(b.loc, f"{len(actions)} instructions in one paragraph", "",
                                          "turn them into bullets or numbered steps"))
    out.append(Check("Actions are lists or steps", not buried,
                     "no paragraph holds several instructions" if not buried else f"{len(buried)} paragraph(s)",
                     buried))

    return out + _layout_checks(article)


def _layout_checks(article: m.Article) -> list[Check]:
    """Checks that count words and sentences but read none: they hold in any language."""
    out = []
    crowded = []
    for _, s in article.all_sections():
        count = r.score([t.plain for b in s.blocks for t in block_texts(b)]).words
        if count > WORDS_PER_HEADING + 50:
            crowded.append(Problem(s.loc, f"{count} words under one heading", f"section '{s.title.plain}'",
                                   f"add a sub-heading about every {WORDS_PER_HEADING} words"))
    out.append(Check("A heading at least every 250 words", not crowded,
                     "sections are short" if not crowded else f"{len(crowded)} long section(s)", crowded))

    shouting = []
    for _, t in located_texts(article):
        if re.search(r"\b[A-Z]{2,}(?:\W+[A-Z]{2,}){2,}\b", t.plain):
            shouting.append(Problem(t.loc, "text in capital letters is hard to read", "",
                                    "use normal capitals; use **bold** for emphasis"))
    out.append(Check("No all-caps body text", not shouting,
                     "none found" if not shouting else f"{len(shouting)} place(s)", shouting))

    wordy = [Problem(s.summary.loc, f"the summary has {n} sentences; the tri-fold has room for one to three", "",
                     "keep the summary to three short sentences")
             for _, s in article.all_sections() if s.summary and (n := len(r.sentences(s.summary.plain))) > 3]
    out.append(Check("Section summaries are short", not wordy,
                     "every summary has one to three sentences" if not wordy else f"{len(wordy)} summary(s) too long",
                     wordy))

    images = [b for _, s in article.all_sections() for b in s.blocks if isinstance(b, m.Image)]
    weak = [Problem(b.alt.loc, f"alt text '{b.alt.plain}' does not say what the picture shows", "",
                    "describe the picture in a short sentence")
            for b in images if len(r.words(b.alt.plain)) < 3 or FILE_NAME.match(b.alt.plain.strip())
            or b.alt.plain.strip().lower() in (b.picture.path.name.lower(), b.picture.path.stem.lower())]
    out.append(Check("Alt text on every image", not weak,
                     f"{len(images)} image(s), all described" if not weak else f"{len(weak)} weak alt text(s)", weak))
    return out
