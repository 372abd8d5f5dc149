"""What goes on each page of a printed handout: plan.py turns the model into elements."""
