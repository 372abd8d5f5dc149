"""handouts: one YAML file of patient-education content, two outputs (PDF handout, slide deck)."""

__version__ = "0.1.0"
