"""An independent reading of a content file: what a patient should find in the outputs.

It shares no code with handouts. It reads the YAML with ruamel's base loader (every value a
string), and knows the content format from the README: it fills {{ clinic.x }} and {{ meta.x }}
itself, drops the **bold** and *italic* markers, and expands `standard:` blocks from the labels
catalogue file. Tests take their expected text from here, never from handouts' own walkers.
"""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_PLACEHOLDER = re.compile(r"\{\{\s*(clinic|meta)\.(\w+)\s*\}\}")
_EMPHASIS = re.compile(r"\*\*\*(.+?)\*\*\*|\*\*(.+?)\*\*|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")


def read_yaml(path: Path):
    return YAML(typ="base").load(path.read_text(encoding="utf-8"))


def long_date(iso: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def short_date(iso: str) -> str:
    year, month, _ = (int(x) for x in iso.split("-"))
    return f"{MONTHS[month - 1][:3]} {year}"


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


class Leaflet:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.data = read_yaml(self.path)
        self.meta, self.clinic = self.data["meta"], self.data["clinic"]
        language = self.meta["language"].lower().split("-")[0]
        labels = ROOT / "templates" / "labels" / f"{language}.yaml"
        self.labels = read_yaml(labels if labels.exists() else ROOT / "templates" / "labels" / "en.yaml")

    # -- text --------------------------------------------------------------------------------
    def _value(self, root: str, key: str) -> str:
        value = (self.meta if root == "meta" else self.clinic)[key]
        if key in ("last_reviewed", "next_review"):
            return long_date(value)
        if isinstance(value, list):
            return "; ".join(value)
        return self.fill(value)

    def fill(self, text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self._value(*m.groups()), text)

    def text(self, raw: str) -> str:
        """What a reader sees of one field: placeholders filled, emphasis markers gone, spaces folded."""
        plain = _EMPHASIS.sub(lambda m: next(g for g in m.groups() if g is not None), self.fill(raw))
        return " ".join(plain.replace("\\*", "*").split())

    # -- structure ---------------------------------------------------------------------------
    @property
    def title(self) -> str:
        return self.text(self.meta["title"])

    @property
    def key_messages(self) -> list[str]:
        return [self.text(t) for t in self.data["key_messages"]]

    def sections(self):
        """(level, section) in reading order."""
        for section in self.data["sections"]:
            yield 1, section
            for sub in section.get("sections", []):
                yield 2, sub

    def blocks(self, section):
        """(kind, value) of a section's own blocks, with standard texts expanded into callouts."""
        for block in section.get("blocks", []):
            (kind, value), = block.items()
            if kind == "standard":
                yield "callout", self.standard(value)
            else:
                yield kind, value

    def standard(self, name: str) -> dict:
        std = self.labels["standard"][name]
        callout = {"kind": std["kind"], "title": std["title"]}
        if name == "emergency":
            signs = self.data.get("emergency_signs", [])
            callout["text"] = std["signs"] if signs else std["text"]
            callout["items"] = signs
        else:
            callout["text"] = std["text"]
            callout["items"] = [i for i in std.get("items", [])
                                if all(key in self.clinic for _, key in _PLACEHOLDER.findall(i))]
        return callout

    def block_texts(self, kind: str, value, rows_read: bool = False) -> list[str]:
        """A block's visible texts, in reading order; with `rows_read`, a table's rows as they are
        read out (the text edition, the speaker notes): each cell after its heading."""
        if kind == "paragraph":
            raw = [value]
        elif kind == "bullets":
            raw = list(value)
        elif kind == "terms":
            raw = [x for item in value for x in (item["term"], item["text"])]
        elif kind == "steps":
            raw = ([value["title"]] if "title" in value else []) + list(value["items"])
        elif kind == "callout":
            raw = [value["title"]] + ([value["text"]] if "text" in value else []) + list(value.get("items", []))
        elif kind == "faq":
            raw = [x for item in value for x in (item["q"], item["a"])]
        elif kind == "image":
            raw = [value["caption"]] if "caption" in value else []
        elif kind == "table":
            raw = ([value["caption"]] if "caption" in value else []) + (
                [self.table_row(value["header"], row) for row in value["rows"]] if rows_read else
                list(value["header"]) + [cell for row in value["rows"] for cell in row])
        else:
            raise AssertionError(f"the oracle does not know block kind {kind!r}")
        return [self.text(r) for r in raw]

    def tables(self) -> list[dict]:
        """Every table block as written: caption (or None), header and rows, their texts plain."""
        return [{"caption": self.text(v["caption"]) if "caption" in v else None,
                 "header": [self.text(h) for h in v["header"]],
                 "rows": [[self.text(c) for c in row] for row in v["rows"]]}
                for _, s in self.sections() for kind, v in self.blocks(s) if kind == "table"]

    def table_row(self, header: list[str], row: list[str]) -> str:
        """A row read out as the labels catalogue says: each cell after its heading."""
        words = self.labels["words"]
        return words["list_separator"].join(words["table_cell"].replace("{header}", h).replace("{cell}", c)
                                            for h, c in zip(header, row))

    def reading_order(self, rows_read: bool = False) -> list[str]:
        """The title, the main points, then every section title and block text, in order."""
        out = [self.title, *self.key_messages]
        for _, section in self.sections():
            out.append(self.text(section["title"]))
            for kind, value in self.blocks(section):
                out += self.block_texts(kind, value, rows_read)
        return out

    def all_block_texts(self) -> list[str]:
        return [t for _, s in self.sections() for kind, value in self.blocks(s) for t in self.block_texts(kind, value)]

    def disclaimer(self) -> str:
        return self.text(self.meta.get("disclaimer") or self.labels["standard"]["disclaimer"])

    def sources(self) -> list[str]:
        return [self.text(s["title"]) for s in self.meta.get("sources", [])]

    def alt_texts(self) -> list[str]:
        return [self.text(v["alt"]) for _, s in self.sections() for kind, v in self.blocks(s) if kind == "image"]
