"""Small articles built straight from the model, for planner tests that need odd content."""

from __future__ import annotations

import datetime as dt

from handouts import model as m
from handouts.model.inline import text

LOC = m.Loc("test.yaml", 1, 1)


def t(source: str) -> m.Text:
    return text(source, LOC)


def section(title: str, points=(), blocks=(), sections=()) -> m.Section:
    return m.Section(LOC, t(title), tuple(blocks), tuple(t(p) for p in points), tuple(sections))


def article(*sections: m.Section, key_messages=("Call us if you are worried.",), title="Test leaflet",
            online_url=None) -> m.Article:
    meta = m.Meta(LOC, t(title), "test-leaflet", "en-US", "1.0", dt.date(2026, 1, 10), dt.date(2028, 1, 10),
                  subtitle=t("A short subtitle"), online_url=online_url)
    clinic = m.Clinic(LOC, t("Test Clinic"), "555 0100", "911", email="hi@test.example",
                      website="https://test.example", address=t("1 Test Road"))
    return m.Article(LOC, meta, clinic, tuple(t(k) for k in key_messages), tuple(sections))
