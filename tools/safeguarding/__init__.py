"""The safeguarding detector's labelled replies, its learned tier's training, and its figures.

``python -m tools.safeguarding.train`` retrains the learned tier and saves the shipped weights;
``python -m tools.safeguarding.measure`` prints the figures. ``data/README.md`` tells how each
labelled round was written and kept blind.
"""
