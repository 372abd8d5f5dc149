"""Strict loading: every rule pinned to its exact message, line and column."""

import pytest
from conftest import ROOT, VALID
from oracle import read_yaml

from handouts.errors import ContentError
from handouts.load import load

EMERGENCY = read_yaml(ROOT / "templates" / "labels" / "en.yaml")["standard"]["emergency"]


def messages(path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(path)
    return [str(p).replace(str(path.parent) + "/", "") for p in info.value.problems]


def variant(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


def test_valid_file_loads_with_placeholders_filled(write):
    article = load(write(VALID))
    assert article.meta.slug == "test-leaflet"
    assert article.key_messages[0].plain == "Call us on 555\u00a00100 if you are worried."  # a number never breaks
    assert article.key_messages[0].loc.line == 16


def test_five_mistakes_give_five_messages_in_one_run(write):
    text = (VALID.replace("  title: Test leaflet\n", "  title: Test leaflet\n  subtitel: Oops\n")
            .replace("slug: test-leaflet", "slug: Test Leaflet")
            .replace("last_reviewed: 2026-01-10", "last_reviewed: 2026-02-30")
            .replace("{{ clinic.phone }}", "{{ clinic.phnoe }}")
            .replace("slide_points: [One point]", "slide_points: One point"))
    assert messages(write(text)) == [
        "content.yaml:3:3: meta: unknown key 'subtitel' (hint: did you mean 'subtitle'?)",
        "content.yaml:4:9: meta.slug: 'Test Leaflet' is not a valid slug (hint: use lower-case letters, "
        "digits and single hyphens, e.g. knee-muscle-spasms)",
        "content.yaml:7:18: meta.last_reviewed: '2026-02-30' is not a real date "
        "(hint: write dates as YYYY-MM-DD, for example 2027-03-31)",
        "content.yaml:17:16: key_messages[1]: unknown placeholder {{ clinic.phnoe }} "
        "(hint: did you mean {{ clinic.phone }}?)",
        "content.yaml:20:19: sections[1].slide_points: expected a list, got text "
        "(hint: start each item on its own line with '- ')",
    ]


def test_a_wrong_field_is_said_once_not_again_where_a_placeholder_names_it(write):
    text = VALID.replace('phone: "555 0100"', 'phone: "call 555 0100"')
    assert messages(write(text)) == [
        "content.yaml:13:10: clinic.phone: 'call 555 0100' is not a valid phone number "
        "(hint: use digits, spaces and + ( ) - only)"]


def test_numbers_in_arabic_persian_and_devanagari_digits_are_phone_numbers(write):
    text = VALID.replace('phone: "555 0100"', 'phone: "۵۵۵ ٠١٠٠"').replace('emergency: "911"', 'emergency: "११२"')
    article = load(write(text))
    assert article.clinic.phone == "۵۵۵ ٠١٠٠" and article.clinic.emergency == "११२"
    # a phone reaches the PDF's call link in the digits every phone dials
    import pikepdf
    from click.testing import CliRunner

    from handouts.cli import main

    source = write(text)
    result = CliRunner().invoke(main, ["pdf", str(source), "-o", str(source.parent / "out")])
    assert result.exit_code == 0, result.output
    with pikepdf.open(source.parent / "out" / "test-leaflet.pdf") as pdf:
        uris = {str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a}
    assert "tel:5550100" in uris, uris


CASES = {
    "unquoted colon": (
        variant("title: First section", "title: Note: first section"),
        ["content.yaml:18:16: YAML syntax error: text contains ': ', which YAML reads as a new field "
         "(hint: put the text in quotes: \"Dose: one tablet\")"]),
    "tab indentation": (
        variant("  name: Test Clinic", "\tname: Test Clinic"),
        ["content.yaml:12:1: YAML syntax error: a tab is used for indentation "
         "(hint: indent with spaces only; YAML does not allow tabs)"]),
    "value starts with {{": (
        variant("  phone: \"555 0100\"\n", "  phone: \"555 0100\"\n  address: {{ clinic.name }}\n"),
        ["content.yaml:14:12: text that starts with '{{' was read as a YAML mapping "
         "(hint: put the text in quotes: \"{{ clinic.phone }} ...\")"]),
    "text cut short by #": (
        variant("- paragraph: You can read this.", "- paragraph: Take tablet #2 twice #daily"),
        ["content.yaml:21:20: sections[1].blocks[1].paragraph: the text stops at ' #' and the rest is lost: "
         "'#2 twice #daily' (hint: put the whole text in quotes, or move the comment to its own line)"]),
    "comment after a slug is fine, after prose it is not": (
        variant("slug: test-leaflet", "slug: test-leaflet  # the file name").replace(
            "- paragraph: You can read this.", "- paragraph: Rest # then ice"),
        ["content.yaml:21:20: sections[1].blocks[1].paragraph: the text stops at ' #' and the rest is lost: "
         "'# then ice' (hint: put the whole text in quotes, or move the comment to its own line)"]),
    "a placeholder in another language's words": (
        variant("{{ clinic.phone }}", "{{ clinic.telefono }}"),
        ["content.yaml:16:16: key_messages[1]: unknown placeholder {{ clinic.telefono }} "
         "(hint: did you mean {{ clinic.phone }}?)"]),
    "a placeholder naming a field this file leaves out": (
        variant("{{ clinic.phone }}", "{{ clinic.website }}"),
        ["content.yaml:16:16: key_messages[1]: unknown placeholder {{ clinic.website }} "
         "(hint: add 'website:' under 'clinic:' first)"]),
    "a list with nothing under it": (
        variant("      - paragraph: You can read this.", "      - bullets:"),
        ["content.yaml:21:17: sections[1].blocks[1].bullets: the list is empty "
         "(hint: add its items under it, each on its own line starting with '- ')"]),
    "steps written straight as a list": (
        variant("      - paragraph: You can read this.", "      - steps:\n          - Sit down.\n          - Stand up."),
        ["content.yaml:22:11: sections[1].blocks[1].steps: expected a group of fields, got a list (hint: write "
         "'items:' on the line under it and indent the list below that; a 'title:' may go before it)"]),
    "unquoted colon in a list item": (
        variant("  - Call us on {{ clinic.phone }} if you are worried.", "  - Remember: call us if you are worried."),
        ["content.yaml:16:5: key_messages[1]: text contains ': ', which YAML reads as a new field "
         "(hint: put the whole text in quotes: \"Remember: call us if you are worried.\")"]),
    "a line that is neither a field nor a list item": (
        variant("    slide_points: [One point]\n", "    slide_points: [One point]\ncheck this with the doctor\n"),
        ["content.yaml:20:1: this line is neither a field ('name: text') nor a list item ('- text') (hint: if it "
         "is a new list item, start it with '- '; if it goes on from the text above, put that whole text in quotes "
         "on one line; if it is a note to yourself, start it with '#')"]),
    "a quote not closed on its line": (
        variant("- paragraph: You can read this.", '- paragraph: "You can read this.').replace(
            "title: Get help", 'title: "Get help"'),
        ["content.yaml:21:20: a quote mark opened here is not closed on its line "
         "(hint: add the closing quote at the end of the text)"]),
    "a no-break space in the indent": (
        variant("      - paragraph: You can read this.", "\u00a0     - paragraph: You can read this."),
        ["content.yaml:21:1: a no-break space (often pasted in from a word processor) stands where YAML needs a "
         "plain space (hint: retype the spaces at the start of this line, and after its '-' or ':', with the "
         "space bar)"]),
    "a tab after a dash": (
        variant("      - paragraph: You can read this.", "      -\tparagraph: You can read this."),
        ["content.yaml:21:8: YAML syntax error: a tab is used where YAML needs a space "
         "(hint: use the space bar; YAML does not allow tabs)"]),
    "a list item without its dash": (
        variant("  - Call us on {{ clinic.phone }} if you are worried.\n",
                "  - Call us on {{ clinic.phone }} if you are worried.\n  Rest your knee.\n"),
        ["content.yaml:17:3: this line is neither a field ('name: text') nor a list item ('- text') (hint: if it "
         "is a new list item, start it with '- '; if it goes on from the text above, put that whole text in quotes "
         "on one line; if it is a note to yourself, start it with '#')"]),
    "anchor and alias": (
        variant("  name: Test Clinic", "  name: &n Test Clinic\n  address: *n"),
        ["content.yaml:12:9: YAML anchor '&n' is not allowed (hint: remove the '&' name; each value is written out in full)",
         "content.yaml:13:12: YAML alias '*n' is not allowed (hint: write the text out in full instead of reusing it)"]),
    "tag": (
        variant("  name: Test Clinic", "  name: !!python/object:os.system Test"),
        ["content.yaml:12:9: YAML tag '!!python/object:os.system' is not allowed "
         "(hint: remove the '!' part; values are plain text)"]),
    "duplicate key": (
        variant("  name: Test Clinic", "  name: Test Clinic\n  name: Other Clinic"),
        ["content.yaml:13:3: duplicate key 'name' (first used on line 12) "
         "(hint: each field may appear once: merge the two, or, if this one starts a new item of a list, put "
         "'- ' before its first field)"]),
    "unknown key": (
        variant("  reviewer: Dr Test", "  reveiwer: Dr Test"),
        ["content.yaml:8:3: meta: unknown key 'reveiwer' (hint: did you mean 'reviewer'?)"]),
    "string where a list belongs": (
        variant("  - Call us on {{ clinic.phone }} if you are worried.\n", "").replace("key_messages:", "key_messages: Call us"),
        ["content.yaml:15:15: key_messages: expected a list, got text (hint: start each item on its own line with '- ')"]),
    "wrong date": (
        variant("next_review: 2099-01-10", "next_review: 10/01/2099"),
        ["content.yaml:7:16: meta.next_review: '10/01/2099' is not a real date "
         "(hint: write dates as YYYY-MM-DD, for example 2027-03-31)"]),
    "control character": (
        variant("You can read this.", "\"You can\\x07 read this.\""),
        ["content.yaml:21:28: sections[1].blocks[1].paragraph: control character U+0007 is not allowed in text "
         "(hint: delete it or retype the text; it often comes from copy and paste)"]),
    "raw control character": (
        variant("You can read this.", "You can\x07 read this."),
        ["content.yaml:21:27: control character U+0007 is not allowed "
         "(hint: delete it; it is often pasted in from another program)"]),
    "lone surrogate": (
        variant("You can read this.", "\"You can\\ud800 read this.\""),
        ["content.yaml:21:28: sections[1].blocks[1].paragraph: a lone surrogate U+D800 (a broken character) "
         "is not allowed (hint: delete it or retype the text; it often comes from copy and paste)"]),
    "missing title": (
        variant("  title: Test leaflet\n", ""),
        ["content.yaml:2:3: meta: missing required field 'title' (hint: add 'title:' under this group)"]),
    "placeholder outside clinic and meta": (
        variant("{{ clinic.phone }}", "{{ ''.__class__.__mro__ }}"),
        ["content.yaml:16:16: key_messages[1]: '{{ ''.__class__.__mro__ }}' is not a placeholder this tool can fill "
         "(hint: a placeholder names one field, like {{ clinic.phone }} or {{ meta.title }})"]),
    "unclosed placeholder": (
        variant("{{ clinic.phone }}", "{{ clinic.phone }"),
        ["content.yaml:16:16: key_messages[1]: a placeholder is not closed: every '{{' needs a matching '}}' "
         "(hint: write it as {{ clinic.phone }})"]),
}


@pytest.mark.parametrize("name", CASES)
def test_each_loader_rule_has_its_exact_message(write, name):
    text, expected = CASES[name]
    assert messages(write(text)) == expected


def test_implicit_typing_is_off(write):
    text = variant("  name: Test Clinic", "  name: no").replace('version: "1.0"', "version: 0123")
    text = text.replace("- One point", "- 8:30").replace("slide_points: [One point]", "slide_points: [8:30, no, 0123]")
    article = load(write(text))
    assert article.clinic.name.plain == "no"
    assert article.meta.version == "0123"
    assert [p.plain for p in article.sections[0].slide_points] == ["8:30", "no", "0123"]


def test_latin1_file_is_rejected_with_position(write):
    path = write("", raw=VALID.replace("Test Clinic", "Clinique Montr\u00e9al").encode("latin-1"))
    assert messages(path) == [
        "content.yaml:12:23: the file is not UTF-8 text (byte 0xE9 cannot be read) "
        "(hint: save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8))"]


def test_bom_is_accepted(write):
    article = load(write("", raw=b"\xef\xbb\xbf" + VALID.encode("utf-8")))
    assert article.meta.title.plain == "Test leaflet"


def test_size_cap(write):
    path = write(VALID + "#" + "x" * 1_000_001 + "\n")
    assert messages(path) == [f"content.yaml: the file is {path.stat().st_size:,} bytes; the limit is 1,000,000 "
                              "(hint: split the content into several files)"]


def test_empty_file(write):
    assert messages(write("\n\n")) == [
        "content.yaml: file is empty (hint: start from the example content.yaml in the README)"]


def test_billion_laughs_is_refused_without_expanding(write):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    found = messages(write("\n".join(lines) + "\n"))
    assert found[0] == ("content.yaml:1:5: YAML anchor '&a0' is not allowed "
                        "(hint: remove the '&' name; each value is written out in full)")
    assert len(found) == 10 + 9  # each anchor, and each alias name once; nothing expanded
    assert found[2] == ("content.yaml:2:10: YAML alias '*a0' is not allowed "
                        "(hint: write the text out in full instead of reusing it)")


def test_subsections_go_one_level_deep(write):
    text = variant("    blocks:\n", "    sections:\n      - title: Sub\n        sections:\n"
                   "          - title: Too deep\n    blocks:\n")
    assert messages(write(text)) == [
        "content.yaml:22:9: sections[1].sections[1]: unknown key 'sections' "
        "(hint: allowed here: title, summary, slide_points, blocks)"]


def test_unknown_block_kind_suggests(write):
    text = variant("- paragraph: You can read this.", "- paragraf: You can read this.")
    assert messages(write(text)) == [
        "content.yaml:21:9: sections[1].blocks[1]: unknown block kind 'paragraf' (hint: did you mean 'paragraph'?)"]


def test_not_a_regular_file(tmp_path):
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ContentError) as info:
        load(fifo)
    assert str(info.value.problems[0]).endswith(
        "pipe.yaml: the file is not a regular file (hint: give the path of a .yaml file saved on disk)")


def test_standard_text_blocks_expand(write):
    text = variant("      - paragraph: You can read this.", "      - standard: emergency")
    article = load(write(text))
    callout = article.sections[0].blocks[0]
    assert callout.kind == "get_help" and callout.standard == "emergency"
    assert callout.title.plain == "Call 911 straight away"
    assert callout.text.plain == EMERGENCY["text"].replace("{{ clinic.emergency }}", "911")
    assert callout.items == ()


def test_the_emergency_text_lists_the_leaflets_own_signs(write):
    text = variant("      - paragraph: You can read this.", "      - standard: emergency") + (
        "emergency_signs:\n  - The wound bleeds through a dressing.\n  - Red streaks spread from {{ meta.title }}.\n")
    callout = load(write(text)).sections[0].blocks[0]
    assert callout.text.plain == EMERGENCY["signs"].replace("{{ clinic.emergency }}", "911")
    assert [i.plain for i in callout.items] == ["The wound bleeds through a dressing.",
                                                "Red streaks spread from Test leaflet."]


def test_missing_disclaimer_uses_standard_text(write):
    article = load(write(VALID))
    assert article.meta.disclaimer.plain.endswith("contact Test Clinic on 555\u00a00100.")


def test_standard_contact_skips_fields_the_clinic_does_not_have(write):
    text = variant("      - paragraph: You can read this.", "      - standard: contact")
    callout = load(write(text)).sections[0].blocks[0]
    assert (callout.kind, callout.title.plain, callout.text.plain, callout.items) == (
        "note", "How to reach Test Clinic", "Call us on 555\u00a00100.", ())


def test_standard_block_with_missing_clinic_fields_reports_only_the_real_problem(write):
    text = variant("      - paragraph: You can read this.", "      - standard: emergency").replace(
        '  emergency: "911"\n', "")
    assert messages(write(text)) == [
        "content.yaml:12:3: clinic: missing required field 'emergency' (hint: add 'emergency:' under this group)"]


def test_placeholders_can_use_dates_authors_and_filled_values(write):
    text = VALID.replace("  reviewer: Dr Test\n", "  reviewer: Dr Test\n  authors: [Ann, Bo]\n"
                         "  disclaimer: Ask {{ clinic.name }} first.\n").replace(
        "{{ clinic.phone }}", "{{ clinic.phone }} ({{ meta.disclaimer }} {{ meta.next_review }}, {{ meta.authors }})")
    article = load(write(text))
    assert article.key_messages[0].plain == (
        "Call us on 555\u00a00100 (Ask Test Clinic first. 10 January 2099, Ann; Bo) if you are worried.")


def test_closing_braces_without_opening_have_their_own_message(write):
    text = variant("You can read this.", "Type }} to close.")
    assert messages(write(text)) == [
        "content.yaml:21:20: sections[1].blocks[1].paragraph: '}}' appears without an opening '{{' "
        "(hint: remove it, or write a placeholder as {{ clinic.phone }})"]


def test_a_section_without_content_is_an_error(write):
    text = VALID + "  - title: Empty section\n    slide_points: [Nothing]\n"
    assert messages(write(text)) == [
        "content.yaml:26:5: sections[2]: this section has no content "
        "(hint: add 'blocks:' with at least one paragraph or list, or remove the section)"]


def test_dates_remember_where_they_were_written(write):
    article = load(write(VALID))
    assert (article.meta.next_review.loc.line, article.meta.next_review.loc.col) == (7, 16)


def test_a_placeholder_loop_is_reported_and_chains_are_followed(write):
    text = VALID.replace("  reviewer: Dr Test\n", '  reviewer: Dr Test\n  disclaimer: "See {{ meta.disclaimer }}."\n'
                         '  subtitle: "For {{ meta.audience }}"\n  audience: "people at {{ clinic.name }}"\n')
    assert messages(write(text)) == [
        "content.yaml:9:15: meta.disclaimer: a placeholder's value refers back to itself, so it can never be "
        "filled (hint: make clinic and meta fields plain text, or point them at a field that has no placeholder)"]
    fine = text.replace('  disclaimer: "See {{ meta.disclaimer }}."\n', "")
    assert load(write(fine)).meta.subtitle.plain == "For people at Test Clinic"


def test_an_empty_blocks_key_is_no_content(write):
    text = VALID + "  - title: Empty one\n    blocks:\n"
    assert messages(write(text)) == [
        "content.yaml:26:5: sections[2]: this section has no content "
        "(hint: add at least one block under 'blocks:', such as '- paragraph: ...', or remove the section)"]


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le"])
def test_a_utf16_file_without_a_byte_order_mark_is_named_as_such(write, encoding):
    path = write("", raw=VALID.encode(encoding))
    assert messages(path) == ["content.yaml:1:1: the file is UTF-16 text, not UTF-8 "
                              "(hint: save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8))"]


def test_emphasis_nested_past_the_limit_is_refused_at_its_line(write):
    deep = "a**a*b a *ba **b a***b **b *b***b (***c******  c*** c*****c* * c**d"  # four deep
    assert messages(write(variant("- paragraph: You can read this.", f"- paragraph: '{deep}'"))) == [
        "content.yaml:21:20: sections[1].blocks[1].paragraph: bold and italic are nested 4 deep; the limit is 3 "
        "(hint: take out some of the * marks: put bold or italic inside each other at most 3 times)"]
