"""Training and measuring the filer (bot/domain/filing/): which question a plain reply answers."""
