"""``python -m tools.themes.train``: remake the training set, then retrain and save the shipped
default model.

Run it whenever the fragments, the hand-written replies, the thesaurus, the method's settings or
the default codebook change; tests/test_themes.py and tests/test_themes_shipped.py fail until
you do. Both steps are seeded, so with nothing changed they write the same bytes again.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bot.domain.themes.classifier import SHIPPED_MODEL, codebook_version, train
from bot.domain.themes.codebook import DEFAULT_CODEBOOK
from tools.themes import make_training


def write_shipped_model(path: Path = SHIPPED_MODEL) -> Path:
    """Train the default model and save it where the classifier loads it from."""
    model = train(DEFAULT_CODEBOOK)
    data = {
        "version": codebook_version(DEFAULT_CODEBOOK),
        "classes": list(model.classes),
        "weights": {f: list(v) for f, v in sorted(model.weights.items())},
    }
    raw = json.dumps(data, separators=(",", ":")).encode()
    path.write_bytes(gzip.compress(raw, 9, mtime=0))
    return path


def main() -> None:
    # The runtime reads the training set once per process and keeps it, so it is written first,
    # before anything here reads it: the model then learns from the file just written.
    make_training.main()
    print(f"wrote {write_shipped_model()}")


if __name__ == "__main__":
    main()
