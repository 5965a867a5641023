"""Alarm sounds: the tone of each tier, the volume, how often a critical alarm repeats and
the overdue reminder comes back, how long one press of Silence lasts
(``monitor.sound_settings``). A "Play" button beside each tone lets the clinic hear it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from monitor.alarm_sound import Sound
from monitor.clinic_settings import ClinicSettings
from monitor.errors import ChairsideError
from monitor.sound_settings import (
    CRITICAL_REPEAT_RANGE,
    DEFAULT_SOUND,
    REMINDER_RANGE,
    SILENCE_RANGE,
    TONES,
    VOLUME_FLOOR,
    SoundSettings,
)
from ui.settings.protocol_fields import muted
from ui.settings.tab_layout import lay_out_settings_tab

NOT_A_REPLACEMENT = ("Chairside documents and warns. It is not a replacement for the "
                     "patient monitor's own alarms: keep them on and audible.")

TIERS = (("critical_tone", "Critical alarm", Sound.CRITICAL),
         ("advisory_tone", "Advisory alarm", Sound.ADVISORY),
         ("reminder_tone", "Vitals overdue reminder", Sound.REMINDER))

# field → (label, unit, range)
NUMBERS = {
    "volume_percent": ("Volume", "%", (VOLUME_FLOOR, 100)),
    "critical_repeat_s": ("A critical alarm repeats every", "s", CRITICAL_REPEAT_RANGE),
    "reminder_every_min": ("The overdue reminder repeats every", "min", REMINDER_RANGE),
    "silence_min": ("Silence (F8) lasts", "min", SILENCE_RANGE),
}


class SoundTab(QWidget):
    """Signals:
        saved(): the settings were stored (the app takes them at once).
        play_requested(str): play this tone once (the Play buttons).
    """

    saved = Signal()
    play_requested = Signal(str)

    def __init__(self, settings: ClinicSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.dirty = False
        warning = QLabel(NOT_A_REPLACEMENT)
        warning.setObjectName("notAReplacement")
        warning.setWordWrap(True)
        warning.setStyleSheet("font-weight: 700;")
        form = QFormLayout()
        self.tones: dict[str, QComboBox] = {}
        for field, label, _sound in TIERS:
            box = QComboBox()
            for key, name in TONES.items():
                box.addItem(name, key)
            box.currentIndexChanged.connect(self._edited)
            play = QPushButton("Play")
            play.setObjectName(f"play_{field}")
            play.clicked.connect(lambda _c=False, b=box: self.play_requested.emit(
                b.currentData()))
            row = QHBoxLayout()
            row.addWidget(box)
            row.addWidget(play)
            row.addStretch(1)
            form.addRow(label, row)
            self.tones[field] = box
        self.numbers: dict[str, QSpinBox] = {}
        for field, (label, unit, (low, high)) in NUMBERS.items():
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setSuffix(f" {unit}")
            spin.valueChanged.connect(self._edited)
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(muted(f"{low}–{high} · default {getattr(DEFAULT_SOUND, field)} "
                                "(Chairside default)"))
            form.addRow(label, row)
            self.numbers[field] = spin
        self.message, self.save_button = lay_out_settings_tab(
            self, form, self.save, above=[warning], below=[muted(
                "A critical alarm sounds until it is acknowledged; an advisory alarm once; "
                "overdue vitals a gentler reminder. Silence is logged in each chair's record, "
                f"and the sound comes back when it ends. The volume cannot go below "
                f"{VOLUME_FLOOR} %.")])
        self.reload()

    def reload(self) -> None:
        stored = self.settings.sound()
        for field, box in self.tones.items():
            box.setCurrentIndex(box.findData(getattr(stored, field)))
        for field, spin in self.numbers.items():
            spin.setValue(int(getattr(stored, field)))
        self.dirty = False

    def _edited(self, *_args) -> None:
        self.message.clear_message()
        self.dirty = True

    def edited(self) -> SoundSettings:
        values: dict[str, object] = {f: b.currentData() for f, b in self.tones.items()}
        values.update({f: s.value() for f, s in self.numbers.items()})
        return replace(DEFAULT_SOUND, **values)  # type: ignore[arg-type]

    def save(self) -> bool:
        try:
            self.settings.set_sound(self.edited())
        except ChairsideError as error:
            self.message.error(f"{error} Nothing was saved.")
            return False
        self.reload()
        self.message.info("Saved.")
        self.saved.emit()
        return True
