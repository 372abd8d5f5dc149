"""content.yaml -> Article: read safely, parse strictly, check the shape, fill placeholders, build.

Every stage adds to one list of problems; the first stage that cannot go on raises them all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from handouts.load import content_spec as spec_
from handouts.load import images
from handouts import model as m
from handouts.errors import Problems
from handouts.paths import TEXT_TEMPLATES
from handouts.load.placeholders import fill, fill_value, render_template
from handouts.load.source import display_name, read_text
from handouts.load.spec import Str, map_strings
from handouts.load.yamlnodes import parse


def _wrap_block(kind: str, built):
    if kind == "paragraph":
        return m.Paragraph(built.loc, built)
    if kind == "bullets":
        return m.Bullets(built[0].loc, built)
    if kind == "terms":
        return m.Terms(built[0].loc, built)
    if kind == "faq":
        return m.FAQ(built[0].loc, built)
    if kind == "image":
        return m.Image(**built)
    return built  # steps and callouts build themselves


spec_.BLOCK.wrap = _wrap_block


def _as_text(value) -> str | None:
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)  # authors
    return None


def _context(checked: dict) -> dict:
    """The names placeholders may use: every text, date and author list under clinic and meta.
    A value that itself holds a placeholder (a disclaimer naming the clinic) is filled first."""
    context = {root: {k: t for k, v in (checked.get(root) or {}).items() if (t := _as_text(v)) is not None}
               for root in ("clinic", "meta")}
    for _ in range(4):  # chains resolve a step per pass; what still holds {{ }} after that is a loop
        context = {root: {k: fill_value(v, context) for k, v in group.items()} for root, group in context.items()}
    return context


def _standard_callout(name: Str, context: dict) -> dict:
    """Expand a `standard:` block from templates/text/<name>.j2 into a callout."""
    lines = [ln.strip() for ln in render_template(TEXT_TEMPLATES / f"{name}.j2", context).splitlines()]
    lines = [ln for ln in lines if ln]
    kind, title, rest = lines[0], lines[1], lines[2:]

    def s(value: str) -> Str:
        return Str(value, name.loc, path=name.path)

    callout = {"_loc": name.loc, "kind": s(kind), "title": s(title)}
    items = [s(ln[2:]) for ln in rest if ln.startswith("- ")]
    prose = " ".join(ln for ln in rest if not ln.startswith("- "))
    if items:
        callout["items"] = items
    if prose:
        callout["text"] = s(prose)
    return callout


def _walk_blocks(checked: dict):
    for section in checked.get("sections") or []:
        for group in [section, *(section.get("sections") or [])]:
            if isinstance(group, dict):
                yield group


def _prepare_assets_and_standards(checked: dict, folder: Path, context: dict, problems: Problems) -> None:
    clinic = checked.get("clinic") or {}
    if isinstance(clinic.get("logo"), Str):
        clinic["logo"] = images.resolve(clinic["logo"], folder, problems)
    # The standard texts need the clinic's required fields; when those are missing, that is
    # already reported, and expanding would only add noise.
    can_expand = all(k in context["clinic"] for k in ("name", "phone", "emergency"))
    for group in _walk_blocks(checked):
        blocks = group.get("blocks") or []
        for i, (kind, value) in enumerate(blocks):
            if kind == "image" and isinstance(value.get("path"), Str):
                value["path"] = images.resolve(value["path"], folder, problems)
            elif kind == "standard" and can_expand:
                blocks[i] = ("callout", _standard_callout(value, context))


def _check_sections(checked: dict, problems: Problems) -> None:
    """A section with neither blocks nor sub-sections would print a bare heading."""
    for i, section in enumerate(checked.get("sections") or [], start=1):
        groups = [(f"sections[{i}]", section)] + [(f"sections[{i}].sections[{j}]", sub) for j, sub in
                                                  enumerate(section.get("sections") or [], start=1)]
        for path, group in groups:
            if not group.get("blocks") and not group.get("sections") \
                    and not group.get("_unknown") and not group.get("_invalid"):
                problems.add(group["_loc"], "this section has no content", path,
                             "add 'blocks:' with at least one paragraph or list, or remove the section")


def load(path: Path | str) -> m.Article:
    """Load and validate one content file. Raises ContentError listing every problem found."""
    path = Path(path)
    name = display_name(path)
    root = parse(read_text(path), name)
    problems = Problems()
    checked = spec_.ARTICLE.check(root, "", problems)
    context = _context(checked)
    _check_sections(checked, problems)
    _prepare_assets_and_standards(checked, path.parent, context, problems)
    filled = map_strings(checked, lambda s: fill(s, context, problems, s.path) if s.fill else s)
    problems.raise_if_any()
    meta = filled["meta"]
    standard_disclaimer = meta.get("disclaimer") is None
    if standard_disclaimer:
        text = " ".join(render_template(TEXT_TEMPLATES / "disclaimer.j2", context).split())
        meta["disclaimer"] = Str(text, meta["_loc"], path="meta.disclaimer")
    article = spec_.ARTICLE.build(filled)
    meta_built = article.meta._replace(disclaimer_from_template=standard_disclaimer)
    return article._replace(meta=meta_built, folder=path.parent.resolve())
