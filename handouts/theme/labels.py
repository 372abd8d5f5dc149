"""The labels catalogue: every word the tool prints for a reader, from templates/labels/<lang>.yaml.

Catalogues are read by the same strict loader as content. A label may name only the values its
entry allows (`{n}`, `{title}`...), and those are filled by plain substitution: nothing in a
catalogue can run. Dates are formatted by Babel with the catalogue's CLDR patterns.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from handouts.errors import ContentError, Loc, Problem
from handouts.model import CALLOUT_KINDS
from handouts.paths import LABELS
from handouts.read.source import display_name
from handouts.read.spec import Field, Group, ListOf, Record, Text, read_checked

_FIELD = re.compile(r"\{([a-z_]*)\}")
DEFAULT_LANGUAGE = "en"


class Label(Text):
    """One label: text that may name the given fields as {name}, and no other braces."""

    def __init__(self, *fields: str, doc: str = ""):
        super().__init__(doc=doc, max_len=500, placeholders=False)
        self.fields = fields

    def check(self, node, path, problems):
        text = super().check(node, path, problems)
        if text is None:
            return None
        if node.value.strip() == text:  # keep spaces at either end: a separator such as "; " needs them
            text = text.with_value(node.value)
        for m in _FIELD.finditer(text):
            if m.group(1) not in self.fields:
                allowed = ", ".join("{" + f + "}" for f in self.fields) or "none"
                problems.add(text.loc_at(m.start()), f"'{m.group(0)}' is not a value this label can show", path,
                             f"values it can show: {allowed}")
                return None
        if "{" in _FIELD.sub("", text) or "}" in _FIELD.sub("", text):
            problems.add(text.loc, "a '{' or '}' that does not mark a value", path, "write values as {name}")
            return None
        return text


class Standard(Text):
    """Text of a standard block: {{ clinic.… }} placeholders are filled later, like content."""

    def __init__(self, doc: str = ""):
        super().__init__(doc=doc, max_len=2000, placeholders=True)


def _group(doc: str, **labels: Field) -> tuple[Record, bool]:
    return Record(doc=doc, fields={k: (v, True) for k, v in labels.items()}), True


CATALOGUE = Record(doc="The words handouts prints for a reader, in one language.", fields={
    "language": (Text("The language tag this catalogue is for, e.g. en or es.", max_len=20, placeholders=False,
                      pattern=r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", what="language tag"), True),
    "name": (Text("The language's name, in English.", max_len=60, placeholders=False), True),
    "dates": _group("Babel date patterns.", full=Label(), month_year=Label(), short=Label()),
    "callouts": _group("The word shown with each kind of callout.", **{kind: Label() for kind in CALLOUT_KINDS}),
    "callout_heading": (Label("label", "title"), True),
    "words": _group(
        "Words in the handout.",
        main_points=Label(), about=Label(), written_by=Label(), reviewed_by=Label(), translated_by=Label(),
        translation_reviewed_by=Label(), last_reviewed=Label(),
        next_review=Label(), version=Label(), sources=Label(), contact_us=Label(), phone=Label(), email=Label(),
        website=Label(), address=Label(), emergency=Label(), please_note=Label(), online_title=Label(),
        online_text=Label("url"), qr_alt=Label(), qr_alt_url=Label("url"), logo_alt=Label("clinic"),
        page=Label("n", "total"),
        clinic_label=Label("clinic"), phone_value=Label("phone"), printing_note=Label("file"),
        notes_title=Label(), notes_text=Label(),
        footer_call=Label("clinic", "phone"), footer_call_short=Label("phone"),
        footer_dates=Label("version", "reviewed", "next"), keywords=Label(), list_separator=Label(),
        overdue=Label("date"), contents=Label(), skip_to_content=Label(), table_cell=Label("header", "cell")),
    "slides": _group(
        "Words on the slides.",
        agenda=Label(), faq=Label(), summary=Label(), closing=Label(), continued=Label("title"),
        part=Label("n", "total"), slide_number=Label("n", "total"), qr_caption=Label(), warning_sign=Label(),
        overdue=Label("date"),
        emergency=Label("number"), script_title=Label("title"), script_total=Label("slides", "minutes", "rate"),
        script_slide=Label("n", "total"), script_time=Label("time"), script_on_slide=Label(), script_say=Label(),
        appendix=Label()),
    "notes": _group(
        "Words in the speaker notes.",
        audience=Label("audience"), written_by=Label("name"), reviewed=Label("reviewer", "date"),
        next_review=Label("date"), agenda=Label(), coming_up=Label("titles"), continued=Label("title"),
        question=Label("text"),
        answer=Label("text"), picture=Label("alt"), online=Label("url"), source=Label("title"),
        source_url=Label("title", "url"), appendix=Label("titles"), questions=Label()),
    "standard": _group(
        "Shared texts for `standard:` blocks and the default disclaimer.",
        emergency=Record(fields={"kind": (Text(placeholders=False, pattern="|".join(CALLOUT_KINDS)), True),
                                 "title": (Standard(), True), "text": (Standard(), True),
                                 "signs": (Standard(), True)}),
        contact=Record(fields={"kind": (Text(placeholders=False, pattern="|".join(CALLOUT_KINDS)), True),
                               "title": (Standard(), True), "text": (Standard(), True),
                               "items": (ListOf(Standard(), min_items=0), False)}),
        disclaimer=Standard()),
})


class Labels:
    """One language's catalogue: `labels.word("page", n=1, total=3)`, dates in its own form."""

    def __init__(self, data: Group, locale: str, file: str, fallback: bool, source: tuple[str, str] = ("", "")):
        self.data, self.locale, self.file, self.fallback = data, locale, file, fallback
        self.source = source  # (real path, SHA-256) of the catalogue file
        self.language = str(data["language"])

    def _fill(self, text: str, values: dict) -> str:
        return _FIELD.sub(lambda m: str(values[m.group(1)]), text)

    def word(self, key: str, **values) -> str:
        return self._fill(self.data["words"][key], values)

    def slide(self, key: str, **values) -> str:
        return self._fill(self.data["slides"][key], values)

    def note(self, key: str, **values) -> str:
        return self._fill(self.data["notes"][key], values)

    def pattern(self, key: str) -> str:
        """A label as written, by dotted key ("words.page"), for a writer that fills it later."""
        value = self.data
        for part in key.split("."):
            value = value[part]
        return str(value)

    def around(self, key: str, field: str, **values) -> tuple[str, str]:
        """The text before and after `{field}` in a label, with its other values filled: for a label
        whose value is drawn differently (a title in its own weight, an address as a link)."""
        before, _, after = self.pattern(key).partition("{" + field + "}")
        return self._fill(before, values), self._fill(after, values)

    def table_row(self, header: list[str], cells: list[str]) -> str:
        """A table's row read out: each cell after its column's heading ("Drops: Antibiotic; ...")."""
        return self.word("list_separator").join(self.word("table_cell", header=h, cell=c)
                                                for h, c in zip(header, cells))

    def callout(self, kind: str) -> str:
        return str(self.data["callouts"][kind])

    def callout_heading(self, kind: str, title: str) -> str:
        return self._fill(self.data["callout_heading"], {"label": self.callout(kind), "title": title})

    def standard(self, name: str):
        return self.data["standard"][name]

    def _date(self, day: dt.date, pattern: str) -> str:
        from babel.dates import format_date

        return format_date(day, format=str(self.data["dates"][pattern]), locale=self.locale)

    def date(self, day: dt.date) -> str:
        return self._date(day, "full")

    def month_year(self, day: dt.date) -> str:
        return self._date(day, "month_year")

    def short_date(self, day: dt.date) -> str:
        return self._date(day, "short")


def candidates(language: str) -> list[str]:
    """File names to try for a BCP 47 tag, most specific first: es-MX, then es."""
    parts = language.lower().split("-")
    return ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]


def _babel_locale(language: str) -> str:
    from babel import Locale, UnknownLocaleError

    for tag in candidates(language):
        try:
            return str(Locale.parse(tag, sep="-"))
        except (UnknownLocaleError, ValueError):
            continue
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=16)
def _read(path: Path) -> tuple[Group, tuple[str, str]]:
    sources: dict[str, str] = {}
    data = read_checked(CATALOGUE, path, sources=sources)
    return data, next(iter(sources.items()))


def labels_for(language: str, folder: Path = LABELS) -> Labels:
    """The catalogue for a language tag; English when there is none (check says so)."""
    for tag in candidates(language):
        path = folder / f"{tag}.yaml"
        if path.is_file():
            data, source = _read(path)
            return Labels(data, _babel_locale(language), display_name(path), fallback=False, source=source)
    path = folder / f"{DEFAULT_LANGUAGE}.yaml"
    if not path.is_file():
        raise ContentError([Problem(Loc(display_name(path)), "the English labels catalogue is missing",
                                    hint="reinstall handouts")])
    data, source = _read(path)
    return Labels(data, DEFAULT_LANGUAGE, display_name(path), fallback=True, source=source)

