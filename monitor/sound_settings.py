"""How alarms sound: which tone each tier plays, how loud, how often a critical alarm
repeats, how often the overdue-vitals reminder comes back and how long one silence lasts.

Every number here is a *Chairside default* (the clinical reference gives none), a clinic
setting listed in docs/clinical-defaults.md. The volume has a floor: no setting makes an
alarm inaudible, so the sound can never be turned off quietly from the settings.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace

from monitor.errors import InvalidEntry

# The tones the app can play (ui.app.tones makes each one); names a nurse can tell apart.
TONES = {
    "pulses": "Fast pulses (high, urgent)",
    "two_tones": "Two tones (middle)",
    "chime": "Soft chime (low, gentle)",
    "rising": "Three rising tones",
}

VOLUME_FLOOR = 30  # percent: quieter than this is not heard over a busy room
SILENCE_RANGE = (1, 10)  # minutes a single press may silence
CRITICAL_REPEAT_RANGE = (3, 60)  # seconds between repeats of a critical alarm
REMINDER_RANGE = (1, 30)  # minutes between overdue-vitals reminders


@dataclass(frozen=True)
class SoundSettings:
    critical_tone: str = "pulses"
    advisory_tone: str = "two_tones"
    reminder_tone: str = "chime"
    volume_percent: int = 80
    critical_repeat_s: int = 10
    reminder_every_min: int = 5
    silence_min: int = 2

    def tone_of(self, tier: str) -> str:
        """The tone of "critical", "advisory" or "reminder"."""
        return str(getattr(self, f"{tier}_tone"))

    def to_text(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_text(cls, text: str) -> SoundSettings:
        """The stored settings; an empty value (never saved) is the defaults, and a key
        that is not known any more is ignored."""
        if not text.strip():
            return DEFAULT_SOUND
        stored = json.loads(text)
        known = {f.name for f in fields(cls)}
        return replace(DEFAULT_SOUND, **{k: v for k, v in stored.items() if k in known})


DEFAULT_SOUND = SoundSettings()


def check_sound(settings: SoundSettings) -> SoundSettings:
    """Refuses tones not known, one tone for two tiers, and numbers out of range."""
    tones = [settings.critical_tone, settings.advisory_tone, settings.reminder_tone]
    for field, tone in zip(("critical_tone", "advisory_tone", "reminder_tone"), tones,
                           strict=True):
        if tone not in TONES:
            raise InvalidEntry(f"Choose a sound from the list ({tone!r} is not one).", field)
    if len(set(tones)) < 3:
        raise InvalidEntry("Critical alarms, advisory alarms and the overdue-vitals "
                           "reminder each need a sound of their own.", "advisory_tone")
    _within("volume_percent", "Volume", settings.volume_percent, (VOLUME_FLOOR, 100), "%")
    _within("critical_repeat_s", "A critical alarm repeats every",
            settings.critical_repeat_s, CRITICAL_REPEAT_RANGE, "s")
    _within("reminder_every_min", "The overdue reminder repeats every",
            settings.reminder_every_min, REMINDER_RANGE, "min")
    _within("silence_min", "Silence lasts", settings.silence_min, SILENCE_RANGE, "min")
    return settings


def _within(field: str, label: str, value: object, bounds: tuple[int, int],
            unit: str) -> None:
    low, high = bounds
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidEntry(f"{label}: a whole number from {low} to {high} {unit}.", field)
