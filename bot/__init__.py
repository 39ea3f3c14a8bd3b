"""copro-bot: a co-production reflection bot."""

# The one place the version is written: pyproject.toml reads it, `copro-bot --version` prints
# it, and every backup records it. Unreleased work carries the next release's number, ".dev0".
__version__ = "0.2.0.dev0"
