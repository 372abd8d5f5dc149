"""`make mutants`: break the code on purpose, one breakage at a time, and check the tests notice.

Each breakage below is a small edit to one file, with the tests that should catch it. The runner
copies the project into a temporary folder, checks those tests pass there untouched, then applies
each edit in its own copy and runs the tests again. A breakage the tests miss is a failure.
Usage: .venv/bin/python tests/mutants.py [NAME ...]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
COPY = ("handouts", "templates", "tests", "images", "content.yaml", "generate.py", "pyproject.toml")


class Mutant(NamedTuple):
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTANTS = (
    Mutant("FAQ answers left out of the text walker", "handouts/model/walk.py",
           "return [t for item in b.items for t in (item.q, item.a)]", "return [item.q for item in b.items]",
           ("tests/test_review.py::test_faq_answers_are_checked_for_characters_and_long_sentences",)),
    Mutant("the deck's lang attribute dropped", "handouts/render/deck/textframe.py",
           '    rpr.set("lang", language)\n', "",
           ("tests/test_deck_output.py::test_every_run_and_note_carries_the_language_of_the_content_file",)),
    Mutant("the 'Next review due' row removed from the PDF", "handouts/render/handout/plan.py",
           '             (labels.word("next_review"), e.plain(labels.date(meta.next_review))),\n', "",
           ("tests/test_pdf.py::test_the_closing_part_gives_authors_review_dates_version_sources_and_contact",)),
    Mutant("the alt-text check turned off", "handouts/review/literacy.py",
           "    weak = [Problem(b.alt.loc,", "    weak = [] and [Problem(b.alt.loc,",
           ("tests/test_review.py::test_a_picture_without_a_real_description_is_flagged",)),
    Mutant("sources removed from the closing-slide notes", "handouts/render/deck/plan.py",
           "                     else words.note(\"source\", title=s.title.plain) for s in self.article.meta.sources)",
           "                     else words.note(\"source\", title=s.title.plain) for s in self.article.meta.sources)[:0]",
           ("tests/test_deck_output.py::test_the_closing_slide_notes_name_every_source_and_the_disclaimer",)),
    Mutant("the term notes format removed", "handouts/render/deck/notes.py",
           'return [f"{term}: {text}" for term, text in zip(texts[::2], texts[1::2])]', "return texts",
           ("tests/test_deck_output.py::test_notes_read_each_term_with_its_meaning",)),
    Mutant("the leaflet's emergency signs ignored by the standard text", "handouts/load/loader.py",
           'callout["items"] = list(signs)', 'callout["items"] = []',
           ("tests/test_new_user.py::test_standard_texts_say_nothing_about_another_topic",)),
    Mutant("PDF images get no alt text", "handouts/render/pdf/tags.py",
           'figure = parent.add(StructNode("Figure", alt=f.alt))',
           'figure = parent.add(StructNode("Figure"))',
           ("tests/test_tagged.py::test_pictures_are_figures_with_their_alt_text",)),
    Mutant("the page footer drawn as untagged content", "handouts/render/pdf/document.py",
           '                    with self.artifact("Pagination"):\n                        self._draw_footer(',
           '                    if True:\n                        self._draw_footer(',
           ("tests/test_tagged.py::test_everything_drawn_is_tagged_or_an_artifact",)),
    Mutant("warnings labelled as failures", "handouts/review/report.py",
           'return "FAIL" if error and check.problems else "warn"', 'return "FAIL"',
           ("tests/test_new_user.py::test_warnings_are_labelled_as_warnings",)),
    Mutant("slides added by python-pptx's whole-package walk", "handouts/render/deck/render.py",
           "        slide = self.slides.add_slide(layout)", "        slide = self.prs.slides.add_slide(layout)",
           ("tests/test_deck_scaling.py::test_adding_slides_never_walks_the_package",)),
    Mutant("a failed rename not rolled back", "handouts/render/commit.py",
           "            roll_back(folder, entries)\n            raise _fail(failed,",
           "            raise _fail(failed,",
           ("tests/test_commit.py::test_an_error_at_any_step_leaves_all_old_or_all_new",)),
    Mutant("a killed run's journal ignored", "handouts/render/commit.py",
           "    if entries is not None:\n        roll_back(folder, entries)", "    if entries is not None:\n        pass",
           ("tests/test_commit.py::test_a_kill_at_any_step_is_put_right_by_the_next_run",)),
    Mutant("right-to-left paragraphs not marked in the deck", "handouts/render/deck/textframe.py",
           '        ppr.set("rtl", "1")', '        pass',
           ("tests/test_languages.py::test_right_to_left_paragraphs_say_so_and_start_at_the_right",)),
    Mutant("shaped scripts left to ReportLab", "handouts/render/pdf/flowables.py",
           '            elif getattr(self.style, "shaping", 0) or has_complex(text):',
           "            elif False:",
           ("tests/test_languages.py::test_hindi_is_shaped_and_its_words_come_back_as_written_in_reading_order",)),
    Mutant("a cluster's letters named by a dot that takes no room", "handouts/render/pdf/bidi.py",
           "        if info.cluster not in body or (positions[body[info.cluster]].x_advance == 0 < pos.x_advance):",
           "        if info.cluster not in body:",
           ("tests/test_languages.py::test_an_arabic_pdf_gives_back_every_sentence_in_reading_order",)),
    Mutant("a translation's list items not counted", "handouts/review/translation.py",
           "        elif _count(theirs) != _count(mine):", "        elif False:",
           ("tests/test_languages.py::test_a_structural_mismatch_is_located_in_both_files",)),
    Mutant("content text put into the web page unescaped", "handouts/render/html/blocks.py",
           "        text = isolate_numbers(piece.text) if rtl else escape(piece.text)",
           "        text = isolate_numbers(piece.text) if rtl else Markup(piece.text)",
           ("tests/test_web.py::test_content_is_never_markup_in_the_page",)),
    Mutant("web headings allowed to skip a level", "handouts/render/html/blocks.py",
           "        level = min(max(h.level, 2), self.level + 1, 6)", "        level = min(max(h.level, 2), 6)",
           ("tests/test_web.py::test_the_page_holds_every_text_in_a_semantic_outline",)),
    Mutant("short lists split instead of set a little smaller", "handouts/render/deck/fit.py",
           "        whole = self.one_page(groups)\n", "        whole = None\n",
           ("tests/test_deck_plan.py::test_a_list_of_six_short_points_is_never_split",)),
    Mutant("init no longer looks for files already there", "handouts/starter.py",
           "             for _, target in targets if os.path.lexists(target)]",
           "             for _, target in targets if False]",
           ("tests/test_starter.py::test_init_refuses_to_overwrite_and_writes_nothing",)),
    Mutant("pictures left out of a leaflet's inputs", "handouts/load/loader.py",
           "        sources[str(picture.path)] = digest(picture.data)\n", "        pass\n",
           ("tests/test_library.py::test_touching_one_picture_rebuilds_only_its_leaflet",)),
    Mutant("an unchanged leaflet's review date no longer checked", "handouts/library/run.py",
           "    if errors:\n        return Report(content, \"expired\"", "    if False:\n        return Report(content, \"expired\"",
           ("tests/test_library.py::test_a_leaflet_that_expires_between_runs_is_reported_though_unchanged",)),
    Mutant("the overdue strip not drawn on flowing pages", "handouts/render/pdf/document.py",
           "                if footer is not None and footer.overdue:", "                if False:",
           ("tests/test_library.py::test_allow_expired_marks_every_page_review_overdue",)),
    Mutant("right-to-left lines left in reading order", "handouts/render/pdf/bidi.py",
           "    uba.reorder_resolved_levels(storage, False)", "    pass",
           ("tests/test_languages.py::test_an_arabic_pdf_gives_back_every_sentence_in_reading_order",)),
    Mutant("a phone number's groups not held together right to left", "handouts/render/pdf/bidi.py",
           '        numbers = list(grouped_numbers("".join(text)))', "        numbers = []",
           ("tests/test_languages.py::test_an_arabic_page_is_mirrored_lines_from_the_right_bullets_and_bars_at_the_right",)),
    Mutant("a right-to-left glyph's letters named in reading order", "handouts/render/pdf/bidi.py",
           "            letters = letters[::-1]", "            pass",
           ("tests/test_languages.py::test_an_arabic_pdf_gives_back_every_sentence_in_reading_order",)),
    Mutant("columns not mirrored right to left", "handouts/render/pdf/document.py",
           "    places = range(g.columns - 1, -1, -1) if rtl else range(g.columns)", "    places = range(g.columns)",
           ("tests/test_languages.py::test_an_arabic_page_is_mirrored_lines_from_the_right_bullets_and_bars_at_the_right",)),
    Mutant("right-to-left bullets hung at the left", "handouts/render/pdf/bidi.py",
           "        x = width - style.bulletIndent - sum(r.width for r in runs) if mirrored else style.bulletIndent",
           "        x = style.bulletIndent",
           ("tests/test_languages.py::test_an_arabic_page_is_mirrored_lines_from_the_right_bullets_and_bars_at_the_right",)),
    Mutant("characters pasted from a word processor kept as they are", "handouts/read/spec.py",
           'text = unicodedata.normalize("NFC", text.translate(_TIDY))', 'text = unicodedata.normalize("NFC", text)',
           ("tests/test_pdf.py::test_characters_pasted_from_a_word_processor_keep_the_theme_font",)),
    Mutant("letters saved decomposed left so", "handouts/read/spec.py",
           'text = unicodedata.normalize("NFC", text.translate(_TIDY))', "text = text.translate(_TIDY)",
           ("tests/test_pdf.py::test_letters_saved_decomposed_print_as_the_composed_word",)),
    Mutant("a tri-fold section without a paragraph left out", "handouts/render/handout/plan.py",
           "        if brief := _brief(b, labels):", "        if brief := []:",
           ("tests/test_layouts.py::test_the_trifold_gives_every_section_without_a_paragraph_in_brief_and_steps_in_order",)),
    Mutant("tri-fold steps as bullets", "handouts/render/handout/plan.py",
           'e.ListItems("step", tuple(pieces(t) for t in b.items), numbered=True, loc=b.loc, keep=False)',
           'e.ListItems("bullet", tuple(pieces(t) for t in b.items), loc=b.loc)',
           ("tests/test_layouts.py::test_the_trifold_gives_every_section_without_a_paragraph_in_brief_and_steps_in_order",)),
    Mutant("a long footer line run past the margin", "handouts/render/pdf/document.py",
           "size if wide <= line_room else max(size * line_room / wide, size * 0.75)", "size",
           ("tests/test_pdf.py::test_a_long_footer_stays_inside_the_margins_and_clear_of_the_page_number",)),
    Mutant("the web page asks to scan a code it does not show", "handouts/render/html/blocks.py",
           "self._in(o.link_text or o.text)", "self._in(o.text)",
           ("tests/test_web.py::test_the_page_holds_every_text_in_a_semantic_outline",)),
    Mutant("a last page with a few lines left as it is", "handouts/render/pdf/leaflet.py",
           "    if 1 < pages <= PULL_BACK_PAGES and fill <= ALMOST_EMPTY:", "    if False:",
           ("tests/test_layouts.py::test_a_last_page_with_only_a_few_lines_is_pulled_back_by_tighter_spacing",)),
    Mutant("a phone number on a slide free to break at its hyphens", "handouts/render/deck/textframe.py",
           'text[start:end].replace("-", "\\u2011") if on_slide else', "text[start:end] if on_slide else",
           ("tests/test_deck_output.py::test_a_number_of_several_groups_is_never_broken_at_its_hyphens_on_a_slide",)),
    Mutant("a cycle between the reading and theme layers", "handouts/read/spec.py",
           "from handouts.scripts import has_complex\n",
           "from handouts.scripts import has_complex\nfrom handouts.theme.fonts import FACES  # noqa: F401\n",
           ("tests/test_architecture.py::test_every_module_imports_alone_in_a_fresh_interpreter",
            "tests/test_architecture.py::test_no_two_layers_import_each_other_through_any_path")),
    Mutant("a shaped glyph's private code keyed without its advance", "handouts/render/pdf/fonts.py",
           "        code = self.codes.get((glyph, letters, room))", "        code = self.codes.get((glyph, letters, None))",
           ("tests/test_library.py::test_a_folder_build_writes_the_same_bytes_as_each_leaflet_built_alone",)),
    Mutant("the overdue sentence left out of the web page", "handouts/render/html/page.py",
           '"overdue": _text(plan.footer.overdue, plan) if plan.footer.overdue else ""', '"overdue": ""',
           ("tests/test_library.py::test_allow_expired_marks_the_web_page_banner_the_title_slide_every_slide_foot_and_the_script",)),
    Mutant("the deck's overdue marks not drawn", "handouts/render/deck/render.py",
           "        if self.overdue[1]:\n", "        if False:\n",
           ("tests/test_library.py::test_allow_expired_marks_the_web_page_banner_the_title_slide_every_slide_foot_and_the_script",)),
    Mutant("a starter's example values taken as the leaflet's own", "handouts/review/unfinished.py",
           "        elif examples.get(path) == value:", "        elif False:",
           ("tests/test_starter.py::test_the_untouched_starter_warns_at_each_example_value_and_fails_strict",)),
    Mutant("a CSV cell left to start like a formula", "handouts/library/register.py",
           "    writer.writerows([_cell(str(v)) for v in row] for row in found)", "    writer.writerows(found)",
           ("tests/test_library.py::test_a_csv_register_never_holds_a_formula",)),
    Mutant("every shard holds every leaflet", "handouts/library/discover.py",
           "        return int.from_bytes(digest[:8], \"big\") % self.n == self.k - 1", "        return True",
           ("tests/test_library.py::test_four_shards_build_exactly_what_one_machine_builds",)),
    Mutant("the paper no longer follows the language's region", "handouts/theme/themes.py",
           "            if region and region in regions:", "            if False:",
           ("tests/test_layouts.py::test_the_paper_follows_the_region_of_the_language_tag",)),
    Mutant("a Windows picture path read as it was written", "handouts/load/content_spec.py",
           '        if isinstance(typed, str) and "\\\\" in typed:', "        if False:",
           ("tests/test_bad_inputs.py::test_case[path-windows-backslash-plain]",)),
    Mutant("a line broken at a space loses the space in the page's text", "handouts/render/pdf/flowables.py",
           '        if TStar and next(self._breaks, False) and not text[-1:].isspace():',
           '        if False:',
           ("tests/test_tagged.py::test_every_structure_text_keeps_its_words_apart",)),
    Mutant("the XMP stream gets a /Filter", "handouts/render/pdf/tags.py",
           'metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), _xmp(tagger))',
           'metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), _xmp(tagger), '
           'filters=[])',
           ("tests/test_tagged.py::test_page_validation_finds_no_failed_pdf_ua_rule",)),
    Mutant("a list item's bullet tagged as part of its words", "handouts/render/pdf/tags.py",
           "        self._item = [label, body] if bullet and label is not None else [body]",
           "        self._item = [body]",
           ("tests/test_tagged.py::test_each_list_item_label_holds_its_bullet_or_number",)),
    Mutant("a PDF that reopens only with a repair is accepted", "handouts/render/pdf/leaflet.py",
           "            damaged = not len(pdf.pages) or pdf.get_warnings()",
           "            damaged = not len(pdf.pages)",
           ("tests/test_pdf.py::test_a_pdf_that_does_not_reopen_is_never_moved_into_place",)),
    Mutant("the phone is not a link", "handouts/render/handout/plan.py",
           "    if not found:\n        return plan\n",
           "    if True:\n        return plan\n",
           ("tests/test_tagged.py::test_the_clinic_phone_and_email_are_links_to_tap_in_every_layout",
            "tests/test_web.py::test_the_clinic_phone_and_email_are_links_to_tap")),
    Mutant("the footer's call line is not a link", "handouts/render/pdf/document.py",
           "                if text is first and footer.tel:", "                if False:",
           ("tests/test_tagged.py::test_the_clinic_phone_and_email_are_links_to_tap_in_every_layout",)),
    Mutant("a steps section dropped first under --minutes", "handouts/render/deck/talk.py",
           "    must = [p if holds_steps(p.section) else", "    must = [p if False else",
           ("tests/test_talk.py::test_a_five_minute_how_to_talk_shows_every_steps_section_and_fits_five_minutes",)),
    Mutant("the appendix slides are shown", "handouts/render/deck/plan.py",
           "        return [s._replace(hidden=True) for s in head", "        return [s._replace(hidden=False) for s in head",
           ("tests/test_talk.py::test_the_rest_of_the_leaflet_is_on_hidden_slides_after_the_closing",)),
    Mutant("a slide without notes", "handouts/render/deck/plan.py",
           '            notes = (self.labels.note("questions"), *(g[0].plain for g in groups))',
           "            notes = ()",
           ("tests/test_talk.py::test_every_slide_has_notes",)),
    Mutant("the script times every slide alike", "handouts/render/pdf/script.py",
           "    seconds = [timing.seconds(s, theme) for s in slides]",
           "    seconds = [sum(timing.seconds(s, theme) for s in slides) / len(slides)] * len(slides)",
           ("tests/test_talk.py::test_the_script_times_each_slide_by_its_own_notes",)),
    Mutant("a part's own slide points only in its notes", "handouts/render/deck/plan.py",
           "        own = ([it.point(t) for t in section.slide_points] if section.slide_points",
           "        own = ([it.point(t) for t in section.slide_points] if False",
           ("tests/test_talk.py::test_a_part_shows_its_own_points_first_and_a_picture_stays_where_the_leaflet_puts_it",)),
    Mutant("a point left alone on a slide", "handouts/render/deck/fit.py",
           "        return self._balance(groups, pages) or self._no_orphan(groups, pages)",
           "        return self._balance(groups, pages) or pages",
           ("tests/test_deck_fill.py::test_every_content_slide_is_at_least_35_percent_full_as_drawn",)),
    Mutant("template macros kept", "handouts/render/deck/package.py",
           "return TemplateFile(path, _as_presentation(cleaned.parts)", "return TemplateFile(path, _as_presentation(parts)",
           ("tests/test_template_cleaning.py::test_a_deck_from_a_macro_template_carries_no_macro_control_or_object",)),
    Mutant("a template keeps its macro-enabled content type", "handouts/render/deck/cleaning.py",
           '            override.set("ContentType", PPTX_TYPE)', "            pass",
           ("tests/test_template_cleaning.py::test_a_deck_from_a_macro_template_carries_no_macro_control_or_object",)),
    Mutant("a template's external links kept", "handouts/render/deck/cleaning.py",
           "            if _external(rel):\n                removed.append(",
           "            if _external(rel):\n                continue\n                removed.append(",
           ("tests/test_template_cleaning.py::test_a_deck_from_a_template_with_outside_links_has_none_of_them",)),
    Mutant("no bound on a template's total XML", "handouts/render/deck/cleaning.py",
           "    if xml > limits.xml_bytes:", "    if False:",
           ("tests/test_template_cleaning.py::test_a_template_of_many_large_layouts_is_refused_by_its_total_xml",)),
    Mutant("a template's slide size taken unchecked", "handouts/render/deck/cleaning.py",
           "                    _number(size.get(axis), what,", "                    0 and _number(size.get(axis), what,",
           ("tests/test_template_cleaning.py::test_a_template_with_a_bad_slide_size_is_a_message",)),
    Mutant("planted journal deletes a user file", "handouts/render/commit.py",
           "            elif old is None and _is_regular(target) and _is_regular(folder / entry[\"new\"]):\n"
           "                info, new = os.lstat(target), os.lstat(folder / entry[\"new\"])\n"
           "                if (info.st_dev, info.st_ino) == (new.st_dev, new.st_ino) == (entry[\"dev\"], entry[\"ino\"]):",
           "            elif old is None and _is_regular(target):\n"
           "                info = os.lstat(target)\n"
           "                if (info.st_dev, info.st_ino) == (entry[\"dev\"], entry[\"ino\"]):",
           ("tests/test_commit.py::test_a_planted_journal_deletes_no_user_file",)),
    Mutant("a journal of nested brackets is an internal error", "handouts/render/commit.py",
           "    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):\n        raise _Damaged",
           "    except (ValueError, KeyError, TypeError, AttributeError):\n        raise _Damaged",
           ("tests/test_commit.py::test_a_journal_or_manifest_of_200000_brackets_is_treated_as_absent_with_a_note",)),
    Mutant("a staged file left behind by SIGTERM", "handouts/render/commit.py",
           "            except BaseException:  # a full disk, or SIGTERM", "            except OSError:  # a full disk, or SIGTERM",
           ("tests/test_signals.py",)),
    Mutant("theme parent may be any path", "handouts/theme/themes.py",
           "    if not (target.is_relative_to(path.parent.resolve())", "    if False and not (target.is_relative_to(path.parent.resolve())",
           ("tests/test_outside.py::test_a_theme_parent_outside_its_folder_is_refused_and_never_quoted",)),
    Mutant("theme style chains unbounded", "handouts/theme/themes.py",
           "            if level == limits.style_parents + 1:", "            if False:",
           ("tests/test_theme_bounds.py::test_long_style_chains_give_one_message_each",)),
    Mutant("theme parent files unbounded", "handouts/theme/themes.py",
           "        if len(chain) > limits.parents:", "        if len(chain) > 10 * limits.parents:",
           ("tests/test_theme_bounds.py::test_a_chain_of_1500_parent_files_stops_at_the_limit",)),
    Mutant("a leaflet may be its own translation source", "handouts/review/translation.py",
           "    if real == Path(article.loc.file).resolve():", "    if False:",
           ("tests/test_outside.py::test_a_leaflet_cannot_be_its_own_translation_source",)),
    Mutant("a translation source may be any path", "handouts/review/translation.py",
           "    elif not (real.is_relative_to(folder.resolve())", "    elif False and not (real.is_relative_to(folder.resolve())",
           ("tests/test_outside.py::test_a_translation_source_outside_its_folders_is_refused_and_never_quoted",)),
    Mutant("init writes through a link", "handouts/starter.py", "    if links:\n", "    if False:\n",
           ("tests/test_outside.py::test_init_refuses_to_write_through_a_link",)),
    Mutant("init leaves what it wrote on a full disk", "handouts/starter.py", "        _remove(made)\n", "",
           ("tests/test_outside.py::test_init_on_a_full_disk_removes_what_it_wrote",)),
    Mutant("the manifest stores absolute paths", "handouts/library/manifest.py",
           "        return os.path.relpath(real, os.path.realpath(self.folder))", "        return real",
           ("tests/test_outside.py::test_the_manifest_stores_no_absolute_path",)),
    Mutant("-o '' writes into the current folder", "handouts/cli.py",
           "        if isinstance(value, str) and not value.strip():", "        if False:",
           ("tests/test_outside.py::test_an_empty_output_name_is_refused",)),
    Mutant("a damaged cached font is trusted", "handouts/render/pdf/fonts.py",
           "    if cached.is_file() and _whole(cached):", "    if cached.is_file():",
           ("tests/test_font_cache.py",)),
    Mutant("a table cell dropped from the PDF", "handouts/render/pdf/table.py",
           "    data = [head, *rows]\n", '    data = [head, *rows[:-1], [*rows[-1][:-1], ""]]\n',
           ("tests/test_table.py::test_every_cell_is_on_the_page_and_each_part_of_the_table_starts_with_its_header"
            "[leaflet]",)),
    Mutant("the header row not repeated", "handouts/render/pdf/table.py",
           "HEADER_ROWS = 1  #", "HEADER_ROWS = 0  #",
           ("tests/test_table.py::test_every_cell_is_on_the_page_and_each_part_of_the_table_starts_with_its_header"
            "[leaflet]",)),
    Mutant("a picture decoded per use", "handouts/load/images.py",
           "            known = self.seen.get(path)\n", "            known = None\n",
           ("tests/test_pictures.py::test_a_picture_used_again_is_read_and_decoded_once",)),
    Mutant("EXIF orientation ignored (in the PDF, the deck and the web page)", "handouts/load/images.py",
           "turn = _TRANSPOSE.get(orientation) if isinstance(orientation, int) else None",
           "turn = None",
           ("tests/test_pictures.py::test_a_turned_photo_is_upright_in_the_pdf",)),
    Mutant("a truncated PNG accepted", "handouts/load/images.py",
           "            if short:\n", "            if False:\n",
           ("tests/test_pictures.py::test_a_png_with_missing_rows_is_refused_at_its_line",)),
    Mutant("a JPEG whose header lies about its size accepted", "handouts/load/images.py",
           "    if len(data) * 8 >= blocks:", "    if True:",
           ("tests/test_pictures.py::test_a_jpeg_whose_header_lies_about_its_size_is_refused_at_its_line",)),
    Mutant("MPO photos refused", "handouts/load/images.py",
           'FORMATS = {"PNG", "JPEG", "MPO"}', 'FORMATS = {"PNG", "JPEG"}',
           ("tests/test_pictures.py::test_a_phones_mpo_photo_is_read_as_its_first_frame",)),
    Mutant("a use of a picture again counted in the leaflet's pixel budget", "handouts/load/images.py",
           "            if isinstance(known, _Refused):\n                raise known\n",
           "            if isinstance(known, _Refused):\n                raise known\n"
           "            self.pixels += known.source_pixels\n",
           ("tests/test_pictures.py::test_the_leaflets_pictures_share_one_budget_of_pixels",)),
    Mutant("pictures printed at their full size, whatever their place", "handouts/render/pictures.py",
           "    if scale >= 1:\n", "    if True:\n",
           ("tests/test_pictures.py::"
            "test_a_large_picture_is_printed_at_300_pixels_per_inch_and_shown_at_twice_its_css_size",)),
    Mutant("the emphasis parser judges a closer at a part's end by the whole text", "handouts/model/inline.py",
           "        return last if start <= last < stop and self._fits(last, k, end) else -1",
           "        return -1",
           ("tests/test_inline.py",)),
    Mutant("emphasis nested past the limit accepted", "handouts/load/content_spec.py",
           "            if depth > MAX_NESTING:", "            if False:",
           ("tests/test_loader.py::test_emphasis_nested_past_the_limit_is_refused_at_its_line",)),

    Mutant("a picture shown again embedded again at each use on the web page", "handouts/render/html/blocks.py",
           "        if key in self.repeated:", "        if False:",
           ("tests/test_pictures.py::test_a_picture_shown_again_is_in_the_web_page_once",)),
    Mutant("a picture shown again loses its name on the web page", "templates/html/page.html.j2",
           '<svg class="picture" role="img" aria-label="{{ n.alt }}"', '<svg class="picture" role="img"',
           ("tests/test_pictures.py::test_a_picture_shown_again_passes_axe_and_fits_a_phone",)),

    Mutant("an address may break mid-word", "handouts/render/address_breaks.py",
           'BREAK_AFTER = "/.@-_?&"', 'BREAK_AFTER = "/.@"',
           ("tests/test_addresses.py::test_addresses_break_only_after_their_marks_on_the_trifold_and_the_card"
            "[asthma-inhaler-trifold-letter]",)),
    Mutant("an address too wide for its line is cut rather than set smaller", "handouts/render/pdf/flowables.py",
           "        fit_para(self, avail_width)", "        pass",
           ("tests/test_addresses.py::test_an_address_too_wide_for_its_column_is_set_smaller_not_cut",)),
    Mutant("the answers are left off the tri-fold", "handouts/render/handout/plan.py",
           "    m.FAQ: _questions,\n",
           '    m.FAQ: lambda b, labels: [e.ListItems("bullet", tuple(pieces(qa.q) for qa in b.items), loc=b.loc)],\n',
           ("tests/test_trifold_fill.py::test_each_question_on_the_trifold_carries_its_answer",)),
    Mutant("an address's break point is drawn as a space", "handouts/render/pdf/flowables.py",
           "        if self._fontsize == SOFT_BREAK_SIZE and text.isspace():", "        if False:",
           ("tests/test_tagged.py::test_every_structure_text_keeps_its_words_apart",)),
    Mutant("the tri-fold's inside panels are not filled", "handouts/render/pdf/trifold.py",
           "                    chosen.append(extra)\n", "                    pass\n",
           ("tests/test_trifold_fill.py::test_the_cataract_inside_panels_take_more_of_the_leaflet_than_the_briefs",)),
    Mutant("a kept group's spacing is not measured, so a panel may cut a list", "handouts/render/pdf/panels.py",
           " + \\\n            sum(f.getSpaceAfter() for f in content[:-1])", "",
           ("tests/test_trifold_fill.py::test_a_list_is_on_the_trifold_whole_or_not_at_all_and_in_one_panel",)),
)


def copy_project(into: Path) -> None:
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, into / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        else:
            shutil.copy2(src, into / name)


def run_tests(folder: Path, tests: tuple[str, ...]) -> subprocess.CompletedProcess:
    # PYTHONPATH puts the copy ahead of the editable install, so its (broken) code is the one imported.
    env = {**os.environ, "PYTHONPATH": str(folder), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                          cwd=folder, env=env, capture_output=True, text=True)


def apply(folder: Path, mutant: Mutant) -> None:
    path = folder / mutant.file
    text = path.read_text(encoding="utf-8")
    count = text.count(mutant.old)
    if count != 1:
        raise SystemExit(f"mutants: '{mutant.name}' expects its text once in {mutant.file}, found {count} times; "
                         "update tests/mutants.py to the code as it is now")
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")


def main(names: list[str]) -> int:
    chosen = [m for m in MUTANTS if not names or m.name in names]
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="handouts-mutants-") as tmp:
        clean = Path(tmp) / "clean"
        copy_project(clean)
        all_tests = tuple(dict.fromkeys(t for m in chosen for t in m.tests))
        baseline = run_tests(clean, all_tests)
        if baseline.returncode != 0:
            print(baseline.stdout[-3000:])
            print("mutants: the chosen tests fail on the unbroken code, so a breakage would prove nothing")
            return 1
        survivors = []
        for i, mutant in enumerate(chosen, 1):
            folder = Path(tmp) / f"mutant-{i}"
            shutil.copytree(clean, folder)
            apply(folder, mutant)
            caught = run_tests(folder, mutant.tests).returncode != 0
            print(f"[{'caught' if caught else 'SURVIVED'}] {mutant.name}", flush=True)
            if not caught:
                survivors.append(mutant.name)
            shutil.rmtree(folder)
    print(f"{len(chosen) - len(survivors)} of {len(chosen)} breakages caught in {time.monotonic() - start:.0f} s")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
