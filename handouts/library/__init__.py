"""A clinic's library of leaflets: finding content files in folders, building each on its own (in
parallel, and only when something it depends on has changed), and the review-date register."""
