"""Benchmarks for copro-bot: see bench/README.md."""
