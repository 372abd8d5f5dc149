"""The pre-print review behind `generate.py check`."""
