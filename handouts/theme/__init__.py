"""Themes, fonts and the words the tool prints: the data every renderer reads."""

from handouts.theme.themes import Theme, load_theme

__all__ = ["Theme", "load_theme"]
