"""The domain: programmes, prompts, replies, reminders and digests, in plain Python.

Nothing here knows which chat platform it serves. Chat goes through the :class:`~bot.domain.messenger.Messenger`
protocol and time through a :class:`~bot.domain.clock.Clock`, so a Teams adapter or the
offline sandbox can drive the same code.
"""
