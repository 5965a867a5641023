"""Plays the alarm sounds through Qt Multimedia's QSoundEffect.

QSoundEffect (PySide6-Addons, the same Qt release as the rest of the app) is made for
short, low-latency notification sounds from uncompressed WAV, plays without blocking the
window and needs no other library. A machine without a sound device (or without Qt
Multimedia's system libraries) gets ``NoSpeaker`` and a plain notice instead: the app
starts and every alarm still shows on screen.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from monitor.alarm_sound import Sound, SoundSink
from monitor.sound_settings import DEFAULT_SOUND, SoundSettings

NO_DEVICE = "No sound device: alarms show on screen only."


@dataclass
class NoSpeaker:
    """What is asked to play where nothing can (kept, so a test can read it)."""

    reason: str = NO_DEVICE
    played: list[Sound] = field(default_factory=list)

    def play(self, sound: Sound) -> None:
        self.played.append(sound)

    def use(self, settings: SoundSettings) -> None:
        """Nothing to set up without a speaker."""

    def play_tone(self, tone: str) -> None:
        """A tone tried in the settings: nothing to hear here."""


class QtSoundPlayer:
    """One QSoundEffect per tone, loaded once; ``use`` takes new settings."""

    def __init__(self, files: dict[str, Path], settings: SoundSettings) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QSoundEffect

        self._effects = {}
        for tone, path in files.items():
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[tone] = effect
        self.settings = settings
        self.use(settings)

    def use(self, settings: SoundSettings) -> None:
        self.settings = settings
        for effect in self._effects.values():
            effect.setVolume(settings.volume_percent / 100)

    def play(self, sound: Sound) -> None:
        self.play_tone(self.settings.tone_of(sound.value))

    def play_tone(self, tone: str) -> None:
        effect = self._effects[tone]
        effect.stop()
        effect.play()


def open_player(settings: SoundSettings = DEFAULT_SOUND,
                folder: Path | None = None) -> QtSoundPlayer | NoSpeaker:
    """The speaker of this workstation, or ``NoSpeaker`` (with its reason) when there is
    none or Qt Multimedia cannot load; never raises for want of sound."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as error:  # the Addons or a system audio library missing
        return NoSpeaker(f"{NO_DEVICE} (Qt Multimedia did not load: {error})")
    if not QMediaDevices.audioOutputs():
        return NoSpeaker()
    from ui.app.tones import write_tones

    try:
        files = write_tones(folder or Path(tempfile.gettempdir()) / "chairside-tones")
    except OSError as error:
        return NoSpeaker(f"{NO_DEVICE} (the tones could not be written: {error})")
    return QtSoundPlayer(files, settings)


__all__ = ["NoSpeaker", "QtSoundPlayer", "SoundSink", "open_player"]
