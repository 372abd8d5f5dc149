"""Where the project's own data lives."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LABELS = TEMPLATES / "labels"
DEFAULT_THEME = TEMPLATES / "theme.yaml"
