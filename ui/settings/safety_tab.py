"""Numbers and guards: the ranges a typed number must fall in, the pump's resolution and
the tolerances of the end-of-infusion and discharge guards (monitor.safety_settings)."""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from monitor.clinic_settings import ClinicSettings
from monitor.errors import ChairsideError
from monitor.number_entry import MAX_TYPED, NumberRule
from monitor.safety_settings import DEFAULT_SAFETY, SafetySettings
from ui.common.fields import mark_invalid
from ui.settings.protocol_fields import muted
from ui.settings.tab_layout import lay_out_settings_tab

# field → (label, unit, where the default comes from)
LABELS = {
    "pump_resolution_ml_h": ("Pump resolution", "mL/h", "issue 9: common volumetric pumps"),
    "mg_per_kg_step": ("Dose step", "mg/kg", "Chairside default"),
    "weight_step_kg": ("Weight step", "kg", "Chairside default"),
    "concentration_low": ("Bag concentration from", "mg/mL", "Chairside default"),
    "concentration_high": ("Bag concentration up to", "mg/mL",
                           "Chairside default: the strongest ketamine sold"),
    "concentration_step": ("Bag concentration step", "mg/mL", "Chairside default"),
    "bag_volume_low": ("Bag volume from", "mL", "Chairside default"),
    "bag_volume_high": ("Bag volume up to", "mL", "Chairside default"),
    "bag_volume_step": ("Bag volume step", "mL", "Chairside default"),
    "bag_empty_minutes": ("New rate at most empties the bag in", "min", "Chairside default"),
    "rate_high": ("Pump rate up to", "mL/h", "Chairside default: volumetric pump maximum"),
    "medication_low": ("Medication dose from", "(unit)", "Chairside default"),
    "medication_high": ("Medication dose up to", "(unit)", "Chairside default"),
    "medication_step": ("Medication dose step", "(unit)", "Chairside default"),
    "early_end_tolerance_min": ("Ending earlier than the plan by this is a stop", "min",
                                "Chairside default"),
    "aldrete_window_min": ("Aldrete pre-fill reads vitals at most", "min old",
                           "issue 9 default"),
    "severe_side_effect": ("Severe side effect from", "/10", "clinical reference: 7–10"),
    "alert_moaas": ("Fully alert MOAA/S", "", "clinical reference: 5"),
}


class SafetyTab(QWidget):
    """Each value typed is kept exactly; a typo or an impossible range is refused on Save
    and nothing is stored.

    Signals:
        saved(): the settings were stored (the app takes them at once).
    """

    saved = Signal()

    def __init__(self, settings: ClinicSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.dirty = False
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for f in fields(SafetySettings):
            label, unit, source = LABELS[f.name]
            edit = QLineEdit()
            edit.setMaxLength(MAX_TYPED)
            edit.setFixedWidth(90)
            edit.setToolTip(f"{unit} · default {getattr(DEFAULT_SAFETY, f.name)} ({source})")
            edit.textEdited.connect(lambda _t, e=edit: self._edited(e))
            row = QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(muted(f"{unit} · default {getattr(DEFAULT_SAFETY, f.name)} "
                                f"({source})"))
            form.addRow(label, row)
            self.edits[f.name] = edit
        self.message, self.save_button = lay_out_settings_tab(self, form, self.save)
        self.reload()

    def reload(self) -> None:
        stored = self.settings.safety()
        for name, edit in self.edits.items():
            edit.setText(str(getattr(stored, name)))
        self.dirty = False

    def _edited(self, edit: QLineEdit) -> None:
        mark_invalid(edit, False)
        self.message.clear_message()
        self.dirty = True

    def edited(self) -> SafetySettings:
        """The settings on screen, each read exactly; a typo is refused naming the field."""
        values: dict[str, object] = {}
        for f in fields(SafetySettings):
            label, unit, _source = LABELS[f.name]
            whole = isinstance(getattr(DEFAULT_SAFETY, f.name), int)
            rule = NumberRule(label, "0", "1000000", unit, "1" if whole else "0.000001",
                              f.name)
            value = rule.read(self.edits[f.name].text())
            values[f.name] = int(value) if whole else format(value, "f")
        return replace(DEFAULT_SAFETY, **values)  # type: ignore[arg-type]

    def save(self) -> bool:
        for edit in self.edits.values():
            mark_invalid(edit, False)
        try:
            self.settings.set_safety(self.edited())
        except ChairsideError as error:
            field = getattr(error, "field", "")
            if field in self.edits:
                mark_invalid(self.edits[field], True)
                self.edits[field].setFocus()
            self.message.error(f"{error} Nothing was saved.")
            return False
        self.reload()
        self.message.info("Saved.")
        self.saved.emit()
        return True
