"""What the alarm sound plays, and when: the rule, apart from any speaker.

Each second the app hands ``AlarmSoundRule.due`` what calls for sound now (``soundings``:
each open alarm, and each session with vitals overdue) and plays what it returns on a
``SoundSink``. The rule:

- a critical alarm sounds at once and again every ``critical_repeat_s`` until it is
  acknowledged (it then no longer calls for sound);
- an advisory alarm sounds once;
- overdue vitals give a gentler reminder, again every ``reminder_every_min`` while overdue;
- one press silences what is sounding for ``silence_min`` minutes; the screen logs it in
  each session concerned. When the silence ends, what is still open sounds again at once
  (the sound never stops without saying so). An alarm raised during a silence is new: it
  sounds, as a monitor's audio pause covers only the alarms it was pressed for.

Nothing here reads the wall clock: every call is given ``now``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Protocol

from monitor.alarms import Alarm
from monitor.session_record import SessionRecord
from monitor.sound_settings import DEFAULT_SOUND, SoundSettings
from monitor.timeline import Phase
from monitor.vitals import Tier


class Sound(str, Enum):
    CRITICAL = "critical"
    ADVISORY = "advisory"
    REMINDER = "reminder"


URGENCY = {Sound.CRITICAL: 2, Sound.ADVISORY: 1, Sound.REMINDER: 0}


@dataclass(frozen=True)
class Sounding:
    """One thing that calls for sound now. ``key`` stays the same while it lasts."""

    key: tuple[str, int]  # ("alarm", alarm id) or ("overdue", session id)
    session_id: int
    chair: str
    sound: Sound
    text: str


class SoundSink(Protocol):
    def play(self, sound: Sound) -> None: ...


@dataclass
class RecordingSink:
    """A sink that keeps what it was asked to play (tests; a machine with no speaker)."""

    played: list[Sound] = field(default_factory=list)

    def play(self, sound: Sound) -> None:
        self.played.append(sound)


def soundings(records: Iterable[SessionRecord], now: datetime) -> list[Sounding]:
    """Every unacknowledged alarm of the open sessions, and every session whose vitals
    are overdue."""
    found: list[Sounding] = []
    for record in records:
        if record.session.phase is Phase.DISCHARGED:
            continue
        sid, chair = record.session.id, record.session.chair
        for alarm in record.alarms:
            if not alarm.acknowledged:
                sound = Sound.CRITICAL if alarm.tier is Tier.CRITICAL else Sound.ADVISORY
                text = alarm_words(alarm)
                found.append(Sounding(("alarm", alarm.id), sid, chair, sound, text))
        due = record.vitals_due(now)
        if due is not None and due.overdue:
            found.append(Sounding(("overdue", sid), sid, chair, Sound.REMINDER,
                                  f"Vitals overdue ({due.text(now)})"))
    return found


def alarm_words(alarm: Alarm) -> str:
    """"Critical alarm: SBP 190 above 180 (+1 more)": the first finding, as the board
    says it (the record keeps the alarm's full text beside it)."""
    first = alarm.messages[0] if alarm.messages else ""
    more = f" (+{len(alarm.messages) - 1} more)" if len(alarm.messages) > 1 else ""
    return f"{alarm.tier.value.capitalize()} alarm: {first}{more}"


@dataclass(frozen=True)
class Silence:
    """One press of Silence: until when, and what it covered."""

    until: datetime
    covered: tuple[Sounding, ...]

    def sessions(self) -> dict[int, list[Sounding]]:
        """What was silenced, by session (each session's record logs its own)."""
        by_session: dict[int, list[Sounding]] = {}
        for s in self.covered:
            by_session.setdefault(s.session_id, []).append(s)
        return by_session


class AlarmSoundRule:
    """Decides, each time it is asked, which sound (if any) to play now."""

    def __init__(self, settings: SoundSettings = DEFAULT_SOUND) -> None:
        self.settings = settings
        self._last: dict[tuple[str, int], datetime] = {}  # when each key last sounded
        self.silence: Silence | None = None

    def due(self, now: datetime, sounding: list[Sounding]) -> Sound | None:
        """The most urgent sound due now, or None. Everything due is counted as played
        (one sound at a time: the most urgent one says the most)."""
        self._end_silence(now)
        keys = {s.key for s in sounding}
        self._last = {k: t for k, t in self._last.items() if k in keys}  # acknowledged
        muted = {s.key for s in self.silence.covered} if self.silence else set()
        due = [s for s in sounding if s.key not in muted and self._is_due(s, now)]
        for s in due:
            self._last[s.key] = now
        return max((s.sound for s in due), key=URGENCY.__getitem__, default=None)

    def _is_due(self, s: Sounding, now: datetime) -> bool:
        last = self._last.get(s.key)
        if last is None:
            return True
        if s.sound is Sound.CRITICAL:
            return now - last >= timedelta(seconds=self.settings.critical_repeat_s)
        if s.sound is Sound.REMINDER:
            return now - last >= timedelta(minutes=self.settings.reminder_every_min)
        return False  # an advisory alarm sounds once

    def silence_now(self, now: datetime, sounding: list[Sounding]) -> Silence | None:
        """Silences what is sounding (open alarms, overdue reminders) for the set minutes;
        None when nothing calls for sound (there is nothing to silence)."""
        if not sounding:
            return None
        until = now + timedelta(minutes=self.settings.silence_min)
        self.silence = Silence(until, tuple(sounding))
        return self.silence

    def silenced_until(self, now: datetime) -> datetime | None:
        self._end_silence(now)
        return self.silence.until if self.silence else None

    def _end_silence(self, now: datetime) -> None:
        """At the end of a silence, what it covered sounds again at once if still open."""
        if self.silence is not None and now >= self.silence.until:
            for s in self.silence.covered:
                if s.sound is not Sound.ADVISORY:
                    self._last.pop(s.key, None)
            self.silence = None


def silence_note(minutes: int, silenced: list[Sounding]) -> str:
    """The line a session's record keeps of a silence."""
    what = "; ".join(s.text for s in silenced)
    return f"Alarm sound silenced for {minutes} min at this workstation. Sounding: {what}"
