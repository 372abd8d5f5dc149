#!/usr/bin/env python3
"""handouts: build the PDF handout and the slide deck from content.yaml. Run with --help."""

from handouts.cli import main

if __name__ == "__main__":
    main(prog_name="generate.py")
