"""`copro-bot demo`, the README's first command, plays the whole story offline."""

from __future__ import annotations

from handlers.slack.demo import run_demo


def test_the_demo_plays_consent_prompt_replies_digest_and_home_offline():
    lines: list[str] = []
    assert run_demo(out=lines.append) == 0
    story = "\n".join(lines)
    for moment in (
        "[ Yes, I agree ]  [ No, thank you ]",  # consent before anything else
        "Thank you, I've saved that and put it under What is working?",
        "[ Move to: What could change? ]",  # one tap to move it
        "Thank you, I've saved that in two parts",
        "[ All under: What is working? ]  [ All under: What could change? ]",
        "The digest, as the facilitator reads it in Slack",
        "went privately to the safeguarding leads",
        "[ Send me this week's digest ]  [ Get it as a Word document ]  [ Send me the export ]",
    ):
        assert moment in story
    assert "⟦" not in story  # commands rendered in Slack's words, never as raw markup
