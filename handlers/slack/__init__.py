"""Slack transport only: Bolt listeners, Block Kit builders, the Slack Messenger, request checks
and the offline Slack stand-in the demo and tests use.

Each listener parses the request, makes one domain call and renders the result.
"""
