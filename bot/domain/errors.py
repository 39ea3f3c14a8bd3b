"""Errors a person can cause, each carrying a message written for that person."""

from bot.domain.wording import command


class UserError(Exception):
    """Something the user asked for cannot be done; ``str(error)`` is safe to show them."""


class NotAllowed(UserError):
    """A facilitator-only request from someone who is not a facilitator.

    The wording says nothing about the programme, so it reveals nothing.
    """

    def __init__(self) -> None:
        super().__init__(
            "Sorry, that's something only the programme's facilitators can do. "
            f"Type {command('help')} to see what you can do."
        )


class NotAMember(UserError):
    def __init__(self) -> None:
        super().__init__(
            "I can't find you in a co-production programme yet. If you think you should be in "
            "one, please ask a facilitator to add you."
        )
