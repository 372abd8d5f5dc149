"""Output targets: the registry, safe file writing, and one package per output format."""
