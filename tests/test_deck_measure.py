"""Text measurement: real Arimo advance widths, and wrapping that keeps words whole."""

from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.render.deck import measure
from handouts.theme.fonts import font_file

FAMILY = "Arimo"


def test_regular_width_is_the_sum_of_the_fonts_advance_widths():
    font = TTFont(font_file(FAMILY))
    cmap, hmtx, upem = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    text = "Knee spasms: 15 minutes!"
    expected = sum(hmtx[cmap[ord(c)]][0] for c in text) / upem * 24
    assert abs(measure.text_width(FAMILY, text, 24) - expected) < 1e-6


def test_bold_and_italic_use_their_own_widths():
    regular = measure.text_width(FAMILY, "bond", 24)
    bold = measure.text_width(FAMILY, "bond", 24, bold=True)
    assert bold > regular  # Arial Bold's lower-case letters are wider
    assert abs(bold - 4 * 1251 / 2048 * 24) < 0.01  # 'b', 'o', 'n', 'd' are 1251 units wide at wght 700
    assert measure.text_width(FAMILY, "x", 10) * 2 == measure.text_width(FAMILY, "x", 20)


def test_wrap_breaks_at_spaces_and_fills_each_line():
    runs = [("Call us on (555) 014-2290 if you notice any of these signs.", False, False)]
    lines = measure.wrap(FAMILY, runs, 24, 300)
    assert " ".join(lines) == runs[0][0]
    for line, nxt in zip(lines, lines[1:]):
        assert measure.text_width(FAMILY, line, 24) <= 300
        assert measure.text_width(FAMILY, line + " " + nxt.split()[0], 24) > 300  # greedy: nothing fitted back


def test_a_word_wider_than_the_box_is_cut_between_characters():
    lines = measure.wrap(FAMILY, [("Supercalifragilisticexpialidocious is long", False, False)], 24, 200)
    assert "".join(lines[:2]).startswith("Supercalifragilisticexpialidocious")
    assert all(measure.text_width(FAMILY, line, 24) <= 200 for line in lines)


def test_height_adds_line_pitch_and_space_between_paragraphs():
    one = measure.Para((("One line", False, False),), 24, 28.8)
    two = measure.Para((("Another line", False, False),), 24, 28.8, space_before=12)
    assert measure.height(FAMILY, [one], 500) == 28.8
    assert measure.height(FAMILY, [one, two], 500) == 28.8 * 2 + 12
    indented = measure.Para((("word " * 30, False, False),), 24, 28.8, indent=100)
    assert measure.height(FAMILY, [indented], 500) > measure.height(FAMILY, [measure.Para(
        indented.runs, 24, 28.8)], 500)


WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzWM.,", min_size=1, max_size=12), min_size=1,
                 max_size=50)


@settings(max_examples=60, deadline=None)
@given(words=WORDS, width=st.integers(min_value=250, max_value=900), bold=st.booleans())
def test_wrapping_never_cuts_a_word_that_fits_on_a_line(words, width, bold):
    # the widest word here (12 x "M" at 24 pt) is 240 pt, so no word needs cutting
    lines = measure.wrap(FAMILY, [(" ".join(words), bold, False)], 24, width)
    assert [w for line in lines for w in line.split()] == words
    for line in lines:
        assert measure.text_width(FAMILY, line, 24, bold=bold) <= width + 1e-9
