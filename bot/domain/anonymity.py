"""The anonymity rule, applied in the domain once, so every view and every platform obeys it.

A reply given without a name (quoted without a name, or counted in the themes only) must not
be traceable to fewer than ``K`` people by putting together what a view shows: the names it
shows, the counts beside them, and the same view shown again later. ``K`` is the programme's
``anonymity_min_replies`` (3 unless the file says otherwise).

For a group (a team, the pool of small groups, a team and role in the export) the people who
could be behind an unnamed reply are everyone the group asked who is *not* named. When that
number is below ``K`` while the group holds unnamed replies, a view coarsens or suppresses:

- the digest moves the group's unnamed replies to the pool of small groups (without a team)
  and does not show the group's counts; a pool that still holds fewer than ``K`` possible
  authors is not shown at all, its replies counted only in the programme's totals; the
  programme's rate is not shown when the hidden groups together hold fewer than ``K``
  possible authors (it less the rates shown would be theirs), and the chart draws no hidden
  group;
- the status never splits the people it does not name into "answered without a name",
  "skipped" and "still to answer" (a split that changes as one person answers points at them);
- the facilitators' Home shows no rate for such a group;
- the export leaves out the team and the role of an unnamed row whose group is too small;
- no view gives a count of replies passed to the safeguarding leads, or of replies asked not
  to be quoted when that count is under ``K``: the digest says the same words every week.
"""

from __future__ import annotations

DEFAULT_FLOOR = 3


def safe(*, candidates: int, unnamed: int, floor: int = DEFAULT_FLOOR) -> bool:
    """Whether a group may be shown as it is: it holds no unnamed reply, or at least
    ``floor`` people could have written each one."""
    return unnamed <= 0 or candidates >= floor
