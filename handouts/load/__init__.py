"""Loading: a content file read safely, parsed strictly, checked against the schema and built into the model."""

from handouts.load.loader import load

__all__ = ["load"]
