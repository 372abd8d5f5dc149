"""Where the web and mail addresses of a leaflet break over two lines, re-read from a PDF.

The addresses come from the YAML (the clinic's email and website, the online version, the sources,
and any address written in a sentence), read with the oracle. The lines come from poppler's
`pdftotext -bbox-layout`, in its reading order, word by word: its plain mode would join a line that
ends in "-" to the next, as if the hyphen had been added.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

from oracle import Leaflet

BREAK_AFTER = "/.@-_?&"  # what issue #24 allows an address to break after
_WRITTEN = re.compile(r"https?://[^\s<>()]+|www\.[^\s<>()]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_GAP = 1.0  # points: pieces of an address closer than this sit side by side, with no space


def addresses(leaflet: Leaflet) -> list[str]:
    """Every address a reader may see, without its scheme (a deck may leave it off)."""
    found = [leaflet.clinic.get("email"), leaflet.clinic.get("website"), leaflet.meta.get("online_url")]
    found += [s.get("url") for s in leaflet.meta.get("sources", [])]
    for text in leaflet.all_block_texts():
        found += [m.group().rstrip(".,;:!?") for m in _WRITTEN.finditer(text)]
    bare = {re.sub(r"^https?://", "", a) for a in found if a}
    return sorted(bare, key=len, reverse=True)


def lines(pdf) -> list[str]:
    """Every line of the PDF in poppler's reading order; words a hair apart joined as one."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml).replace(b"&nbsp;", b" ")
    out = []
    for line in ET.fromstring(xml).iter("{http://www.w3.org/1999/xhtml}line"):
        text, right = "", None
        for word in line:
            left = float(word.get("xMin"))
            text += ("" if right is None or abs(left - right) < _GAP else " ") + (word.text or "")
            right = float(word.get("xMax"))
        out.append(_latin(text) if _RTL.search(text) else text)
    return out


_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _latin(line: str) -> str:
    """A right-to-left line as its left-to-right words only: the page shows them left of the
    right-to-left words they follow, so an address's pieces meet across lines with nothing between."""
    return " ".join(w for w in line.split() if not _RTL.search(w) and re.search(r"[A-Za-z0-9]", w))


def breaks(pdf, wanted: list[str]) -> tuple[dict[str, int], list[str]]:
    """(how often each address is found whole, allowing line breaks in it; each bad break as
    'before|after'). An address cut between letters is not found whole where it was cut."""
    text = "\n".join(lines(pdf))
    found: dict[str, int] = {}
    bad: list[str] = []
    for address in wanted:
        pattern = "".join(re.escape(c) + ("(\\s*\\n\\s*)?" if i < len(address) - 1 else "")
                          for i, c in enumerate(address))
        found[address] = 0
        for match in re.finditer(pattern, text):
            found[address] += 1
            for i, group in enumerate(match.groups()):
                if group is not None and address[i] not in BREAK_AFTER:
                    bad.append(f"{address[:i + 1]}|{address[i + 1:]}")
        text = re.sub(pattern, " ", text)  # a shorter address inside a longer one is not counted twice
    return found, bad
