"""Print profiles: each is a set of sizes in the theme (`profiles:`), with the smallest body size it
may have: 12 pt for standard print (RNIB Clear Print), 18 pt for large print (APH)."""

PROFILES = {"standard": 12.0, "large-print": 18.0}
STANDARD = next(iter(PROFILES))  # what a build uses unless asked for another
