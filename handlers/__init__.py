"""Slack transport only: Bolt listeners, Block Kit builders and the Slack Messenger.

Each listener parses the request, makes one domain call and renders the result.
"""
