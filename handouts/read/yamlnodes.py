"""Strict YAML: text becomes a tree of located nodes, with no implicit typing.

Every scalar stays a string (so `no`, `0123` and `8:30` keep their meaning); anchors, aliases,
tags and duplicate keys are rejected. Working from parser events means an alias is refused
before anything could be expanded ("billion laughs").
"""

from __future__ import annotations

import re

import ruamel.yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

from handouts.errors import ContentError, Loc, Problem, Problems
from handouts.libraries import require

require("ruamel.yaml", ruamel.yaml.__version__)  # the syntax messages read its error texts

MAX_DEPTH = 40
DEEP_HINT = "use fewer levels of indentation or brackets; no handout needs lists this deep"


# Plain classes with slots: a dataclass would compile its methods at every start, for nothing here.
class Node:
    __slots__ = ("loc",)

    def __init__(self, loc: Loc):
        self.loc = loc


class Scalar(Node):
    __slots__ = ("value", "style", "end_line", "comment_after", "written")

    def __init__(self, loc: Loc, value: str, style: str | None = None, end_line: int = 0, comment_after: str = "",
                 written: str = ""):
        super().__init__(loc)
        self.value = value
        self.style = style  # None for plain, '"' or "'" for quoted, '|' or '>' for blocks
        self.end_line = end_line
        self.comment_after = comment_after  # a ' #' comment right after plain text: YAML dropped it from the value
        # text in double quotes on one line that holds a backslash, as written (between its quotes):
        # YAML read each backslash as an escape, and a message may need what the person typed
        self.written = written


class Seq(Node):
    __slots__ = ("items",)

    def __init__(self, loc: Loc):
        super().__init__(loc)
        self.items: list[Node] = []


class Map(Node):
    __slots__ = ("entries", "flow")

    def __init__(self, loc: Loc, flow: bool = False):
        super().__init__(loc)
        self.entries: dict[str, tuple[Scalar, Node]] = {}  # key -> (key node, value node), in file order
        self.flow = flow


KIND_NAMES = {Scalar: "text", Seq: "a list", Map: "a group of fields"}


def _loc(file: str, mark) -> Loc:
    return Loc(file, mark.line + 1, mark.column + 1)


_COMMENT_AFTER = re.compile(r"[ \t]+#")


class _Builder:
    def __init__(self, file: str, text: str, problems: Problems):
        self.aliases: dict[str, int] = {}  # anchor name -> times used, so each is reported once
        self.anchors: set[str] = set()
        self.file = file
        self.lines = text.splitlines()
        self.problems = problems

    def node(self, ev, events, depth: int) -> Node:
        loc = _loc(self.file, ev.start_mark)
        if isinstance(ev, AliasEvent):
            self.aliases[ev.anchor] = self.aliases.get(ev.anchor, 0) + 1
            source = self._source_at(ev.start_mark)
            text = source.split(" #")[0].strip()[:40]
            if self.aliases[ev.anchor] > 1:
                pass
            elif ev.anchor in self.anchors:  # a real alias, of an anchor set above
                self.problems.add(loc, f"YAML alias '*{ev.anchor}' is not allowed",
                                  hint="write the text out in full instead of reusing it")
            elif ev.anchor.endswith("*") or _WORDS_AFTER_ALIAS.match(source):  # **bold** text, written plainly
                self.problems.add(loc, f"text that starts with '*' must be in quotes (YAML reads '*{ev.anchor}' "
                                  "as an alias)", hint=f'put the whole text in double quotes: "{text}"')
            else:
                self.problems.add(loc, f"YAML alias '*{ev.anchor}' is not allowed",
                                  hint=f'if this is text that starts with \'*\', put it in quotes: "{text}"')
            return Scalar(loc, "")
        if getattr(ev, "anchor", None):
            self.anchors.add(ev.anchor)
            self.problems.add(loc, f"YAML anchor '&{ev.anchor}' is not allowed",
                              hint="remove the '&' name; each value is written out in full")
        if getattr(ev, "tag", None) is not None:
            tag = str(ev.tag).replace("tag:yaml.org,2002:", "!!")
            self.problems.add(loc, f"YAML tag '{tag}' is not allowed",
                              hint="remove the '!' part; values are plain text")
        if isinstance(ev, ScalarEvent):
            return Scalar(loc, ev.value, ev.style, ev.end_mark.line + 1, self._comment_after(ev), self._written(ev))
        if depth > MAX_DEPTH:
            self.problems.add(loc, f"nested more than {MAX_DEPTH} levels deep", hint=DEEP_HINT)
            self._skip(ev, events)
            return Scalar(loc, "")
        if isinstance(ev, SequenceStartEvent):
            seq = Seq(loc)
            for child in events:
                if isinstance(child, SequenceEndEvent):
                    return seq
                seq.items.append(self.node(child, events, depth + 1))
        if isinstance(ev, MappingStartEvent):
            mapping = Map(loc, flow=bool(ev.flow_style))
            if mapping.flow and self._source_at(ev.start_mark).startswith("{{"):
                self.problems.add(loc, "text that starts with '{{' was read as a YAML mapping",
                                  hint='put the text in quotes: "{{ clinic.phone }} ..."')
                self._skip(ev, events)
                return Scalar(loc, "")
            for key_ev in events:
                if isinstance(key_ev, MappingEndEvent):
                    return mapping
                key = self.node(key_ev, events, depth + 1)
                value = self.node(next(events), events, depth + 1)
                if not isinstance(key, Scalar):
                    self.problems.add(key.loc, "a field name must be plain text")
                    continue
                if key.value in mapping.entries:
                    first = mapping.entries[key.value][0].loc
                    self.problems.add(key.loc, f"duplicate key '{key.value}' (first used on line {first.line})",
                                      hint="each field may appear once: merge the two, or, if this one "
                                           "starts a new item of a list, put '- ' before its first field")
                    continue
                mapping.entries[key.value] = (key, value)
        raise AssertionError(f"unexpected YAML event {ev!r}")

    def _skip(self, ev, events) -> None:
        depth = 1
        for child in events:
            if isinstance(child, (SequenceStartEvent, MappingStartEvent)):
                depth += 1
            elif isinstance(child, (SequenceEndEvent, MappingEndEvent)):
                depth -= 1
                if depth == 0:
                    return

    def _source_at(self, mark) -> str:
        if mark.line < len(self.lines):
            return self.lines[mark.line][mark.column:]
        return ""

    def _written(self, ev) -> str:
        if ev.style != '"' or ev.start_mark.line != ev.end_mark.line or ev.start_mark.line >= len(self.lines):
            return ""
        text = self.lines[ev.start_mark.line][ev.start_mark.column + 1:ev.end_mark.column - 1]
        return text if "\\" in text else ""

    def _comment_after(self, ev) -> str:
        # A plain scalar ends where " #" starts a comment. Whether that lost text matters depends
        # on the field (prose, yes; a slug or a colour, no), so the schema decides.
        if ev.style is not None or not ev.value:
            return ""
        rest = self._source_at(ev.end_mark)
        return rest.strip() if _COMMENT_AFTER.match(rest) else ""


# Text in single quotes that a word's apostrophe closes early: `- 'Don't stop.'`
_APOSTROPHE = re.compile(r"(?:^|[:\-\[,]\s*)'([^']*\w)'(\w+)")


def _syntax_problem(file: str, text: str, exc: YAMLError) -> Problem:
    if isinstance(exc, ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        return Problem(Loc(file, line, col), f"control character U+{char:04X} is not allowed",
                       hint="delete it; it is often pasted in from another program")
    context = getattr(exc, "context", None) or ""
    problem_text = getattr(exc, "problem", None) or ""
    # a MarkedYAMLError's places; other errors have none
    context_mark, problem_mark = getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    if "unknown escape character" in problem_text and problem_mark is not None:
        return _unknown_escape(file, text, context_mark, problem_mark)
    if "quoted scalar" in context and context_mark is not None:
        return Problem(_loc(file, context_mark), "a quote mark opened here is never closed",
                       hint="add the closing quote at the end of the text")
    mark = problem_mark or context_mark
    loc = _loc(file, mark) if mark is not None else Loc(file)
    problem = (getattr(exc, "problem", None) or str(exc)).strip()
    lines = text.splitlines()
    line_text = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    hint = ""
    if mark is not None and (nbsp := _nbsp_in_structure(lines, mark.line)) is not None:
        return Problem(Loc(file, nbsp[0] + 1, nbsp[1] + 1), "a no-break space (often pasted in from a word "
                       "processor) stands where YAML needs a plain space",
                       hint="retype the spaces at the start of this line, and after its '-' or ':', with the "
                            "space bar")
    if mark is not None and "could not find expected ':'" in problem and context_mark is not None:
        stray = context_mark
        return Problem(_loc(file, stray), "this line is neither a field ('name: text') nor a list item ('- text')",
                       hint="if it is a new list item, start it with '- '; if it goes on from the text above, put "
                            "that whole text in quotes on one line; if it is a note to yourself, start it with '#'")
    value, value_col = _value_start(line_text)
    if mark is not None and "that cannot start any token" in problem:
        value, value_col = line_text[mark.column:], mark.column  # the scanner points at the character itself
    starts = _starts_with_indicator(problem, context, value)
    if "\t" in problem or "'\\t'" in problem or "tab" in problem \
            or line_text[: len(line_text) - len(line_text.lstrip())].count("\t"):
        problem, hint = "a tab is used for indentation", "indent with spaces only; YAML does not allow tabs"
        if mark is not None and "\t" in line_text.lstrip():  # after a dash or a field name
            problem, hint = "a tab is used where YAML needs a space", "use the space bar; YAML does not allow tabs"
            loc = Loc(file, mark.line + 1, line_text.index("\t") + 1)
    elif "mapping values are not allowed" in problem:
        problem = "text contains ': ', which YAML reads as a new field"
        hint = 'put the text in quotes: "Dose: one tablet"'
    elif "{{" in line_text:
        hint = 'text that starts with "{{" must be in quotes'
    elif starts and mark is not None:  # the scanner's errors, which always have a place
        problem = f"text that starts with '{starts}' must be in quotes"
        hint = f'put the whole text in double quotes: "{value.strip()[:40]}"'
        loc = Loc(file, mark.line + 1, value_col + 1)
    elif mark is not None and value.startswith('"') and (inside := _QUOTE_INSIDE.match(value)):
        problem = "a double quote inside text in double quotes ends the text early"
        body = value.strip()
        inner = body[1:body.rfind('"')]
        escaped = inner.replace('"', '\\"')
        hint = f"write each inner quote as \\\": \"{escaped}\""
        if "'" not in inner:
            hint += f", or put the text in single quotes: '{inner}'"
        loc = Loc(file, mark.line + 1, value_col + inside.end(1) + 1)
    elif (opened := _unclosed_quote(lines, mark.line if mark is not None else -1)) is not None:
        return Problem(Loc(file, opened[0] + 1, opened[1] + 1), "a quote mark opened here is not closed on its line",
                       hint="add the closing quote at the end of the text")
    elif mark is not None and (early := _APOSTROPHE.search(line_text)) is not None:
        before, after = early.groups()
        word = f"{before.split()[-1]}'{after}"
        problem = f"the apostrophe in \"{word}\" ends the text in single quotes too early"
        hint = (f"write the apostrophe twice ('{before}''{after}...') or put the text in double quotes "
                f"(\"{before}'{after}...\")")
        loc = Loc(file, mark.line + 1, early.end(1) + 1)
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = ("check the indentation of this line and the one above, start each list item with '- ', and "
                "quote text containing ': ' or '#'")
    for token, words in _TOKENS:
        problem = problem.replace(token, words)
    return Problem(loc, f"YAML syntax error: {problem}", hint=hint)


def _unknown_escape(file: str, text: str, opened, mark) -> Problem:
    """A backslash in double quotes that starts no escape YAML knows: most often a Windows path.
    `opened` is where the quoted text starts (if known), `mark` the backslash."""
    lines = text.splitlines()
    start = opened if opened is not None and opened.line == mark.line else mark
    line = lines[start.line] if start.line < len(lines) else ""
    inside = line[start.column + 1:]
    inside = inside[:inside.index('"')] if '"' in inside else inside
    loc = Loc(file, start.line + 1, start.column + 1)
    if looks_like_path(inside):
        return Problem(loc, "a picture path written with '\\' between folders: in double quotes, YAML reads a "
                       "backslash as the start of a special character",
                       hint=f'write it with \'/\' instead: "{inside.replace(chr(92), "/")}"')
    return Problem(loc, "a backslash in double quotes starts a special character YAML does not know",
                   hint=f"write it as \\\\ (two backslashes), or put the text in single quotes: '{inside}'")


_PATH = re.compile(r"^[\w .\-]*(?:[\\/][\w .\-]+)+\.[A-Za-z0-9]{2,4}$")


def looks_like_path(text: str) -> bool:
    """Text that reads as a relative file path with folders, such as images\\eye-drops.jpg."""
    return _PATH.match(text) is not None


# The parser's names for what it met, in the words of the file.
_TOKENS = (("<block end>", "the group to end"), ("'<scalar>'", "more text"),
           ("'<block sequence start>'", "a list item ('- ')"), ("'<block mapping start>'", "a field ('name: ')"),
           ("'<block end>'", "the end of a group"), ("found '-'", "found a list item ('- ')"))
_NBSP = re.compile(r"^[ \u00a0]*\u00a0|^[ \u00a0]*-\u00a0|^[ \u00a0]*[^\s\"'#:]+:\u00a0")


def _nbsp_in_structure(lines: list[str], at: int) -> tuple[int, int] | None:
    """A no-break space in the indent, after a list dash or after a field name, on the line `at`
    or the line before it: (line, column), 0-based."""
    for number in (at - 1, at):
        if 0 <= number < len(lines) and (found := _NBSP.match(lines[number])):
            return number, found.end() - 1
    return None


def _unclosed_quote(lines: list[str], at: int) -> tuple[int, int] | None:
    """The last line before `at` whose text opens a quote and does not close it there (a text in
    quotes may run on over lines, but a mistake is far likelier): (line, column), 0-based."""
    for number in range(min(at, len(lines) - 1), -1, -1):
        value, col = _value_start(lines[number])
        quote = value[:1]
        if quote not in ("'", '"'):
            continue
        rest = value[1:].replace("''", "") if quote == "'" else re.sub(r'\\.', "", value[1:])
        if quote not in rest:
            return (number, col) if number < at else None
    return None


_WORDS_AFTER_ALIAS = re.compile(r"\*\S+ +[^\s,\]}#]")  # "*Ice* helps": text, not an alias

# Characters that YAML reads as its own syntax when a plain text starts with them.
_INDICATORS = "@`%{[>|!&*"
_VALUE = re.compile(r"\s*(?:-\s+)*(?:[^\s\"'#:][^:#]*?:\s+)?(?:-\s+)*")  # indent, list dashes, "field: "
_QUOTE_INSIDE = re.compile(r'"((?:[^"\\]|\\.)*)"\s*\S')  # a quoted text with more after its closing quote


def _value_start(line: str) -> tuple[str, int]:
    """The text a line gives (after its indent, list dashes and field name), and its column (0-based)."""
    found = _VALUE.match(line)
    assert found is not None  # every part of _VALUE may be empty: it matches at the start of any line
    end = found.end()
    return line[end:], end


def _starts_with_indicator(problem: str, context: str, value: str) -> str:
    """The character a plain text starts with that YAML took as syntax, or ""."""
    found = re.search(r"found character '(.)' that cannot start any token", problem)
    if found:
        return found.group(1)
    if value and value[0] in _INDICATORS and ("block scalar" in context or "block end" in problem
                                                   or "flow" in context or "flow" in problem):
        return value[:1]
    return ""


class _TooDeep(Exception):
    """Collections opened past the nesting limit: stop reading there, however long the file is."""

    def __init__(self, mark):
        super().__init__("too deep")
        self.mark = mark


def _bounded(events):
    """Pass events on, stopping at the first collection nested deeper than the builder accepts, so
    200,000 opening brackets cost as much as 41."""
    depth = 0
    for event in events:
        if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the file's own top-level mapping is the first
                raise _TooDeep(event.start_mark)
        elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
            depth -= 1
        yield event


def _events(text: str):
    """The parser events of `text`: from libyaml's C parser when it reads the text cleanly (about ten
    times faster), else from ruamel's pure parser, whose error messages and positions we report."""
    try:
        from _ruamel_yaml import CParser
    except ImportError:  # no C extension on this machine: the pure parser does everything
        return _bounded(iter(YAML(typ="safe", pure=True).parse(text)))
    try:
        parser, events = CParser(text), []
        for event in _bounded(iter(parser.get_event, None)):
            if isinstance(event, ScalarEvent) and not event.style:
                event.style = None  # plain text: the pure parser says None, the C parser ''
            events.append(event)
            if isinstance(event, StreamEndEvent):
                return iter(events)
    except _TooDeep:
        raise
    except (YAMLError, ValueError, UnicodeError):  # let the pure parser find it and say where
        pass
    return _bounded(iter(YAML(typ="safe", pure=True).parse(text)))


def parse(text: str, file: str) -> Map:
    """Parse one YAML document into located nodes. Raises ContentError listing every problem."""
    problems = Problems()
    builder = _Builder(file, text, problems)
    root: Node | None = None
    try:
        events = _events(text)
        documents = 0
        for ev in events:
            if isinstance(ev, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.add(_loc(file, ev.start_mark), "the file holds more than one YAML document",
                                 hint="remove the '---' line; one file is one handout")
                    break
            elif isinstance(ev, StreamEndEvent):
                break
            elif not isinstance(ev, (MappingEndEvent, SequenceEndEvent)) and hasattr(ev, "start_mark") \
                    and type(ev).__name__ not in ("StreamStartEvent", "DocumentEndEvent"):
                root = builder.node(ev, events, 0)
    except YAMLError as exc:
        syntax = _syntax_problem(file, text, exc)
        # A problem already reported on this line usually caused the syntax error; say it once.
        if not any(p.loc.line == syntax.loc.line for p in problems.items):
            problems.add(*_as_args(syntax))
        raise ContentError(problems.items) from None
    except _TooDeep as deep:
        problems.add(_loc(file, deep.mark), f"nested more than {MAX_DEPTH} levels deep", hint=DEEP_HINT)
        raise ContentError(problems.items) from None
    except RecursionError:
        raise ContentError([Problem(Loc(file), "the YAML is nested too deeply to read")]) from None
    if root is None or (isinstance(root, Scalar) and not root.value.strip()):
        problems.add(Loc(file), "file is empty", hint="start from the example content.yaml in the README")
    elif not isinstance(root, Map):
        problems.add(root.loc, "the file must hold fields such as 'meta:' and 'sections:', not "
                     f"{KIND_NAMES[type(root)]}")
    problems.raise_if_any()
    assert isinstance(root, Map)
    return root


def _as_args(p: Problem):
    return (p.loc, p.message, p.path, p.hint)
