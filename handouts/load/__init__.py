"""Loading: a content file read safely, parsed strictly, checked against the schema and built into the model."""


def load(path):
    """Load and validate one content file (see handouts.load.loader.load)."""
    from handouts.load.loader import load as _load

    return _load(path)
