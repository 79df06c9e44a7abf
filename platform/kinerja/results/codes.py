"""Result vocabulary and the time rules: the objection window and the effective status.

Stored status: RATED -> RELEASED -> ACKNOWLEDGED | OBJECTED -> FINAL. A RELEASED or
ACKNOWLEDGED result whose objection window has passed is FINAL without any write (no cron):
every read shows the effective status and every write path checks it.
"""

from __future__ import annotations

from datetime import date, timedelta

RESULT_STATUSES = ("RATED", "RELEASED", "ACKNOWLEDGED", "OBJECTED", "FINAL")
HASIL_SOURCES = ("RATER", "ORGANISATION")
CHANGE_KINDS = ("CALIBRATION", "OBJECTION", "REOPEN")
OBJECTION_STATUSES = ("OPEN", "DECIDED")
DECISIONS = ("UPHOLD", "CHANGE")
PARTIES = ("RATER", "EMPLOYEE")
TEXT_MAX, REASONS_MAX = 2000, 4000


def objection_deadline(released_on: date, days: int, day_kind: str) -> date:
    """The last day an objection may be filed: `days` calendar days after release, or
    `days` working days (Monday-Friday; public holidays are not modelled)."""
    if day_kind != "WORKING":
        return released_on + timedelta(days=days)
    day, left = released_on, days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def effective_status(status: str, deadline: date | None, today: date) -> str:
    if status in ("RELEASED", "ACKNOWLEDGED") and deadline is not None and today > deadline:
        return "FINAL"
    return status
