"""content.yaml itself: plain language and complete coverage of the model."""

import re

from conftest import CONTENT
from oracle import Leaflet, sentences

from handouts import model as m
from handouts.load import load
from handouts.review.readability import article_scores, section_scores

ARTICLE = load(CONTENT)
LEAFLET = Leaflet(CONTENT)


def test_reading_grade_targets():
    assert article_scores(ARTICLE).fk_grade <= 6
    for section in ARTICLE.sections:
        assert section_scores(section).fk_grade <= 8, section.title.plain


def test_sentences_are_mostly_short():
    all_sentences = [s for t in LEAFLET.all_block_texts() for s in sentences(t)]
    long = [s for s in all_sentences if len(re.findall(r"[\w'-]+", s)) > 20]
    assert len(all_sentences) > 100
    assert len(long) / len(all_sentences) < 0.05, long


def test_every_section_has_slide_points_and_a_get_help_callout_exists():
    for _, section in ARTICLE.all_sections():
        assert section.slide_points, section.title.plain
    kinds = [b.kind for _, s in ARTICLE.all_sections() for b in s.blocks if isinstance(b, m.Callout)]
    assert "get_help" in kinds


def test_clinic_details_reach_the_text_through_placeholders():
    raw = CONTENT.read_text(encoding="utf-8")
    assert "{{ clinic.phone }}" in raw
    texts = LEAFLET.all_block_texts()
    assert any(LEAFLET.clinic["phone"] in t for t in texts)
    assert not any("{{" in t for t in texts)


def test_governance_names_the_source_article():
    assert any("source article" in s.title.plain for s in ARTICLE.meta.sources)
    assert ARTICLE.meta.reviewer and ARTICLE.meta.authors
