"""ReportLab settings that must not be left to the environment: no network fetches, no colour
evaluation, repeatable output. Imported before anything else in this package draws."""

from reportlab import rl_config

rl_config.trustedHosts = None  # no host is trusted, so nothing is fetched over the network
rl_config.trustedSchemes = []
rl_config.toColorCanUse = None  # colour strings are never evaluated as expressions
rl_config.invariant = 1  # fixed dates and IDs: the same input gives a byte-identical PDF
rl_config.useA85 = 0  # binary streams: 8% smaller files, and no pure-Python ASCII85 pass over every page
