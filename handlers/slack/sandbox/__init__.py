"""Offline stand-ins for Slack, shared by the demo and the tests."""
