"""The layout corpus: leaflets of varied shape made from a seed, to try the layouts on content
nobody tuned them for (issue 24). Sentences come from the frozen fixtures of each language; the
shape (how long, how many lists and pictures, how long the title and the clinic's name, how many
main points, which block kinds) is drawn at random from the seed. `make(folder)` writes them.

Shapes: very short, long, list-heavy, long list items, many pictures, tall pictures, a 120-character
title, 3 to 8 main points, a long clinic name, every block kind; in English, Spanish, Vietnamese,
Arabic and Hindi."""

from __future__ import annotations

import random
import re
from pathlib import Path

from ruamel.yaml import YAML

LEAFLETS = Path(__file__).resolve().parent.parent / "leaflets"
SOURCES = {"en": [LEAFLETS / "knee-muscle-spasms.yaml", LEAFLETS / "topics" / "cataract-surgery.yaml"],
           "es": [LEAFLETS / "languages" / "es.yaml", LEAFLETS / "topics" / "asthma-inhaler.es.yaml"],
           "vi": [LEAFLETS / "languages" / "vi.yaml"], "ar": [LEAFLETS / "languages" / "ar.yaml"],
           "hi": [LEAFLETS / "languages" / "hi.yaml"]}
LANGUAGES = ("en", "en", "es", "vi", "ar", "hi")
SHAPES = ("short", "long", "lists", "long_items", "pictures", "tall_pictures", "long_title", "points",
          "long_clinic", "every_kind")
COUNT = 30
_SENTENCE = re.compile(r"(?<=[.!?।؟])\s+")


def pool(language: str) -> list[str]:
    """The sentences of a language's fixtures: every paragraph, item and answer, split at sentence ends."""
    texts: list[str] = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in ("meta", "clinic", "title", "slide_points", "alt", "path", "kind", "standard"):
                    walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("paragraph", "bullets", "items", "text", "a", "key_messages") \
                and "{{" not in node and "*" not in node:
            texts.extend(s for s in _SENTENCE.split(node) if len(s) > 8)

    for path in SOURCES[language]:
        walk(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    return sorted(set(texts))


def _png(path: Path, width: int, height: int, seed: int) -> None:
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (240, 244, 250))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.ellipse((x - 20, y - 20, x + 20, y + 20), fill=(rng.randrange(40, 200), 90, 160))
    image.save(path)


class _Writer:
    def __init__(self, rng: random.Random, language: str, folder: Path, name: str):
        self.rng, self.language, self.folder, self.name = rng, language, folder, name
        self.sentences = pool(language)
        self.pictures = 0

    def sentence(self) -> str:
        return self.rng.choice(self.sentences)

    def text(self, count: int) -> str:
        return " ".join(self.sentence() for _ in range(count))

    def title(self, length: int = 0) -> str:
        """A heading made of a sentence's words (no end mark), or one of about `length` characters."""
        words = self.sentence().rstrip(".!?।؟").split()
        title = " ".join(words[:self.rng.randint(2, 6)])
        while length and len(title) < length:
            title += " " + " ".join(self.sentence().rstrip(".!?।؟").split())
        return title[:length].rstrip() if length else title

    def picture(self, tall: bool) -> dict:
        self.pictures += 1
        name = f"{self.name}-{self.pictures}.png"
        size = (120, self.rng.randint(260, 420)) if tall else (self.rng.randint(160, 320), self.rng.randint(90, 200))
        _png(self.folder / name, *size, self.rng.randrange(10**6))
        block = {"path": name, "alt": self.title()}
        if self.rng.random() < 0.7:
            block["caption"] = self.sentence()
        return {"image": block}

    def block(self, kind: str, shape: str) -> dict:
        rng = self.rng
        def items(n: int) -> list[str]:
            return [self.text(rng.randint(3, 5)) if shape == "long_items" else self.sentence() for _ in range(n)]

        if kind == "paragraph":
            return {"paragraph": self.text(rng.randint(1, 5))}
        if kind == "bullets":
            return {"bullets": items(rng.randint(2, 9))}
        if kind == "steps":
            steps = {"items": items(rng.randint(3, 9))}
            if rng.random() < 0.8:
                steps = {"title": self.title(), **steps}
            return {"steps": steps}
        if kind == "callout":
            callout: dict = {"kind": rng.choice(["tip", "note", "get_help"]), "title": self.title()}
            if rng.random() < 0.6:
                callout["text"] = self.text(rng.randint(1, 3))
            if "text" not in callout or rng.random() < 0.5:
                callout["items"] = items(rng.randint(2, 6))
            return {"callout": callout}
        if kind == "terms":
            return {"terms": [{"term": self.title(), "text": self.text(rng.randint(1, 2))}
                              for _ in range(rng.randint(2, 4))]}
        if kind == "faq":
            return {"faq": [{"q": self.title() + "?", "a": self.text(rng.randint(1, 3))}
                            for _ in range(rng.randint(2, 4))]}
        if kind == "image":
            return self.picture(shape == "tall_pictures" or rng.random() < 0.15)
        if kind == "standard":
            return {"standard": rng.choice(["emergency", "contact"])}
        raise ValueError(kind)


KINDS = ("paragraph", "bullets", "steps", "callout", "terms", "faq", "image", "standard")


def leaflet(number: int, seed: int, folder: Path) -> Path:
    """One leaflet of the corpus, written into `folder` with its pictures; its shape and language
    follow from its number, its words from the seed."""
    rng = random.Random(seed * 1000 + number)
    shape, language = SHAPES[number % len(SHAPES)], LANGUAGES[number % len(LANGUAGES)]
    name = f"corpus-{number:02d}-{shape.replace('_', '-')}-{language}"
    w = _Writer(rng, language, folder, name)
    weights = {"paragraph": 5, "bullets": 3, "steps": 2, "callout": 2, "terms": 1, "faq": 1, "image": 1,
               "standard": 0.3}
    if shape == "lists" or shape == "long_items":
        weights.update(bullets=8, steps=4)
    if shape in ("pictures", "tall_pictures"):
        weights.update(image=5)
    sections = {"short": (1, 2), "long": (8, 11)}.get(shape, (3, 6))
    per_section = {"short": (1, 2), "long": (4, 7)}.get(shape, (2, 5))
    out_sections = []
    kinds_left = list(KINDS) if shape == "every_kind" else []
    for _ in range(rng.randint(*sections)):
        blocks = []
        for _ in range(rng.randint(*per_section)):
            kind = kinds_left.pop(0) if kinds_left else rng.choices(list(weights), list(weights.values()))[0]
            blocks.append(w.block(kind, shape))
        section: dict = {"title": w.title(), "slide_points": [w.title()], "blocks": blocks}
        if rng.random() < 0.35:
            section["sections"] = [{"title": w.title(), "blocks": [w.block(k, shape) for k in
                                    rng.choices(list(weights), list(weights.values()), k=rng.randint(1, 3))]}]
        out_sections.append(section)
    points = rng.randint(3, 8) if shape == "points" else rng.randint(3, 5)
    clinic_name = w.title(110) if shape == "long_clinic" else w.title()
    data = {
        "meta": {"title": w.title(120) if shape == "long_title" else w.title(), "slug": name,
                 "language": {"en": "en-GB" if number % 2 else "en-US"}.get(language, language),
                 "version": "1.0", "last_reviewed": "2026-01-10", "next_review": "2099-01-10",
                 "reviewer": "Dr Test", "sources": [{"title": w.title()}],
                 **({"online_url": "https://www.example.org/leaflets/" + name} if rng.random() < 0.6 else {})},
        "clinic": {"name": clinic_name, "phone": "555 0100", "emergency": "911",
                   **({"email": "team@example.org", "website": "https://www.example.org"} if rng.random() < 0.5
                      else {})},
        "key_messages": [w.sentence() for _ in range(points)],
        "sections": out_sections,
    }
    path = folder / f"{name}.yaml"
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode, yaml.default_flow_style, yaml.width = True, False, 4096
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return path


def make(folder: Path, seed: int = 24, count: int = COUNT) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [leaflet(n, seed, folder) for n in range(count)]
