"""Query functions over a session the caller owns, split by subject. None of them commits.

Callers write ``queries.delivery(session, ...)``; each subject's module holds its own.
"""

from storage.queries.consent import (
    claim_consent_request,
    members_to_ask_consent,
    release_consent_request,
    undecided_members,
)
from storage.queries.digests import (
    answers_for_days,
    answers_since,
    claim_weekly_digest,
    delivery_counts,
    digest_posted,
    mark_weekly_digest_posted,
    rate_series,
    release_weekly_digest,
    status_rows,
    theme_counts,
    weekly_digests,
    withheld_replies,
)
from storage.queries.export import (
    export_answers,
)
from storage.queries.members import (
    erase_member_data,
    member,
    member_for_user,
    members_matching,
    memberships,
    programme_members,
)
from storage.queries.programmes import (
    day_has_prompts,
    days_between,
    days_due,
    days_prompting_after,
    live_programmes,
    programme,
    programme_by_name,
    programme_days,
    programmes,
    programmes_with_weekly_digest,
    teams,
)
from storage.queries.prompts import (
    claim_deliveries,
    deliveries_for_days_before,
    delivery,
    erase_deliveries,
    latest_delivery,
    member_deliveries,
    members_to_prompt,
    reclaim_stale_deliveries,
    set_delivery_state,
)
from storage.queries.reminders import (
    claim_reminder,
    deliveries_awaiting_answer,
    release_reminder,
    reminder_sequences,
)
from storage.queries.replies import (
    answers_to_retheme,
    claim_event,
    erase_reply,
)

__all__ = [
    "answers_for_days",
    "answers_since",
    "answers_to_retheme",
    "claim_consent_request",
    "claim_deliveries",
    "claim_event",
    "claim_reminder",
    "claim_weekly_digest",
    "day_has_prompts",
    "days_between",
    "days_due",
    "days_prompting_after",
    "deliveries_awaiting_answer",
    "deliveries_for_days_before",
    "delivery",
    "delivery_counts",
    "digest_posted",
    "erase_deliveries",
    "erase_member_data",
    "erase_reply",
    "export_answers",
    "latest_delivery",
    "live_programmes",
    "mark_weekly_digest_posted",
    "member",
    "member_deliveries",
    "member_for_user",
    "members_matching",
    "members_to_ask_consent",
    "members_to_prompt",
    "memberships",
    "programme",
    "programme_by_name",
    "programme_days",
    "programme_members",
    "programmes",
    "programmes_with_weekly_digest",
    "rate_series",
    "reclaim_stale_deliveries",
    "release_consent_request",
    "release_reminder",
    "release_weekly_digest",
    "reminder_sequences",
    "set_delivery_state",
    "status_rows",
    "teams",
    "theme_counts",
    "undecided_members",
    "weekly_digests",
    "withheld_replies",
]
