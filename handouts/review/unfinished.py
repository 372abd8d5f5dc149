"""Values a person still has to write: the examples of the `init` starter left as they were, and
'TO DO' markers (an import writes them where the source lacks a value). Each is a warning at its
line, so `check --strict` fails on a leaflet nobody has finished."""

from __future__ import annotations

import re
from functools import lru_cache

from handouts import model as m
from handouts.errors import Problem
from handouts.paths import TEMPLATES
from handouts.review.checks import Check

STARTER = TEMPLATES / "init" / "content.yaml"
TO_DO = re.compile(r"^\s*to\s*-?\s*do\b", re.I)

# The fields of meta and clinic whose example value in the starter is a stand-in for the real one.
_FIELDS = {"meta": ("title", "subtitle", "audience", "reviewer", "authors", "sources", "online_url"),
           "clinic": ("name", "phone", "email", "website", "address")}


@lru_cache(maxsize=1)
def starter_values() -> dict[str, str]:
    """'meta.reviewer' -> its example text in the starter (a list's items as 'meta.authors[]',
    a source's as 'meta.sources[].title' and '.url'), read from the starter file itself."""
    from handouts.read.source import read_text
    from handouts.read.yamlnodes import Map, Scalar, Seq, parse

    text = read_text(STARTER).replace("{today}", "2000-01-01").replace("{next_year}", "2001-01-01")
    root = parse(text, str(STARTER))
    values: dict[str, str] = {}
    for group, fields in _FIELDS.items():
        node = root.entries.get(group, (None, None))[1]
        if not isinstance(node, Map):
            continue
        for field in fields:
            value = node.entries.get(field, (None, None))[1]
            if isinstance(value, Scalar):
                values[f"{group}.{field}"] = value.value
            elif isinstance(value, Seq):
                for item in value.items:
                    if isinstance(item, Scalar):
                        values[f"{group}.{field}[]"] = item.value
                    elif isinstance(item, Map):
                        for key, (_, sub) in item.entries.items():
                            if isinstance(sub, Scalar):
                                values[f"{group}.{field}[].{key}"] = sub.value
    return values


def _fields(article: m.Article):
    """(path, value, where) for every field the starter fills with an example."""
    meta, clinic = article.meta, article.clinic
    for name in ("title", "subtitle", "audience", "reviewer"):
        value = getattr(meta, name)
        if value is not None:
            yield f"meta.{name}", value.plain, value.loc
    for author in meta.authors:
        yield "meta.authors[]", author.plain, author.loc
    for source in meta.sources:
        yield "meta.sources[].title", source.title.plain, source.title.loc
        if source.url:
            yield "meta.sources[].url", str(source.url), getattr(source.url, "loc", source.loc)
    if meta.online_url:
        yield "meta.online_url", str(meta.online_url), getattr(meta.online_url, "loc", meta.loc)
    yield "clinic.name", clinic.name.plain, clinic.name.loc
    for name in ("phone", "email", "website"):
        value = getattr(clinic, name)
        if value:
            yield f"clinic.{name}", str(value), getattr(value, "loc", clinic.loc)
    if clinic.address is not None:
        yield "clinic.address", clinic.address.plain, clinic.address.loc


def unfinished(article: m.Article) -> Check:
    examples = starter_values()
    problems = []
    for path, value, loc in _fields(article):
        shown = path.replace("[]", "")
        if TO_DO.match(value):
            problems.append(Problem(loc, f"this still says '{value}'", shown, "write the real value in its place"))
        elif examples.get(path) == value:
            problems.append(Problem(loc, f"this is the example from the starter: '{value}'", shown,
                                    "write your own in its place"))
    for text in _texts(article):  # a TO DO left anywhere in the body
        if TO_DO.match(text.plain):
            problems.append(Problem(text.loc, f"this still says '{text.plain[:60]}'", "",
                                    "write the real text in its place"))
    return Check("No example or 'TO DO' values left", not problems,
                 "every value is the leaflet's own" if not problems else f"{len(problems)} value(s) to write",
                 problems)


def _texts(article: m.Article):
    from handouts.model.walk import article_texts

    own = {id(t) for t in (article.meta.title, article.meta.subtitle, article.meta.audience, article.meta.reviewer,
                           article.clinic.name, article.clinic.address, *article.meta.authors,
                           *(s.title for s in article.meta.sources)) if t is not None}
    for text in article_texts(article):
        if id(text) not in own:
            yield text
