"""copro-bot: a co-production reflection bot."""
