"""Output file names: <slug>.pdf, <slug>-large-print.pdf, <slug>.pptx, <slug>-4x3.pptx."""

from __future__ import annotations

from handouts import model as m


def pdf_name(article: m.Article, profile: str = "standard") -> str:
    return article.meta.slug + ("-large-print" if profile == "large-print" else "") + ".pdf"


def deck_name(article: m.Article, aspect: str = "16:9") -> str:
    return article.meta.slug + ("-4x3" if aspect == "4:3" else "") + ".pptx"
