"""``python -m bot.domain.themes.ship_model``: retrain and save the shipped default model.

Run it whenever the training set, the thesaurus, the method's settings or the default codebook
change; tests/test_themes_shipped.py fails until you do.
"""

from bot.domain.themes.classifier import write_shipped_model

if __name__ == "__main__":
    print(f"wrote {write_shipped_model()}")
