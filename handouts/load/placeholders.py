"""Placeholders such as `{{ clinic.phone }}`, filled in a Jinja2 sandbox.

Content text is data. A placeholder may only name a field under `clinic` or `meta`; anything else
(filters, calls, arithmetic, attribute tricks) is refused before Jinja sees it, and rendering
itself runs in an ImmutableSandboxedEnvironment with StrictUndefined as a second fence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from handouts.errors import Problems
from handouts.load.spec import Str

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
_NAME = re.compile(r"\s*(clinic|meta)\.([a-z_]+)\s*")
ALLOWED_ROOTS = ("clinic", "meta")


@lru_cache(maxsize=1)
def environment():
    """The sandbox, built on first use: a file with no placeholders never loads Jinja2."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                         keep_trailing_newline=False)


def _names(context: dict) -> list[str]:
    return [f"{root}.{key}" for root in ALLOWED_ROOTS for key in context.get(root, {})]


def fill(text: Str, context: dict, problems: Problems, path: str = "") -> Str | None:
    """Return the text with placeholders filled, or None after recording the problems."""
    if "{" not in text and "}" not in text:
        return text
    ok = True
    if "{%" in text or "{#" in text:
        at = text.find("{%") if "{%" in text else text.find("{#")
        problems.add(text.loc_at(at), "only {{ clinic.… }} or {{ meta.… }} placeholders are allowed in text", path,
                     "remove the '{%' or '{#'; content cannot hold template logic")
        return None
    for m in _PLACEHOLDER.finditer(text):
        inner = m.group(1)
        name = _NAME.fullmatch(inner)
        if not name:
            problems.add(text.loc_at(m.start()), f"'{{{{{inner}}}}}' is not a placeholder this tool can fill", path,
                         "a placeholder names one field, like {{ clinic.phone }} or {{ meta.title }}")
            ok = False
            continue
        root, key = name.groups()
        if key not in context.get(root, {}):
            wanted = f"{root}.{key}"
            import difflib  # only on the error path
            close = difflib.get_close_matches(wanted, _names(context), n=1, cutoff=0.6)
            hint = f"did you mean {{{{ {close[0]} }}}}?" if close else "names you can use: " + ", ".join(_names(context))
            if not close and wanted in _all_fields():
                hint = f"add '{key}:' under '{root}:' first"
            problems.add(text.loc_at(m.start()), f"unknown placeholder {{{{ {wanted} }}}}", path, hint)
            ok = False
    leftover = _PLACEHOLDER.sub("", text)
    if ok and "{{" in leftover:
        problems.add(text.loc_at(text.rfind("{{")), "a placeholder is not closed: every '{{' needs a matching '}}'",
                     path, "write it as {{ clinic.phone }}")
        return None
    if ok and "}}" in leftover:
        problems.add(text.loc, "'}}' appears without an opening '{{'", path,
                     "remove it, or write a placeholder as {{ clinic.phone }}")
        return None
    if not ok:
        return None
    from jinja2 import TemplateError

    try:
        rendered = environment().from_string(text).render(**{k: context.get(k, {}) for k in ALLOWED_ROOTS})
    except TemplateError as exc:  # the checks above should make this unreachable
        problems.add(text.loc, f"placeholder could not be filled: {exc}", path)
        return None
    if "{{" in rendered:  # a value that names itself, directly or through others
        problems.add(text.loc, "a placeholder's value refers back to itself, so it can never be filled", path,
                     "make clinic and meta fields plain text, or point them at a field that has no placeholder")
        return None
    return text.with_value(" ".join(rendered.split()))


def fill_value(value: str, context: dict) -> str:
    """Fill one clinic or meta value for use as context. Its own problems, if any, are reported
    when the field itself is filled, so here a value that cannot be filled stays as written."""
    if "{{" not in value:
        return value
    names = [m.group(1) for m in _PLACEHOLDER.finditer(value)]
    if not all(_NAME.fullmatch(n) for n in names):
        return value
    from jinja2 import TemplateError

    try:
        return " ".join(environment().from_string(value).render(**context).split())
    except TemplateError:
        return value


def _all_fields() -> set[str]:
    from handouts.load.content_spec import CLINIC, META

    return {f"clinic.{k}" for k in CLINIC.fields} | {f"meta.{k}" for k in META.fields}


def render_template(path: Path, context: dict) -> str:
    """Render one of our own standard-text templates (templates/text/*.j2), still sandboxed."""
    source = path.read_text(encoding="utf-8")
    return environment().from_string(source).render(**{k: context.get(k, {}) for k in ALLOWED_ROOTS})
