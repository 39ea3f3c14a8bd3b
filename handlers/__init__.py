"""Chat transports, one folder each: ``slack/`` today, ``teams/`` next.

An adapter parses a platform's request, calls one domain use case and renders the outcome;
outbound messages go through its implementation of the domain's ``Messenger``.
"""
