"""The shape of content.yaml, as data. The JSON Schema and the loader both come from here."""

from __future__ import annotations

from handouts import model as m
from handouts.model.inline import MAX_NESTING, nesting
from handouts.model.inline import text as make_text
from handouts.read.spec import Date, ListOf, OneOf, Record, Text, Url
from handouts.read.yamlnodes import Map, Scalar, Seq


class Prose(Text):
    """Text with emphasis, built into a model Text (runs plus location)."""

    def check(self, node, path, problems):
        value = super().check(node, path, problems)
        if value is not None and "*" in value:
            depth = nesting(value)
            if depth > MAX_NESTING:
                problems.add(node.loc, f"bold and italic are nested {depth} deep; the limit is {MAX_NESTING}", path,
                             "take out some of the * marks: put bold or italic inside each other at most "
                             f"{MAX_NESTING} times")
                return None
        return value

    def build(self, value):
        return make_text(value, value.loc)


def prose(doc: str = "", max_len: int = 20_000) -> Prose:
    return Prose(doc=doc, max_len=max_len)


def plain(doc: str, pattern: str | None = None, hint: str = "", max_len: int = 200, what: str = "value") -> Text:
    return Text(doc=doc, max_len=max_len, placeholders=False, pattern=pattern, pattern_hint=hint, what=what)


class Choice(Text):
    def __init__(self, choices: tuple[str, ...], doc: str = ""):
        super().__init__(doc=doc, placeholders=False, pattern="|".join(choices),
                         pattern_hint="choose one of: " + ", ".join(choices), what="choice")
        self.choices = choices

    def json(self):
        return self._described({"type": "string", "enum": list(self.choices)})


class AssetPath(Text):
    """A picture beside the content file; resolved and checked by the loader, which knows the folder."""

    def __init__(self, doc: str):
        super().__init__(doc=doc, max_len=500, placeholders=False)

    def check(self, node, path, problems):
        # A Windows path: "images\eye.jpg" in double quotes has become an escape (\e is a control
        # character) by now, so what was typed is taken from the line; unquoted, the backslash is still there
        typed = node.written if isinstance(node, Scalar) and node.written else getattr(node, "value", "")
        if isinstance(typed, str) and "\\" in typed:
            problems.add(node.loc, "a picture path uses '/' between folders, not '\\'", path,
                         f"write it as {typed.replace(chr(92), '/')}")
            return None
        return super().check(node, path, problems)


ITEMS = ListOf(prose(max_len=5000), doc="One item per line, each starting with '- '.", max_items=2000)

# A table's limits: more columns than this cannot be read on a page or a slide; a longer table, or
# longer cells, belong in lists or paragraphs.
TABLE_COLUMNS, TABLE_ROWS, TABLE_CELL = 6, 200, 300


class TableRecord(Record):
    """A table: its fields, then every row as long as the header, each short one or long one pointed at."""

    def check(self, node, path, problems):
        checked = super().check(node, path, problems)
        header, rows = (node.entries.get(k, (None, None))[1] for k in ("header", "rows")) \
            if isinstance(node, Map) else (None, None)
        if checked is None or not isinstance(header, Seq) or not isinstance(rows, Seq):
            return checked
        for i, row in enumerate(rows.items, start=1):
            if isinstance(row, Seq) and len(row.items) != len(header.items):
                problems.add(row.loc, f"this row has {len(row.items)} cell(s) but the header has "
                             f"{len(header.items)}", f"{path}.rows[{i}]",
                             "give every row one cell for each heading; write '-' for a cell with nothing in it")
        return checked


BLOCK = OneOf(
    doc="One block of the section, named by its kind.",
    options={
        "paragraph": prose("A paragraph of text. **bold** and *italic* are allowed."),
        "bullets": ListOf(prose(max_len=5000), doc="A bullet list.", max_items=2000),
        "terms": ListOf(Record(doc="A term and what it means or what to do.", make=m.Term, fields={
            "term": (prose(max_len=200), True),
            "text": (prose(), True),
        }), doc="A labelled list, e.g. 'Ice pack' plus what to do.", max_items=2000),
        "steps": Record(doc="Numbered steps, with an optional title.", make=lambda loc, items, title=None:
                        m.Steps(loc, items, title), fields={
            "title": (prose(max_len=200), False),
            "items": (ITEMS, True),
        }),
        "callout": Record(doc="A boxed message.", make=m.Callout, internal=("standard",), fields={
            "kind": (Choice(m.CALLOUT_KINDS, "get_help (warning signs), tip or note."), True),
            "title": (prose(max_len=200), True),
            "text": (prose(), False),
            "items": (ITEMS, False),
        }),
        "faq": ListOf(Record(doc="A question and its answer.", make=m.QA, fields={
            "q": (prose(max_len=500), True),
            "a": (prose(), True),
        }), doc="Questions and answers.", max_items=500),
        "image": Record(doc="A picture from the content folder (PNG or JPEG).",
                        make=lambda loc, path, alt, caption=None:
                        m.Image(loc, path, alt, caption), fields={
            "path": (AssetPath("Path of a PNG or JPEG file, relative to the content file."), True),
            "alt": (prose("What the picture shows, for people who cannot see it.", max_len=500), True),
            "caption": (prose(max_len=500), False),
        }),
        "table": TableRecord(doc="A table: a header row and rows of short texts, each row with one cell for "
                             "each header.", make=lambda loc, header, rows, caption=None:
                             m.Table(loc, header, rows, caption), fields={
            "caption": (prose("What the table shows, printed above it.", max_len=200), False),
            "header": (ListOf(prose(max_len=100), doc="The column headings.", max_items=TABLE_COLUMNS), True),
            "rows": (ListOf(ListOf(prose(max_len=TABLE_CELL), doc="The cells of one row, in the header's order.",
                                   max_items=TABLE_COLUMNS), doc="The rows, one per line starting with '- '.",
                            max_items=TABLE_ROWS), True),
        }),
        "standard": Choice(("emergency", "contact"),
                           "A shared text from the labels catalogue: 'emergency' (with the leaflet's "
                           "emergency_signs) or 'contact'."),
    },
)


def _wrap_block(kind: str, built):
    """The model node for a block; lists become their block type, records build themselves."""
    if kind == "paragraph":
        return m.Paragraph(built.loc, built)
    if kind == "bullets":
        return m.Bullets(built[0].loc, built)
    if kind == "terms":
        return m.Terms(built[0].loc, built)
    if kind == "faq":
        return m.FAQ(built[0].loc, built)
    return built


BLOCK.wrap = _wrap_block

_SECTION_FIELDS = {
    "title": (prose("The heading. A question often works well.", max_len=200), True),
    "summary": (prose("One to three plain sentences that sum the section up, for the tri-fold. Without one, "
                      "the slide points are used.", max_len=600), False),
    "slide_points": (ListOf(prose(max_len=300), doc="Short lines for this section's slides.", max_items=200), False),
    "blocks": (ListOf(BLOCK, doc="The content of the section, in order.", max_items=5000), False),
}

SUBSECTION = Record(doc="A sub-section (one level deep).", make=m.Section, fields=_SECTION_FIELDS)
SECTION = Record(doc="A section of the handout.", make=m.Section, fields={
    **_SECTION_FIELDS,
    "sections": (ListOf(SUBSECTION, doc="Sub-sections, one level deep.", max_items=500), False),
})

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
META = Record(doc="About the leaflet itself.", make=m.Meta, fields={
    "title": (prose("The title on the first page and slide.", max_len=200), True),
    "subtitle": (prose(max_len=300), False),
    "slug": (plain("Output file name, e.g. knee-muscle-spasms.", SLUG,
                   "use lower-case letters, digits and single hyphens, e.g. knee-muscle-spasms", 80, "slug"), True),
    "language": (plain("BCP 47 language tag, e.g. en-US.", r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*",
                       "use a language tag such as en, en-US or es-MX", 35, "language tag"), True),
    "audience": (prose(max_len=300), False),
    "version": (plain("Version of the leaflet, e.g. 1.2.", r"[0-9A-Za-z][0-9A-Za-z.\-]{0,19}",
                      "use a short version such as 1.0 or 2024.1", 20, "version"), True),
    "last_reviewed": (Date("When a clinician last reviewed it (YYYY-MM-DD)."), True),
    "next_review": (Date("When it must be reviewed again (YYYY-MM-DD)."), True),
    "authors": (ListOf(prose(max_len=200), doc="Who wrote it.", max_items=50), False),
    "reviewer": (prose("The clinical reviewer: name and role.", max_len=200), False),
    "sources": (ListOf(Record(make=m.Source, fields={
        "title": (prose(max_len=300), True),
        "url": (Url("Web address of the source."), False),
    }), doc="Where the facts come from.", max_items=100), False),
    "disclaimer": (prose("Printed at the end. Omit it to print the standard disclaimer."), False),
    "online_url": (Url("Where the latest version lives online; printed as a QR code."), False),
    "translation_of": (Record(make=m.TranslationOf, doc="For a translation: the content file it was translated "
                              "from, and that file's version at the time.", fields={
        "file": (plain("The source content file, relative to this one.", r"[^\x00-\x1f]{1,300}",
                       "name the source file, e.g. content.yaml", 300, "file name"), True),
        "version": (plain("The source's meta.version that was translated.", r"[0-9A-Za-z][0-9A-Za-z.\-]{0,19}",
                          "use the source's version, e.g. 1.0", 20, "version"), True),
    }), False),
    "translator": (prose("Who translated it: name and qualification.", max_len=200), False),
    "translation_reviewer": (prose("The qualified person who reviewed the translation.", max_len=200), False),
})

# Digits as a clinic writes them: Western, Arabic-Indic, Extended Arabic-Indic (Persian, Urdu), Devanagari.
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f"

CLINIC = Record(doc="The clinic that hands this out.", make=m.Clinic, fields={
    "name": (prose(max_len=120), True),
    "phone": (plain("Phone number, as patients should dial it.", rf"[{DIGITS}+()./\- ]{{3,30}}",
                    "use digits, spaces and + ( ) - only", 30, "phone number"), True),
    "emergency": (plain("Emergency number, e.g. 911, 999 or 112.", rf"[{DIGITS}+ ]{{2,15}}", "digits only, e.g. 911",
                        15,
                        "emergency number"), True),
    "email": (plain("Email address.", r"[^@\s]+@[^@\s]+\.[^@\s]+", "e.g. hello@clinic.example", 120,
                    "email address"), False),
    "website": (Url("The clinic's website."), False),
    "address": (prose(max_len=300), False),
    "logo": (AssetPath("Path of a PNG or JPEG logo, relative to the content file."), False),
})

ARTICLE = Record(doc="A patient-education handout for the handouts tool.", make=m.Article, fields={
    "meta": (META, True),
    "clinic": (CLINIC, True),
    "key_messages": (ListOf(prose(max_len=500), doc="The main messages, shown first.", max_items=8), True),
    "sections": (ListOf(SECTION, doc="The sections of the handout.", max_items=500), True),
    "emergency_signs": (ListOf(prose(max_len=500), doc="Signs that need emergency care. `- standard: emergency` "
                               "lists them under the clinic's emergency number.", max_items=20), False),
})


def json_schema() -> dict:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://handouts.example/content.schema.json",
              "title": "handouts content.yaml"}
    schema.update(ARTICLE.json())
    return schema
