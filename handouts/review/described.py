"""Links a screen reader names badly: a source whose title is a bare web address, read out letter by
letter. (Pictures' alt text is checked with the other health-literacy checks.) A warning: only a
person can say whether the words fit (README, "What a person must still check")."""

from __future__ import annotations

import re

from handouts import model as m
from handouts.errors import Problem
from handouts.review.checks import Check

WEB_ADDRESS = re.compile(r"^\s*((https?|ftp)://|www\.)\S+\s*$", re.IGNORECASE)
FILE_NAME = re.compile(r"^[\w.\- ]+\.(png|jpe?g|gif|webp|svg|tiff?|bmp|heic)$", re.IGNORECASE)


def links_in_words(article: m.Article) -> Check:
    problems = [Problem(source.title.loc, "the source's title is a web address: a screen reader reads it out "
                        "letter by letter", "meta.sources.title",
                        "give the page's name in words as the title, and its address as url")
                for source in article.meta.sources if WEB_ADDRESS.match(source.title.plain)]
    detail = "every source has a title in words" if not problems else f"{len(problems)} source title(s) to reword"
    return Check("Links named in words", not problems, detail, problems)
