"""``python -m tools.safeguarding.measure``: the detector's figures on every labelled part, then
leave-one-part-out cross-validation of its learned tier.

Only the held-out rounds' figures say how the detector does on replies worded in new ways; the
tuning parts' and the cross-validation's flatter it (data/README.md says why). Each half also
runs alone: ``python -m tools.safeguarding.labelled`` and ``python -m tools.safeguarding.crossval``.
"""

from __future__ import annotations

from tools.safeguarding import crossval, labelled


def main() -> None:
    labelled.main()
    print()
    print("leave-one-part-out cross-validation of the learned tier (tuning parts only):")
    crossval.main()


if __name__ == "__main__":
    main()
