"""The slide deck: a pure slide plan from the model, then python-pptx writes it."""
