"""Training and measuring the bot's models, kept apart from the bot that runs them.

Nothing here is installed: the wheel ships the loaders and the trained weights, not the code
and held-out sets that make and judge them. These modules import ``bot``; nothing in ``bot``,
``handlers`` or ``storage`` imports them (tests/test_layering.py checks). Run them from the
repository root, e.g. ``python -m tools.themes.train``; README.md lists the commands.
"""
