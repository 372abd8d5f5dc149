"""Where the project's own data lives: templates/ (themes, labels, reading checks, word lists).

In a checkout it is the templates/ folder at the top of the repository; installed from a wheel it
is the package handouts._templates (pyproject.toml maps one onto the other). importlib.resources
finds it either way, so the tool works from any folder.
"""

from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _templates() -> Path:
    beside = Path(__file__).resolve().parent / "_templates"  # installed from a wheel
    if (beside / "theme.yaml").is_file():
        return beside
    try:  # an editable install maps the package onto templates/
        found = files("handouts._templates")
        for path in getattr(found, "_paths", [found]):  # a namespace package may list several
            if (Path(str(path)) / "theme.yaml").is_file():
                return Path(str(path))
    except (ModuleNotFoundError, TypeError, ValueError):
        pass
    return ROOT / "templates"  # a checkout run without installing


TEMPLATES = _templates()
LABELS = TEMPLATES / "labels"
DEFAULT_THEME = TEMPLATES / "theme.yaml"
