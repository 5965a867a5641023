"""The style sheet, built from the theme's colours."""

from __future__ import annotations

from export.colours import Colors

# Dark room: a field is lighter than its panel and outlined, so the eye finds where to
# type; a critical alarm is a deep red with a bright outline, unmistakable but dimmer than
# the screen's text (a full-brightness red block dazzles a dark-adapted eye).
DARK_FIELD, DARK_FIELD_BORDER = "#2b313b", "#667183"
DARK_CRITICAL_FILL, DARK_CRITICAL_TEXT = "#6e1c1c", "#f6dada"
DARK_ADVISORY_FILL, DARK_ADVISORY_TEXT = "#5c3f0e", "#f7e6c6"


def fields_style(c: Colors) -> str:
    dark = c.name == "dark"
    field = DARK_FIELD if dark else c.base
    border = DARK_FIELD_BORDER if dark else "#98a1ad"
    return f"""
QLineEdit, QPlainTextEdit, QTextEdit {{
    background: {field}; border: 1px solid {border}; border-radius: 3px; padding: 1px 3px; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 2px solid {c.accent}; }}
QLineEdit:disabled, QPlainTextEdit:disabled {{ background: {c.window}; }}
"""


def dark_alarms(c: Colors) -> str:
    if c.name != "dark":
        return ""
    return f"""
QFrame#alarmBanner[tier="critical"] {{ background: {DARK_CRITICAL_FILL};
    border: 3px solid {c.critical}; }}
QFrame#alarmBanner[tier="critical"] QLabel {{ color: {DARK_CRITICAL_TEXT}; }}
QLabel#vitalsDue[state="overdue"] {{ background: {DARK_CRITICAL_FILL};
    color: {DARK_CRITICAL_TEXT}; border: 2px solid {c.critical}; }}
QLabel#tileAlarm[tier="critical"] {{ background: {DARK_CRITICAL_FILL};
    color: {DARK_CRITICAL_TEXT}; border: 2px solid {c.critical}; }}
QFrame#alarmBanner[tier="advisory"] {{ background: {DARK_ADVISORY_FILL};
    border: 3px solid {c.advisory}; }}
QFrame#alarmBanner[tier="advisory"] QLabel {{ color: {DARK_ADVISORY_TEXT}; }}
QLabel#tileAlarm[tier="advisory"] {{ background: {DARK_ADVISORY_FILL};
    color: {DARK_ADVISORY_TEXT}; border: 2px solid {c.advisory}; }}
"""


def style_sheet(c: Colors) -> str:
    return fields_style(c) + _base(c)


def _base(c: Colors) -> str:
    return f"""
QLabel#bigClock {{ font-size: 56pt; font-weight: 600; color: {c.text}; }}
QLabel#midClock {{ font-size: 26pt; font-weight: 500; color: {c.text}; }}
QFrame#clockView[scale="large"] QLabel#bigClock {{ font-size: 80pt; }}
QFrame#clockView[scale="large"] QLabel#midClock {{ font-size: 36pt; }}
QLabel#clockCaption {{ color: {c.muted}; font-size: 11pt; }}
QLabel#backupStatus[warning="true"] {{ color: {c.advisory}; font-weight: 700; }}
QLabel#phaseBadge {{ font-size: 15pt; font-weight: 700; padding: 4px 12px;
    border-radius: 6px; color: {c.muted}; border: 2px solid {c.muted}; }}
QLabel#phaseBadge[phase="infusing"] {{ color: {c.accent}; border-color: {c.accent}; }}
QLabel#phaseBadge[phase="paused"] {{ color: {c.advisory}; border-color: {c.advisory}; }}
QLabel#phaseBadge[phase="observation"] {{ color: {c.ok}; border-color: {c.ok}; }}
QFrame#clockView {{ background: {c.base}; border: 1px solid {c.muted};
    border-radius: 8px; }}
QFrame#plannedEndAlert {{ background: {c.advisory}; border-radius: 6px; }}
QFrame#plannedEndAlert QLabel {{ color: {c.base}; font-size: 13pt; font-weight: 600; }}
QLabel#vitalsDue {{ font-size: 15pt; color: {c.text}; padding: 2px 6px; }}
QLabel#vitalsDue[state="overdue"] {{ color: {c.base}; background: {c.critical};
    font-weight: 700; border-radius: 4px; }}
QLabel#doseLine {{ color: {c.muted}; font-size: 11pt; }}
QFrame#alarmBanner {{ border-radius: 6px; }}
QFrame#alarmBanner[tier="critical"] {{ background: {c.critical}; }}
QFrame#alarmBanner[tier="advisory"] {{ background: {c.advisory}; }}
QFrame#alarmBanner QLabel {{ color: {c.base}; font-size: 13pt; font-weight: 600; }}
QFrame#alarmStrip QPushButton {{ font-weight: 600; padding: 4px 10px; }}
QFrame#alarmStrip QPushButton[tier="critical"] {{ background: {c.critical}; color: {c.base}; }}
QFrame#alarmStrip QPushButton[tier="advisory"] {{ background: {c.advisory}; color: {c.base}; }}
QLabel#inlineMessage[level="error"] {{ color: {c.critical}; font-weight: 600; }}
QLabel#inlineMessage[level="warning"] {{ color: {c.advisory}; font-weight: 600; }}
QLabel#inlineMessage[level="info"] {{ color: {c.ok}; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QGroupBox[invalid="true"],
QPlainTextEdit[invalid="true"] {{ border: 2px solid {c.critical}; }}
QLabel#bandLabel {{ color: {c.muted}; font-size: 9pt; }}
QPushButton:checked {{ background: {c.accent}; color: {c.base}; }}
QLabel#sessionHeader {{ padding: 4px 2px; }}
QLineEdit, QTimeEdit, QDateEdit, QSpinBox, QDoubleSpinBox, QComboBox {{ min-height: 24px; }}
"""
