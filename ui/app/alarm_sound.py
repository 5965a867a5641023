"""The window's alarm sound: asks the rule (``monitor.alarm_sound``) each second what to
play, plays it on the workstation's player, and silences on one key press, logging the
silence in the record of each session it covered.

Why the session's record: the nurse reading the session log and the psychiatrist
reviewing the PDF see "sound silenced for 2 min" beside the alarm it concerned, and the
audit trail holds the same note with who pressed the key (every entry is audited). The
clinic-wide trail alone would hide it from the people reading the chart.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QObject, Signal

from monitor.alarm_sound import AlarmSoundRule, RecordingSink, SoundSink, silence_note, soundings
from monitor.errors import ChairsideError
from monitor.service import SessionRecord, SessionService
from monitor.sound_settings import DEFAULT_SOUND, SoundSettings
from ui.common.timefmt import hhmm


class AlarmSound(QObject):
    """Signals:
        silenced_changed(str): the strip's words ("Sound silenced until 14:32", or "").
    """

    silenced_changed = Signal(str)

    def __init__(self, service: SessionService, sink: SoundSink | None = None,
                 tz: tzinfo | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.sink: SoundSink = sink if sink is not None else RecordingSink()
        self.tz = tz
        self.rule = AlarmSoundRule(DEFAULT_SOUND)
        self._words = ""

    def use(self, settings: SoundSettings) -> None:
        """New settings (start-up, or saved in Clinic settings)."""
        self.rule.settings = settings
        use = getattr(self.sink, "use", None)
        if use is not None:
            use(settings)

    def try_tone(self, tone: str) -> None:
        """Plays a tone once (the settings' Play buttons), where the player can."""
        play_tone = getattr(self.sink, "play_tone", None)
        if play_tone is not None:
            play_tone(tone)

    def update(self, records: list[SessionRecord], now: datetime) -> None:
        """Called each second: plays what is due and tells the strip about a silence."""
        sound = self.rule.due(now, soundings(records, now))
        if sound is not None:
            self.sink.play(sound)
        self._tell(now)

    def silence(self, records: list[SessionRecord], now: datetime) -> str:
        """Silences what sounds for the set minutes and logs it; returns what to tell the
        user. Refused (not allowed, not stored), the sound goes on."""
        silence = self.rule.silence_now(now, soundings(records, now))
        if silence is None:
            return "Nothing is sounding: there is nothing to silence."
        minutes = self.rule.settings.silence_min
        try:
            for session_id, silenced in silence.sessions().items():
                self.service.record_sound_silenced(session_id,
                                                   silence_note(minutes, silenced))
        except ChairsideError as error:
            self.rule.silence = None  # never silent without a record of it
            self._tell(now)
            return f"The sound was not silenced: {error}"
        self._tell(now)
        return f"{self.words(now)} (logged in each chair's record)."

    def words(self, now: datetime) -> str:
        until = self.rule.silenced_until(now)
        return f"Sound silenced until {hhmm(until, self.tz)}" if until else ""

    def _tell(self, now: datetime) -> None:
        words = self.words(now)
        if words != self._words:
            self._words = words
            self.silenced_changed.emit(words)
