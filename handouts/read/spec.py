"""A small declarative schema: each field checks a located YAML node and can describe itself
as JSON Schema. Checking collects problems instead of stopping at the first one.

check() turns nodes into checked values: `Group`s (a mapping's fields, read-only, with where it is
and which keys were unknown or refused), lists, and `Str`, a str that remembers where it came from;
build() turns those values into the immutable model once placeholders are filled.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from handouts.errors import Loc, Problems
from handouts.read.yamlnodes import KIND_NAMES, Map, Node, Scalar, Seq
from handouts.scripts import has_complex


class Str(str):
    """Text that knows its place in the source file."""

    loc: Loc
    style: str | None
    single_line: bool
    fill: bool  # whether {{ placeholders }} are filled in this field
    path: str  # the field path used in messages, e.g. sections[2].title

    def __new__(cls, value: str, loc: Loc, style: str | None = None, single_line: bool = True,
                fill: bool = False, path: str = ""):
        obj = super().__new__(cls, value)
        obj.loc, obj.style, obj.single_line, obj.fill, obj.path = loc, style, single_line, fill, path
        return obj

    def loc_at(self, offset: int) -> Loc:
        """Where character `offset` of the text sits, when the text is on one source line."""
        if not self.single_line:
            return self.loc
        return Loc(self.loc.file, self.loc.line, self.loc.col + offset + (1 if self.style in ("'", '"') else 0))

    def with_value(self, value: str) -> Str:
        return Str(value, self.loc, self.style, self.single_line, self.fill, self.path)

    def __reduce__(self):  # a worker process sends its results back pickled
        return (Str, (str(self), self.loc, self.style, self.single_line, self.fill, self.path))


class Group(Mapping[str, Any]):
    """The checked fields of one mapping in a file: read-only, by name in file order, with where the
    mapping is (`loc`). The keys the schema did not know (`unknown`), and those whose values were
    refused (`invalid`), are kept apart from the fields, so a later check can tell a typo or a
    refused value from a gap and not report the same mistake twice."""

    __slots__ = ("loc", "_values", "unknown", "invalid")

    def __init__(self, loc: Loc, values: Mapping[str, Any] | None = None, unknown: tuple[str, ...] = (),
                 invalid: tuple[str, ...] = ()) -> None:
        self.loc, self._values = loc, dict(values or {})
        self.unknown, self.invalid = unknown, invalid

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def replace(self, **changes: Any) -> Group:
        """A copy with some fields given new values."""
        return Group(self.loc, {**self._values, **changes}, self.unknown, self.invalid)

    def __repr__(self) -> str:
        return f"Group({self.loc}, {self._values!r})"


_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")

# Characters a word processor pastes in that are invisible, or that stand for a plain one. Left in,
# a font without them would change the whole leaflet's typeface to a fallback that has them, or
# print a box. Joiners and direction marks matter in scripts that join or run right to left, so
# they are only taken out of text that has none of those letters.
_TIDY = str.maketrans({
    "\u200b": None, "\u2060": None, "\ufeff": None, "\ufe0e": None, "\ufe0f": None,  # zero width, variation
    "\u2028": " ", "\u2029": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
    "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u205f": " ", "\u3000": " ",  # line breaks, spaces of widths
    "\u2007": "\u00a0", "\u202f": "\u00a0",  # figure and narrow no-break spaces still join
    "\u2010": "-", "\u2011": "-",  # hyphen, no-break hyphen
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
})
_JOINERS = str.maketrans({"\u200c": None, "\u200d": None, "\u200e": None, "\u200f": None})


def tidy(text: str) -> str:
    """`text` with invisible pasted characters taken out, typographic variants made plain, and
    letters composed."""
    # composed letters: a Mac or a Vietnamese keyboard may save "ñ" as "n" and a separate tilde,
    # which fonts place badly and a search for the word does not find
    text = unicodedata.normalize("NFC", text.translate(_TIDY))
    return text if has_complex(text) else text.translate(_JOINERS)


def fold(text: str) -> str:
    """Runs of spaces, tabs and line breaks as one space. A no-break space stays: it is meant."""
    return _WHITESPACE.sub(" ", text).strip()


def _bad_char(text: str) -> tuple[int, str] | None:
    for i, ch in enumerate(text):
        if ch == "\n":
            continue
        if 0xD800 <= ord(ch) <= 0xDFFF:
            return i, f"a lone surrogate U+{ord(ch):04X} (a broken character) is not allowed"
        if unicodedata.category(ch) == "Cc":
            name = "a tab" if ch == "\t" else f"control character U+{ord(ch):04X}"
            return i, f"{name} is not allowed in text"
    return None


# Schema fields are plain classes: a dataclass compiles its methods at every start of the program.
class Field:
    doc: str = ""

    def check(self, node: Node, path: str, problems: Problems) -> Any:
        raise NotImplementedError

    def build(self, value: Any) -> Any:
        return value

    def json(self) -> dict:
        raise NotImplementedError

    def _described(self, schema: dict) -> dict:
        if self.doc:
            schema["description"] = self.doc
        return schema


def _wrong_kind(node: Node, path: str, problems: Problems, wanted: str, hint: str = "") -> None:
    got = KIND_NAMES[type(node)]
    problems.add(node.loc, f"expected {wanted}, got {got}", path, hint)


class Text(Field):
    """One line or paragraph of text; whitespace is folded to single spaces."""

    def __init__(self, doc: str = "", max_len: int = 20_000, placeholders: bool = True, pattern: str | None = None,
                 pattern_hint: str = "", what: str = "value"):
        self.doc, self.max_len, self.placeholders = doc, max_len, placeholders
        self.pattern, self.pattern_hint, self.what = pattern, pattern_hint, what

    def check(self, node, path, problems):
        if isinstance(node, Map) and len(node.entries) == 1 and not node.flow:
            (key, (key_node, value)), = node.entries.items()
            if isinstance(value, Scalar) and value.style is None and value.loc.line == key_node.loc.line:
                # "- Remember: drink water": the ': ' made a field of the first word
                problems.add(node.loc, "text contains ': ', which YAML reads as a new field", path,
                             f'put the whole text in quotes: "{key}: {value.value}"')
                return None
        if not isinstance(node, Scalar):
            hint = "write the text on the same line as the field name, in quotes" if isinstance(node, Map) else ""
            if isinstance(node, Seq):
                hint = "remove the '- ' at the start of the line(s); this field takes one text"
            _wrong_kind(node, path, problems, "text", hint)
            return None
        bad = _bad_char(node.value)
        text = Str(fold(tidy(node.value)), node.loc, node.style, node.loc.line == node.end_line, self.placeholders,
                   path)
        if bad:
            offset, message = bad
            problems.add(text.loc_at(offset) if text.single_line else node.loc, message, path,
                         "delete it or retype the text; it often comes from copy and paste")
            return None
        if node.comment_after and self.placeholders:  # prose, where a lost half-sentence matters
            problems.add(node.loc, f"the text stops at ' #' and the rest is lost: '{node.comment_after}'", path,
                         "put the whole text in quotes, or move the comment to its own line")
            return None
        if not text:
            problems.add(node.loc, "must not be empty", path)
            return None
        if len(text) > self.max_len:
            problems.add(node.loc, f"text is {len(text):,} characters; the limit is {self.max_len:,}", path,
                         "shorten it" if self.max_len < 1000 else "split it into several paragraphs or blocks")
            return None
        if self.pattern and not re.fullmatch(self.pattern, text):
            problems.add(node.loc, f"'{text}' is not a valid {self.what}", path, self.pattern_hint)
            return None
        return text

    def json(self):
        schema = {"type": "string", "minLength": 1, "maxLength": self.max_len}
        if self.pattern:
            schema["pattern"] = f"^(?:{self.pattern})$"
        return self._described(schema)


class LocDate(dt.date):
    """A date that remembers where it was written, so review messages can point at it."""

    loc: Loc

    @classmethod
    def at(cls, value: dt.date, loc: Loc) -> LocDate:
        obj = cls(value.year, value.month, value.day)
        obj.loc = loc
        return obj


class Date(Field):
    def __init__(self, doc: str = ""):
        self.doc = doc

    def check(self, node, path, problems):
        text = Text(placeholders=False).check(node, path, problems)
        if text is None:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return LocDate.at(dt.date.fromisoformat(text), text.loc)
        except ValueError:
            problems.add(node.loc, f"'{text}' is not a real date", path,
                         "write dates as YYYY-MM-DD, for example 2027-03-31")
            return None

    def json(self):
        return self._described({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})




class Url(Field):
    # max_len: a QR code holds about 2,300 characters; real addresses are far shorter
    def __init__(self, doc: str = "", schemes: tuple[str, ...] = ("http", "https"), max_len: int = 500):
        self.doc, self.schemes, self.max_len = doc, schemes, max_len

    def check(self, node, path, problems):
        text = Text(placeholders=False, max_len=self.max_len).check(node, path, problems)
        if text is None:
            return None
        scheme = text.split(":", 1)[0].lower() if ":" in text else ""
        if scheme not in self.schemes or " " in text or len(text) <= len(scheme) + 3:
            allowed = " or ".join(f"{s}:" for s in self.schemes)
            problems.add(node.loc, f"'{text}' is not a web address starting with {allowed}", path,
                         "copy the full address from the browser, e.g. https://www.example.org/page")
            return None
        return text

    def json(self):
        alts = "|".join(self.schemes)
        return self._described({"type": "string", "pattern": f"^({alts}):\\S+$", "maxLength": self.max_len})


class ListOf(Field):
    def __init__(self, item: Field, doc: str = "", min_items: int = 1, max_items: int = 5000):
        self.item, self.doc, self.min_items, self.max_items = item, doc, min_items, max_items

    def check(self, node, path, problems):
        if isinstance(node, Scalar) and node.style is None and node.value == "":
            problems.add(node.loc, "the list is empty", path, "add its items under it, each on its own line "
                         "starting with '- '")
            return None
        if not isinstance(node, Seq):  # text, or fields where a list of texts goes
            dashes = isinstance(node, Scalar) or (isinstance(node, Map) and isinstance(self.item, Text))
            _wrong_kind(node, path, problems, "a list", "start each item on its own line with '- '" if dashes else "")
            return None
        if len(node.items) < self.min_items:
            problems.add(node.loc, f"needs at least {self.min_items} item(s)", path)
        if len(node.items) > self.max_items:
            problems.add(node.loc, f"has {len(node.items):,} items; the limit is {self.max_items:,}", path)
            return None
        values = [self.item.check(child, f"{path}[{i + 1}]", problems) for i, child in enumerate(node.items)]
        return [v for v in values if v is not None]

    def build(self, value):
        return tuple(self.item.build(v) for v in value)

    def json(self):
        return self._described({"type": "array", "items": self.item.json(), "minItems": self.min_items,
                                "maxItems": self.max_items})


class Record(Field):
    """A mapping with known fields. `make` builds the model object from the checked values."""

    def __init__(self, fields: dict[str, tuple[Field, bool]], make: Callable[..., Any] | None = None, doc: str = "",
                 internal: tuple[str, ...] = ()):
        self.fields, self.make, self.doc = fields, make, doc
        self.internal = internal  # model fields the loader sets itself, never written in a file

    def check(self, node: Node, path: str, problems: Problems) -> Group | None:
        if isinstance(node, Seq) and "items" in self.fields:  # "steps:" followed straight by its list
            _wrong_kind(node, path, problems, "a group of fields",
                        "write 'items:' on the line under it and indent the list below that; a 'title:' may "
                        "go before it")
            return None
        if not isinstance(node, Map):
            _wrong_kind(node, path, problems, "a group of fields",
                        "put each field on its own line, indented under this one")
            return None
        values: dict[str, Any] = {}
        unknown: list[str] = []
        invalid: list[str] = []
        empty: dict[str, Loc] = {}  # required fields written with nothing after them, where they are
        for key, (key_node, child) in node.entries.items():
            child_path = f"{path}.{key}" if path else key
            if key not in self.fields:
                import difflib  # only on the error path
                close = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "allowed here: " + ", ".join(self.fields)
                problems.add(key_node.loc, f"unknown key '{key}'", path or "(top level)", hint)
                unknown.append(key)
                continue
            if isinstance(child, Scalar) and child.style is None and child.value == "":
                values[key] = None  # "field:" with nothing after it counts as absent
                empty[key] = key_node.loc
                continue
            result = self.fields[key][0].check(child, child_path, problems)
            # A list that lost items to their own problems is invalid too, so later checks (such as
            # "this section has no content") do not report the same mistake a second time.
            if result is None or (isinstance(child, Seq) and isinstance(result, list)
                                  and len(result) < len(child.items)):
                invalid.append(key)
            values[key] = result
        for key, (_, required) in self.fields.items():
            if required and values.get(key) is None and key in empty:
                problems.add(empty[key], f"'{key}' is empty", f"{path}.{key}" if path else key,
                             f"write its value after '{key}:' on the same line")
            elif required and values.get(key) is None and key not in invalid:
                problems.add(node.loc, f"missing required field '{key}'", path or "(top level)",
                             f"add '{key}:' under this group")
        # Partly valid groups still go on, so later stages can report their problems in the same run.
        return Group(node.loc, values, tuple(unknown), tuple(invalid))

    def build(self, value: Group) -> Any:
        kwargs: dict[str, Any] = {"loc": value.loc}
        for key, (field_spec, _) in self.fields.items():
            v = value.get(key)
            if v is not None:  # absent fields keep the model's default
                kwargs[key] = field_spec.build(v)
        for key in self.internal:
            if value.get(key) is not None:
                kwargs[key] = value[key]
        return self.make(**kwargs) if self.make else kwargs

    def json(self) -> dict:
        return self._described({
            "type": "object",
            "properties": {k: f.json() for k, (f, _) in self.fields.items()},
            "required": [k for k, (_, req) in self.fields.items() if req],
            "additionalProperties": False,
        })


class OneOf(Field):
    """A mapping with exactly one key that names its kind, e.g. `- bullets: [...]`."""

    def __init__(self, options: dict[str, Field], wrap: Callable[[str, Any], Any] | None = None, doc: str = ""):
        self.options, self.wrap, self.doc = options, wrap, doc

    def check(self, node, path, problems):
        kinds = ", ".join(self.options)
        if not isinstance(node, Map) or len(node.entries) != 1:
            if isinstance(node, Map) and len(node.entries) > 1:
                problems.add(node.loc, f"a block has exactly one kind, found {len(node.entries)}: "
                             + ", ".join(node.entries), path, "start each block with its own '- '")
            else:
                problems.add(node.loc, "expected a block such as 'paragraph: ...'", path, f"block kinds: {kinds}")
            return None
        key, (key_node, child) = next(iter(node.entries.items()))
        if key not in self.options:
            import difflib  # only on the error path
            close = difflib.get_close_matches(key, list(self.options), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"block kinds: {kinds}"
            problems.add(key_node.loc, f"unknown block kind '{key}'", path, hint)
            return None
        value = self.options[key].check(child, f"{path}.{key}", problems)
        return None if value is None else (key, value)

    def build(self, value):
        key, inner = value
        built = self.options[key].build(inner)
        return self.wrap(key, built) if self.wrap else built

    def json(self):
        return self._described({"oneOf": [
            {"type": "object", "properties": {k: f.json()}, "required": [k], "additionalProperties": False}
            for k, f in self.options.items()
        ]})


class MapOf(Field):
    """A mapping whose keys are names chosen by the author (style names, colour names)."""

    def __init__(self, item: Field, doc: str = "", key_pattern: str = r"[a-z][a-z0-9_\-]*"):
        self.item, self.doc, self.key_pattern = item, doc, key_pattern

    def check(self, node, path, problems):
        if not isinstance(node, Map):
            _wrong_kind(node, path, problems, "a group of named entries")
            return None
        values = {}
        for key, (key_node, child) in node.entries.items():
            if not re.fullmatch(self.key_pattern, key):
                problems.add(key_node.loc, f"'{key}' is not a valid name", path,
                             "use lower-case letters, digits, '-' and '_'")
                continue
            values[key] = self.item.check(child, f"{path}.{key}", problems)
        return Group(node.loc, values)

    def build(self, value):
        return {k: self.item.build(v) for k, v in value.items() if v is not None}

    def json(self):
        return self._described({"type": "object", "additionalProperties": self.item.json(),
                                "propertyNames": {"pattern": f"^{self.key_pattern}$"}})


def read_checked(spec: Field, path: Path, sources: dict | None = None) -> Group:
    """A YAML file read safely, parsed and checked against `spec`: its fields, or a ContentError
    listing every problem, each at its line."""
    from handouts.read.source import display_name, read_text
    from handouts.read.yamlnodes import parse

    problems = Problems()
    checked = spec.check(parse(read_text(path, sources=sources), display_name(path)), "", problems)
    problems.raise_if_any()
    assert isinstance(checked, Group)  # parse() gives a mapping, which a record or a map always takes
    return checked


def map_strings(value: Any, fn: Callable[[Str], Any]) -> Any:
    """Apply fn to every Str in a checked tree (used to fill placeholders)."""
    if isinstance(value, Str):
        return fn(value)
    if isinstance(value, Group):
        return Group(value.loc, {k: map_strings(v, fn) for k, v in value.items()}, value.unknown, value.invalid)
    if isinstance(value, dict):
        return {k: map_strings(v, fn) for k, v in value.items()}
    if isinstance(value, list):
        return [map_strings(v, fn) for v in value]
    if type(value) is tuple:  # not the model's and Loc's named tuples
        return tuple(map_strings(v, fn) for v in value)
    return value
