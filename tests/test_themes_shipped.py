"""The shipped default model is exactly what training gives today, so it can never go stale."""

from __future__ import annotations

import gzip
import json

from bot.domain.themes import DEFAULT_CODEBOOK
from bot.domain.themes.classifier import SHIPPED_MODEL, _shipped, codebook_version, train


def test_the_shipped_default_model_matches_a_fresh_training():
    data = json.loads(gzip.decompress(SHIPPED_MODEL.read_bytes()))
    assert data["version"] == codebook_version(DEFAULT_CODEBOOK), (
        "training changed: run python -m tools.themes.train"
    )
    shipped, fresh = _shipped(DEFAULT_CODEBOOK), train(DEFAULT_CODEBOOK)
    assert shipped.classes == fresh.classes
    assert shipped.weights == fresh.weights


def test_the_retraining_command_writes_exactly_the_shipped_bytes(tmp_path):
    """What ``python -m tools.themes.train`` would write is, byte for byte, what ships."""
    from tools.themes.train import write_shipped_model

    written = write_shipped_model(tmp_path / "default_model.json.gz")
    assert written.read_bytes() == SHIPPED_MODEL.read_bytes()
