"""How a table's columns share a width, for the page and the slide alike (pure arithmetic)."""

from __future__ import annotations

from collections.abc import Sequence

TOO_WIDE_HINT = "use fewer columns or shorter words; a list of terms may read better"


def share(words: Sequence[float], natural: Sequence[float], width: float) -> tuple[list[float], list[int]]:
    """Each column's width from its longest word and its longest text, both padded: a column whose
    text fits its fair share keeps its text on one line, the others share the rest in proportion to
    their text, and none is narrower than its longest word while the words fit at all. Also the
    columns whose longest word does not fit (the table is too wide: the words share the width)."""
    if sum(words) >= width:
        widths = [width * w / sum(words) for w in words]
        return widths, [c for c, (w, need) in enumerate(zip(widths, words)) if need > w + 0.01]
    if sum(natural) <= width:  # every cell on one line: the room left goes evenly
        return [n + (width - sum(natural)) / len(natural) for n in natural], []
    fixed: dict[int, float] = {}
    while True:  # columns whose text fits their share keep it on one line
        flexible = [c for c in range(len(natural)) if c not in fixed]
        room = width - sum(fixed.values())
        fits = [c for c in flexible if natural[c] <= room / len(flexible)]
        if not fits:
            break
        fixed.update({c: natural[c] for c in fits})
    room = width - sum(fixed.values())
    shares = {c: room * natural[c] / sum(natural[f] for f in flexible) for c in flexible}
    short = {c: words[c] - shares[c] for c in flexible if shares[c] < words[c]}  # raised to the longest word,
    spare = {c: shares[c] - words[c] for c in flexible if c not in short}  # taken from the others' slack
    for c in short:
        shares[c] = words[c]
    for c in spare:
        shares[c] -= sum(short.values()) * spare[c] / sum(spare.values())
    return [fixed.get(c, shares.get(c, 0.0)) for c in range(len(natural))], []
