"""Checking a translation against its source: is it out of date, does its structure match (every
section, block and list item in the same place), and does it keep every placeholder? Each problem
is located in the translation and names the place in the source."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from handouts import model as m
from handouts.errors import ContentError, Problem
from handouts.review.checks import Check

_PLACEHOLDER = re.compile(r"\{\{\s*((?:clinic|meta)\.\w+)\s*\}\}")


def _at(loc: m.Loc) -> str:
    return f"{loc.file}:{loc.line}:{loc.col}"


def _count(block) -> int | None:
    items = getattr(block, "items", None)
    return len(items) if items is not None else None


def _kind(block) -> str:
    return type(block).__name__.lower()  # the block's key in the content file: bullets, faq, callout...


def _blocks(source: m.Section, ours: m.Section, path: str) -> list[Problem]:
    problems = []
    for i in range(max(len(source.blocks), len(ours.blocks))):
        where = f"{path}.blocks[{i + 1}]"
        if i >= len(ours.blocks):
            theirs = source.blocks[i]
            problems.append(Problem(ours.loc, f"a {_kind(theirs)} block is missing here: the source has it at "
                                              f"{_at(theirs.loc)}", where, "translate it, in the same place"))
            continue
        if i >= len(source.blocks):
            problems.append(Problem(ours.blocks[i].loc, f"an extra {_kind(ours.blocks[i])} block: the source's section "
                                                        f"at {_at(source.loc)} has {len(source.blocks)} block(s)",
                                    where, "keep the source's blocks, no more"))
            continue
        theirs, mine = source.blocks[i], ours.blocks[i]
        if type(theirs) is not type(mine):
            problems.append(Problem(mine.loc, f"a {_kind(mine)} block where the source has a {_kind(theirs)} block "
                                              f"({_at(theirs.loc)})", where, "keep the blocks in the source's order"))
        elif _count(theirs) != _count(mine):
            problems.append(Problem(mine.loc, f"{_count(mine)} item(s) where the source has {_count(theirs)} "
                                              f"({_at(theirs.loc)})", where, "translate each item as its own item"))
    return problems


def _sections(source: tuple, ours: tuple, path: str, parent: m.Loc) -> list[Problem]:
    problems = []
    for i in range(max(len(source), len(ours))):
        where = f"{path}[{i + 1}]"
        if i >= len(ours):
            problems.append(Problem(parent, f"the section '{source[i].title.plain}' is missing: the source has it at "
                                            f"{_at(source[i].loc)}", where, "translate it, in the same place"))
            continue
        if i >= len(source):
            problems.append(Problem(ours[i].loc, f"an extra section '{ours[i].title.plain}': the source has "
                                                 f"{len(source)} here", where, "keep the source's sections, no more"))
            continue
        problems += _blocks(source[i], ours[i], where)
        problems += _sections(source[i].sections, ours[i].sections, f"{where}.sections", ours[i].loc)
    return problems


def _placeholders(path: Path, text: str) -> dict[str, tuple[int, m.Loc]]:
    found: dict[str, tuple[int, m.Loc]] = {}
    counts = Counter(match.group(1) for match in _PLACEHOLDER.finditer(text))
    for match in _PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name not in found:
            line = text.count("\n", 0, match.start()) + 1
            col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            found[name] = (counts[name], m.Loc(str(path), line, col))
    return found


def translation_check(article: m.Article) -> Check:
    """The translation's warnings: out of date, structure, placeholders."""
    from handouts.load import load
    from handouts.read.source import display_name, read_text

    meta = article.meta
    tr = meta.translation_of
    if tr is None:  # review asks only of a translation
        raise ValueError("the article has no meta.translation_of")
    folder = Path(article.loc.file).parent
    source_path = folder / tr.file
    real = source_path.resolve()
    refused = None
    if real == Path(article.loc.file).resolve():
        refused = ("a leaflet cannot be its own translation source", "name the content file this was translated from")
    elif not (real.is_relative_to(folder.resolve()) or real.is_relative_to(folder.resolve().parent)):
        refused = (f"the source '{tr.file}' is outside this leaflet's folder and the folder above it",
                   "keep a translation beside its source, or in a folder next to it")
    if refused:
        return Check("Translation in step with its source", False, "its source cannot be used",
                     [Problem(tr.loc, refused[0], "meta.translation_of.file", refused[1])])
    try:
        source = load(source_path)
    except ContentError as exc:  # named, never quoted: the file may not be a leaflet at all
        count = len(exc.problems)
        return Check("Translation in step with its source", False, "its source cannot be read",
                     [Problem(tr.loc, f"the source {display_name(source_path)} cannot be read as a leaflet "
                                      f"({count} {'problem' if count == 1 else 'problems'})",
                              "meta.translation_of.file", "run check on the source on its own, or name the content "
                                                          "file this was translated from")])
    problems = []
    if source.meta.version != tr.version:
        version_loc = getattr(source.meta.version, "loc", source.meta.loc)
        problems.append(Problem(getattr(tr.version, "loc", tr.loc),
                                f"out of date: translated from version {tr.version}, but the source is now version "
                                f"{source.meta.version} ({_at(version_loc)})", "meta.translation_of.version",
                                "bring the translation up to date, then set translation_of.version to "
                                f"{source.meta.version}"))
    problems += _sections(source.sections, article.sections, "sections", article.loc)
    if len(source.key_messages) != len(article.key_messages):
        problems.append(Problem(article.loc, f"{len(article.key_messages)} key message(s) where the source has "
                                             f"{len(source.key_messages)} ({_at(source.loc)})", "key_messages",
                                "translate each key message"))
    ours = _placeholders(Path(article.loc.file), read_text(Path(article.loc.file)))
    for name, (count, loc) in _placeholders(source_path, read_text(source_path)).items():
        have = ours.get(name, (0, None))[0]
        if have < count:
            problems.append(Problem(article.loc if have == 0 else ours[name][1],
                                    f"{{{{ {name} }}}} appears {have} time(s) here and {count} time(s) in the source "
                                    f"(first at {_at(loc)})", "", "keep every placeholder of the source"))
    state = "in step" if not problems else f"{len(problems)} difference(s)"
    return Check("Translation in step with its source", not problems,
                 f"{state} with {display_name(source_path)} version {source.meta.version}", problems)
