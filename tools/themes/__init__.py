"""The themes classifier's training set and its measurement.

``python -m tools.themes.train`` remakes the training set and the shipped default model;
``python -m tools.themes.measure`` reports accuracy on the held-out set in ``data/``.
"""
