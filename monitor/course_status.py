"""Where a course stands now on one mood scale, from its scores in session order.

From the clinical reference: *response* is a drop of 50 % or more from the course's first
score; *remission* is PHQ-9 below 5 or MADRS 10 or less. The current status reads the
latest score:

- **in remission**: the latest score is in remission;
- **responding**: the latest score is a response (and not a remission);
- **lost response** since session N: an earlier score of the course was a response or a
  remission and the latest is neither; N is the first session of that run of scores;
- **no response yet**: no score of the course has been a response or a remission;
- **baseline only**: one score so far.

No threshold is added to the reference's: one score that is no longer a response is
enough to say so (the psychiatrist judges whether it is a relapse).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol


class Status(Enum):
    NOT_RECORDED = "not recorded"
    BASELINE_ONLY = "baseline only"
    NO_RESPONSE = "no response yet"
    RESPONDING = "responding"
    IN_REMISSION = "in remission"
    LOST_RESPONSE = "lost response"


class Point(Protocol):
    @property
    def session_number(self) -> int: ...
    @property
    def response(self) -> bool: ...
    @property
    def remission(self) -> bool: ...


@dataclass(frozen=True)
class CourseStatus:
    status: Status
    since: int | None = None  # the session number the status holds from
    first_response: int | None = None
    first_remission: int | None = None

    @property
    def text(self) -> str:
        """"lost response since session 6", "in remission since session 4"."""
        if self.since is None:
            return self.status.value
        return f"{self.status.value} since session {self.since}"


def course_status(points: Sequence[Point]) -> CourseStatus:
    """The status of one scale's points (oldest first, numbered within the course)."""
    if not points:
        return CourseStatus(Status.NOT_RECORDED)
    first_response = next((p.session_number for p in points if p.response), None)
    first_remission = next((p.session_number for p in points if p.remission), None)
    firsts = {"first_response": first_response, "first_remission": first_remission}
    if len(points) == 1:
        status = Status.IN_REMISSION if points[0].remission else Status.BASELINE_ONLY
        return CourseStatus(status, points[0].session_number if points[0].remission
                            else None, **firsts)
    status = _status_of(points[-1], helped=first_response is not None
                        or first_remission is not None)
    since = points[-1].session_number
    for p in reversed(points[:-1]):
        if _status_of(p, helped=True) is not status:
            break
        since = p.session_number
    if status is Status.NO_RESPONSE:
        return CourseStatus(status, None, **firsts)
    return CourseStatus(status, since, **firsts)


def _status_of(p: Point, helped: bool) -> Status:
    if p.remission:
        return Status.IN_REMISSION
    if p.response:
        return Status.RESPONDING
    return Status.LOST_RESPONSE if helped else Status.NO_RESPONSE
