"""Reading input files: opened safely (source.py), parsed as strict, located YAML (yamlnodes.py) and
checked against a declarative schema that collects every problem (spec.py).

This layer knows no leaflet: content, themes, labels and manifests are all read through it."""
