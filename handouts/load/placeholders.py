"""Placeholders such as `{{ clinic.phone }}`: the value of a clinic or meta field, put into text.

Content text is data, and nothing in it runs. The one form allowed is `{{ clinic.name }}` or
`{{ meta.name }}`; any other `{{ }}`, and every `{%` or `{#`, is refused at its place before any
text is filled. A value may name other fields: those are followed at most MAX_DEPTH deep, and no
filled text may grow past MAX_CHARS, so no file can make the work unbounded.
"""

from __future__ import annotations

import re

from handouts.errors import Problems
from handouts.read.spec import Str, fold

_TOKEN = re.compile(r"\{\{(.*?)\}\}|\{%|\{#", re.S)
_NAME = re.compile(r"\s*(clinic|meta)\.([a-z_]+)\s*")
MAX_DEPTH = 8
MAX_CHARS = 20_000

# Field names a writer may reach for, in English or in another language, for the ones we have.
_SAME_AS = {
    "telephone": "phone", "tel": "phone", "phonenumber": "phone", "telefono": "phone", "teléfono": "phone",
    "telefone": "phone", "téléphone": "phone", "mobile": "phone",
    "mail": "email", "emailaddress": "email", "correo": "email", "courriel": "email",
    "web": "website", "site": "website", "url": "website", "sitioweb": "website", "homepage": "website",
    "direccion": "address", "dirección": "address", "adresse": "address", "location": "address",
    "emergencia": "emergency", "urgencias": "emergency", "urgence": "emergency", "emergencynumber": "emergency",
    "nombre": "name", "nom": "name", "clinic": "name", "clinicname": "name",
}


def names_in(text: str) -> list[str]:
    """The fields a text names, as 'clinic.phone', in order (syntax already checked)."""
    return [_field(m.group(1)) for m in _TOKEN.finditer(text) if m.group(1) is not None]


def _field(inner: str) -> str:
    """'clinic.phone' from the inside of a placeholder whose syntax is already checked."""
    name = _NAME.fullmatch(inner)
    assert name is not None, inner  # callers pass text whose syntax is checked (fill: by Context.check)
    return ".".join(name.groups())


class Context:
    """The values placeholders may name: 'clinic.phone' -> its text as written (still unfilled)."""

    def __init__(self, values: dict[str, str], known_fields: set[str]):
        self.values, self.known_fields = values, known_fields
        self._done: dict[str, str | _Stop] = {}
        self._busy: set[str] = set()

    def check(self, text: Str, problems: Problems, path: str = "") -> bool:
        """Record every placeholder problem in `text`; True when it can be filled."""
        path = path or text.path
        if "{" not in text and "}" not in text:
            return True
        ok = True
        for m in _TOKEN.finditer(text):
            inner = m.group(1)
            if inner is None:  # {% or {#
                problems.add(text.loc_at(m.start()), "only {{ clinic.… }} or {{ meta.… }} placeholders are allowed "
                             "in text", path, "remove the '{%' or '{#'; content cannot hold template logic")
                return False
            name = _NAME.fullmatch(inner)
            if not name:
                problems.add(text.loc_at(m.start()), f"'{{{{{inner}}}}}' is not a placeholder this tool can fill",
                             path, "a placeholder names one field, like {{ clinic.phone }} or {{ meta.title }}")
                ok = False
                continue
            wanted = ".".join(name.groups())
            if wanted not in self.values and any(p.path == wanted for p in problems.items):
                ok = False  # the field itself is wrong, and that problem is already said at its own place
            elif wanted not in self.values:
                problems.add(text.loc_at(m.start()), f"unknown placeholder {{{{ {wanted} }}}}", path,
                             self._hint(wanted))
                ok = False
        leftover = _TOKEN.sub("", text)
        if ok and "{{" in leftover:
            problems.add(text.loc_at(text.rfind("{{")), "a placeholder is not closed: every '{{' needs a matching "
                         "'}}'", path, "write it as {{ clinic.phone }}")
            return False
        if ok and "}}" in leftover:
            problems.add(text.loc, "'}}' appears without an opening '{{'", path,
                         "remove it, or write a placeholder as {{ clinic.phone }}")
            return False
        return ok

    def _hint(self, wanted: str) -> str:
        import difflib  # only on the error path

        root, key = wanted.split(".")
        if wanted in self.known_fields:  # a real field, left out of this file
            return f"add '{key}:' under '{root}:' first"
        names = sorted(self.values)
        meant = f"{root}.{_SAME_AS.get(key.replace('_', ''), '')}"
        if meant in names:
            return f"did you mean {{{{ {meant} }}}}?"
        close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
        if close:
            return f"did you mean {{{{ {close[0]} }}}}?"
        return "names you can use: " + ", ".join(names)

    def value(self, name: str, depth: int = 0) -> str:
        """A field's text with its own placeholders filled. Raises _Stop for a loop, a chain deeper
        than MAX_DEPTH or a text that grows past MAX_CHARS."""
        done = self._done.get(name)
        if isinstance(done, _Stop):
            raise done
        if done is not None:
            return done
        if name in self._busy:
            raise _Stop("loop")
        if depth > MAX_DEPTH:
            raise _Stop("deep")
        self._busy.add(name)
        try:
            self._done[name] = filled = self._substitute(self.values[name], depth + 1)
        except _Stop as stop:
            self._done[name] = stop
            raise
        finally:
            self._busy.discard(name)
        return filled

    def _substitute(self, text: str, depth: int) -> str:
        out, pos, size = [], 0, 0
        for m in _TOKEN.finditer(text):
            value = self.value(_field(m.group(1)), depth)
            out += [text[pos:m.start()], value]
            size += m.start() - pos + len(value)
            if size > MAX_CHARS:
                raise _Stop("size")
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)

    def fill(self, text: Str, problems: Problems) -> Str | None:
        """The text with its placeholders filled (check() has passed), or None after a problem."""
        if "{{" not in text:
            return text
        try:
            filled = self._substitute(text, 0)
        except _Stop as stop:
            message, hint = _STOPS[stop.reason]
            problems.add(text.loc, message, text.path, hint)
            return None
        return text.with_value(fold(filled))


class _Stop(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_STOPS = {
    "loop": ("a placeholder's value refers back to itself, so it can never be filled",
             "make clinic and meta fields plain text, or point them at a field that has no placeholder"),
    "deep": (f"placeholders name each other more than {MAX_DEPTH} deep",
             "make clinic and meta fields plain text, or point them at a field that has no placeholder"),
    "size": (f"filling its placeholders makes this text longer than {MAX_CHARS:,} characters",
             "a value that repeats other placeholders many times grows too fast; write the text out instead"),
}
