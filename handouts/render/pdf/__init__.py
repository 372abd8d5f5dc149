"""The PDF handout, rendered with ReportLab platypus."""
