"""content.yaml -> Article: read safely, parse strictly, check the shape, fill placeholders, build.

Every stage adds to one list of problems; the first stage that cannot go on raises them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from handouts import model as m
from handouts.errors import Problems
from handouts.load import content_spec as spec_
from handouts.load import images
from handouts.load.placeholders import Context, names_in
from handouts.read.source import display_name, read_text
from handouts.read.spec import Group, Str, map_strings
from handouts.read.yamlnodes import parse
from handouts.theme.labels import Labels, labels_for


def _as_text(value, labels: Labels) -> str | None:
    if isinstance(value, dt.date):
        return labels.date(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return labels.word("list_separator").join(value)  # authors
    return None


def _context(checked: Group, labels: Labels) -> Context:
    """The names placeholders may use: every text, date and author list under clinic and meta."""
    values = {f"{root}.{key}": text for root in ("clinic", "meta")
              for key, value in (checked.get(root) or {}).items()
              if (text := _as_text(value, labels)) is not None}
    for number in ("clinic.phone", "clinic.emergency"):  # a number put into text never breaks over two lines
        if number in values:
            values[number] = values[number].replace(" ", "\u00a0")
    known = {f"clinic.{k}" for k in spec_.CLINIC.fields} | {f"meta.{k}" for k in spec_.META.fields}
    return Context(values, known)


def _groups(checked: Group):
    """Every section and sub-section, as checked values."""
    for section in checked.get("sections") or []:
        for group in [section, *(section.get("sections") or [])]:
            if isinstance(group, Group):
                yield group


def _standard_callout(name: Str, checked: Group, labels: Labels, context: Context) -> Group:
    """A `standard:` block as a callout, from the labels catalogue of the leaflet's language."""
    std = labels.standard(str(name))

    def s(value: Str) -> Str:  # the catalogue's text, placed at the block for messages about content
        return Str(str(value), name.loc, value.style, True, True, name.path)

    fields: dict[str, object] = {"standard": str(name), "kind": s(std["kind"]), "title": s(std["title"])}
    if name == "emergency":
        signs = checked.get("emergency_signs") or []
        fields["text"] = s(std["signs"] if signs else std["text"])
        fields["items"] = list(signs)
    else:
        fields["text"] = s(std["text"])
        # an item naming a field the clinic does not have (its email, say) is left out
        fields["items"] = [s(i) for i in std.get("items") or [] if all(n in context.values for n in names_in(i))]
    return Group(name.loc, fields)


def _prepare(checked: Group, path: Path, labels: Labels, context: Context, problems: Problems) -> Group:
    """The checked content with its pictures read and its standard blocks expanded."""
    pictures = images.Pictures(path.parent, path.name)  # each distinct file read and decoded once
    clinic = checked.get("clinic")
    if isinstance(clinic, Group) and isinstance(clinic.get("logo"), Str):
        checked = checked.replace(clinic=clinic.replace(logo=pictures.resolve(clinic["logo"], problems)))
    # The standard texts need the clinic's required fields; when one is missing that is already
    # reported, and expanding would only add noise.
    can_expand = all(f"clinic.{k}" in context.values for k in ("name", "phone", "emergency"))

    def block(kind: str, value):
        if kind == "image" and isinstance(value.get("path"), Str):
            return kind, value.replace(path=pictures.resolve(value["path"], problems))
        if kind == "standard" and can_expand:
            return "callout", _standard_callout(value, checked, labels, context)
        return kind, value

    def group(section: Group) -> Group:
        changes: dict = {}
        if section.get("blocks"):
            changes["blocks"] = [block(kind, value) for kind, value in section["blocks"]]
        if section.get("sections"):
            changes["sections"] = [group(sub) if isinstance(sub, Group) else sub for sub in section["sections"]]
        return section.replace(**changes) if changes else section

    if checked.get("sections"):
        checked = checked.replace(sections=[group(s) if isinstance(s, Group) else s for s in checked["sections"]])
    return checked


def _check_sections(checked: Group, problems: Problems) -> None:
    """A section with neither blocks nor sub-sections would print a bare heading."""
    for i, section in enumerate(checked.get("sections") or [], start=1):
        groups = [(f"sections[{i}]", section)] + [(f"sections[{i}].sections[{j}]", sub) for j, sub in
                                                  enumerate(section.get("sections") or [], start=1)]
        for path, group in groups:
            if not group.get("blocks") and not group.get("sections") and not group.unknown and not group.invalid:
                problems.add(group.loc, "this section has no content", path,
                             "add at least one block under 'blocks:', such as '- paragraph: ...', or remove the "
                             "section" if "blocks" in group else
                             "add 'blocks:' with at least one paragraph or list, or remove the section")


def _strings(value):
    """Every Str in a checked tree that may hold placeholders."""
    if isinstance(value, Str):
        if value.fill:
            yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def load(path: Path | str) -> m.Article:
    """Load and validate one content file. Raises ContentError listing every problem found."""
    path = Path(path)
    name = display_name(path)
    sources: dict[str, str] = {}
    root = parse(read_text(path, sources=sources), name)
    problems = Problems()
    checked = spec_.ARTICLE.check(root, "", problems)
    assert checked is not None  # parse() gives a mapping, which the article's record always takes
    _check_sections(checked, problems)
    meta = checked.get("meta") or {}
    labels = labels_for(str(meta.get("language") or "en"))
    context = _context(checked, labels)
    checked = _prepare(checked, path, labels, context, problems)
    # Every placeholder is checked before any text is filled.
    fillable = all([context.check(s, problems) for s in _strings(checked)])
    if fillable:
        checked = map_strings(checked, lambda s: context.fill(s, problems) if s.fill else s)
    problems.raise_if_any()
    meta = checked["meta"]
    standard_disclaimer = meta.get("disclaimer") is None
    if standard_disclaimer:
        text = context.fill(Str(str(labels.standard("disclaimer")), meta.loc, path="meta.disclaimer",
                                fill=True), problems)
        problems.raise_if_any()
        checked = checked.replace(meta=meta.replace(disclaimer=text))
    article = spec_.ARTICLE.build(checked)
    meta_built = article.meta._replace(disclaimer_is_standard=standard_disclaimer)
    for picture in _pictures(article):
        sources[str(picture.path)] = picture.digest
    return article._replace(meta=meta_built, folder=path.parent.resolve(), sources=tuple(sources.items()))


def _pictures(article: m.Article):
    if article.clinic.logo:
        yield article.clinic.logo
    for _, section in article.all_sections():
        for block in section.blocks:
            if isinstance(block, m.Image):
                yield block.picture
