"""The clinic board: one tile per chair, what a nurse reads from across the room.

Plain data only. ``chair_statuses`` turns the open sessions and a given time into one
``ChairStatus`` per chair; the screen shows them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from monitor.clock import mmss
from monitor.devices.board_feed import ChairFeed, feed_line
from monitor.devices.feed_settings import FeedSettings
from monitor.infusion_clock import infusion_clock, observation_clock
from monitor.records import InfusionSession, Patient
from monitor.session_record import SessionRecord
from monitor.timeline import Phase, Timeline
from monitor.vitals import Tier

FREE = "Free"


@dataclass(frozen=True)
class ChairStatus:
    """One chair as the board shows it; a free chair has no session and no phase."""

    chair: str
    session_id: int | None = None
    initials: str = ""
    mrn: str = ""
    phase: Phase | None = None
    phase_label: str = FREE
    big_text: str = ""  # infusion elapsed; in observation, the observation clock
    small_text: str = ""  # "12:30 left", "+01:10 over", "20:00 left of 30:00 obs."
    over_planned: bool = False  # infusing or paused past the planned infusion time
    vitals_text: str = ""
    vitals_overdue: bool = False
    alarm_tier: Tier | None = None  # the highest unacknowledged alarm's
    alarm_text: str = ""
    # the chair's bedside monitor, when one is bound: "Monitor: last value 12 s ago"
    monitor_text: str = ""
    monitor_silent: bool = False  # silent longer than the clinic's setting

    @property
    def free(self) -> bool:
        return self.session_id is None


def chair_statuses(records: list[SessionRecord], chair_count: int, now: datetime,
                   feeds: dict[str, ChairFeed] | None = None,
                   silence: timedelta | None = None) -> list[ChairStatus]:
    """Chairs "1" to ``chair_count`` in order, then a tile for each open session seated
    elsewhere (a chair outside the range, or a second session in one chair).

    Discharged sessions are left off. ``feeds``: the monitors bound to chairs now
    (``monitor.devices.board_feed``), said on their chairs' tiles; ``silence``: the
    clinic's setting for the disconnect state.
    """
    statuses = _chair_statuses(records, chair_count, now)
    if not feeds:
        return statuses
    named = {chair_name(chair): feed for chair, feed in feeds.items()}
    quiet = silence or timedelta(seconds=FeedSettings.silence_seconds)  # its default
    return [with_monitor(s, named.get(s.chair), now, quiet) for s in statuses]


def with_monitor(status: ChairStatus, feed: ChairFeed | None, now: datetime,
                 silence: timedelta) -> ChairStatus:
    if feed is None:
        return status
    text, silent = feed_line(feed, now, silence)
    return replace(status, monitor_text=text, monitor_silent=silent)


def _chair_statuses(records: list[SessionRecord], chair_count: int,
                    now: datetime) -> list[ChairStatus]:
    seated: dict[str, ChairStatus] = {}
    extra: list[tuple[tuple, ChairStatus]] = []
    in_range = {str(n) for n in range(1, chair_count + 1)}
    for record in sorted(records, key=lambda r: (r.session.created_at, r.session.id)):
        if record.session.phase is Phase.DISCHARGED:
            continue
        timeline = record.timeline
        if timeline.phase is Phase.DISCHARGED:
            continue
        chair = chair_name(record.session.chair)
        status = session_status(record, timeline, chair, now)
        if chair in in_range and chair not in seated:
            seated[chair] = status
        else:
            extra.append(((*chair_order(chair), record.session.id), status))
    free = [seated.get(str(n)) or ChairStatus(str(n)) for n in range(1, chair_count + 1)]
    return free + [status for _, status in sorted(extra, key=lambda pair: pair[0])]


def chairs_in_use(open_sessions: list[tuple[InfusionSession, Patient]]) -> dict[str, str]:
    """Each chair with an open session → who sits there, as the New session dialog warns:
    "Ann Baker, infusing"."""
    return {chair_name(s.chair): f"{p.name}, {s.phase.label.lower()}"
            for s, p in open_sessions}


def first_free_chair(chairs: list[str], in_use: dict[str, str]) -> str:
    """The first chair nobody sits in ("" when every chair is taken)."""
    return next((c for c in chairs if chair_name(c) not in in_use), "")


def chair_name(chair: str) -> str:
    """The chair as the board names it: "01" and " 1" are chair "1"."""
    chair = chair.strip()
    return str(int(chair)) if chair.isdigit() else chair


def chair_order(chair: str) -> tuple[int, int, str]:
    """Numbered chairs in number order, then named ones alphabetically."""
    return (0, int(chair), "") if chair.isdigit() else (1, 0, chair.casefold())


def session_status(record: SessionRecord, timeline: Timeline, chair: str,
                   now: datetime) -> ChairStatus:
    big, small, over = clock_texts(record, timeline, now)
    due = record.vitals_due(now, timeline)
    alarm = record.open_alarm()
    alarm_text = ""
    if alarm is not None and alarm.messages:
        alarm_text = alarm.messages[0]
        if len(alarm.messages) > 1:
            alarm_text += f" (+{len(alarm.messages) - 1} more)"
    return ChairStatus(
        chair=chair,
        session_id=record.session.id,
        initials=record.patient.initials,
        mrn=record.patient.mrn,
        phase=timeline.phase,
        phase_label=timeline.phase_label,
        big_text=big,
        small_text=small,
        over_planned=over,
        vitals_text=due.text(now) if due else "",
        vitals_overdue=bool(due and due.overdue),
        alarm_tier=alarm.tier if alarm else None,
        alarm_text=alarm_text,
    )


def clock_texts(record: SessionRecord, timeline: Timeline,
                now: datetime) -> tuple[str, str, bool]:
    """(big clock, the line under it, past the planned time) for the session's phase."""
    phase = timeline.phase
    if phase is Phase.BASELINE:
        return "00:00", f"{mmss(timeline.planned.total_seconds())} planned", False
    if phase in (Phase.INFUSING, Phase.PAUSED):
        clock = infusion_clock(timeline, now)  # elapsed + left = planned, on screen too
        small = f"{clock.remaining_text()} {'over' if clock.over else 'left'}"
        return mmss(clock.elapsed), small, clock.over
    observed = timeline.observation_elapsed(now)
    minimum = record.session.observation_minutes * 60
    seconds, left = observation_clock(observed.total_seconds() if observed else 0.0, minimum)
    if left > 0:
        small = f"{mmss(left)} left of {mmss(minimum)} obs."
    else:
        small = f"{mmss(minimum)} observation done"
    return mmss(seconds), small, False
