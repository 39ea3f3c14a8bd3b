"""`copro-bot demo --platform teams` plays the whole story through the real Teams app."""

from __future__ import annotations

from handlers.teams.demo import run_demo


def test_the_teams_demo_plays_consent_prompts_replies_digest_status_and_export():
    lines: list[str] = []
    assert run_demo(out=lines.append) == 0
    story = "\n".join(lines)
    for moment in (
        "[ Yes, I agree ]  [ No, thank you ]",
        "[ Answer ]  [ Remind me later ]  [ Skip this time ]  [ I'd rather not be asked ]",
        "Thank you, I've saved that and put it under What is working?",
        "[ Move to: What could change? ]",
        "How may we use your words?",
        "A gentle reminder",
        "Safeguarding alert: URGENT",
        "Who has answered",
        "Reflections for the week of 6 to 12 May 2024",
        "For this digest as a Word document, send me digest word 2024-W19.",
        "📎 reflections.csv",
        "📄 reflections.csv (in your OneDrive)",
    ):
        assert moment in story, moment
    assert "⟦" not in story and "**" not in story
    # The demo's one team is too small for its counts to be shown (bot.domain.anonymity), so
    # neither the programme's rate nor a chart of it is shown: both would give them away.
    assert "Numbers not shown" in story and "(chart)" not in story
    assert "Safeguarding check-in" not in story  # an ordinary reply raises no alarm
