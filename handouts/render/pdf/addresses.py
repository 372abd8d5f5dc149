"""A web or mail address whose unbreakable piece (between the break points markup.address gives it)
is wider than its line is set a little smaller, whole, down to the style's `addressMin` (the layout's
smallest text size). Only below that would a line still cut it between letters, so no text is lost."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.render.pdf.markup import SOFT_BREAK_SIZE

STEP = 0.5  # sizes in half points, as the layouts try them


def soft_break(frag) -> bool:
    """A break point markup.address put in: a space too small to see."""
    return getattr(frag, "fontSize", None) == SOFT_BREAK_SIZE and frag.text.isspace()


def chains(frags) -> list[list[list[tuple[int, int, int]]]]:
    """Each address as its pieces, each piece as (frag, start, end) segments: words joined only by
    soft breaks. A word may run over several fragments (a change of style inside it)."""
    out: list = []
    chain: list = []
    word: list = []

    def end_word():
        nonlocal word
        if word:
            chain.append(word)
        word = []

    def end_chain():
        nonlocal chain
        end_word()
        if len(chain) > 1:
            out.append(chain)
        chain = []

    for i, frag in enumerate(frags):
        if not hasattr(frag, "text") or hasattr(frag, "cbDefn"):
            end_chain()
            continue
        if soft_break(frag):
            end_word()
            continue
        text, at = frag.text, 0
        while at < len(text):
            if text[at].isspace():
                end_chain()
                at += 1
                continue
            stop = at
            while stop < len(text) and not text[stop].isspace():
                stop += 1
            word.append((i, at, stop))
            at = stop
    end_chain()
    return out


def _width(frags, word) -> float:
    return sum(stringWidth(frags[i].text[a:b], frags[i].fontName, frags[i].fontSize) for i, a, b in word)


def fit(frags: list, room: float, minimum: float) -> list:
    """The fragments with every address too wide for `room` set smaller, and every address that fits
    a line whole without its break points (it moves to the next line whole rather than break), or
    `frags` itself."""
    if room <= 0 or not any(soft_break(f) for f in frags):
        return frags
    scaled: dict[int, list[tuple[int, int, float]]] = {}  # frag -> (start, end, new size)
    whole: set[int] = set()  # the break points of addresses short enough never to break
    for chain in chains(frags):
        widths = [_width(frags, word) for word in chain]
        if sum(widths) <= room:
            first, last = chain[0][-1][0], chain[-1][0][0]
            whole.update(i for i in range(first, last) if soft_break(frags[i]))
            continue
        widest = max(widths)
        if widest <= room:
            continue
        size = max(frags[i].fontSize for word in chain for i, _, _ in word)
        smaller = max(minimum, int(size * room / widest / STEP) * STEP)
        if smaller >= size:
            continue
        for word in chain:
            for i, a, b in word:
                scaled.setdefault(i, []).append((a, b, frags[i].fontSize * smaller / size))
    if not scaled and not whole:
        return frags
    out = []
    for i, frag in enumerate(frags):
        if i in whole:
            continue
        cuts = sorted(scaled.get(i, []))
        if not cuts:
            out.append(frag)
            continue
        at = 0
        for a, b, size in cuts:
            if a > at:
                out.append(frag.clone(text=frag.text[at:a]))
            out.append(frag.clone(text=frag.text[a:b], fontSize=size))
            at = b
        if at < len(frag.text):
            out.append(frag.clone(text=frag.text[at:]))
    return out


def fit_para(para, width: float) -> None:
    """Set `para`'s addresses for a line `width` wide, once per width, from its own fragments."""
    if para.__dict__.get("_address_width") == width:
        return
    para._address_width = width
    original = para.__dict__.setdefault("_address_frags", para.frags)
    style = para.style
    frags = fit(original, width - style.leftIndent - style.rightIndent, getattr(style, "addressMin", 0.0))
    if frags is not para.frags:
        para.frags, para._layout, para._wrapped = frags, None, None
