"""Themes, fonts and the words the tool prints: the data every renderer reads (themes.py,
profiles.py, fonts.py, labels.py). Nothing is imported here, so reading one small part (the
print profiles' names, say) does not load the theme reader."""
