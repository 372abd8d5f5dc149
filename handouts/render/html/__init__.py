"""The web edition: one self-contained, accessible page per leaflet, from the same plan as the PDF."""
