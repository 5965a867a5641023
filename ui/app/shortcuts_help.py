"""Help → Keyboard shortcuts: every key the nurse can use, in one list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

SHORTCUTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Anywhere", (
        ("Ctrl+B", "Clinic board"),
        ("Ctrl+R", "Review (courses and sign-off)"),
        ("Ctrl+N", "Register patient"),
        ("Ctrl+F", "Find patient"),
        ("F9", "Show or hide the patient list"),
        ("F11", "Bedside full screen (remembered)"),
        ("F1", "This list"),
        ("Ctrl+Q", "Quit (asks first while sessions are open)"),
    )),
    ("Board", (
        ("Tab, Enter", "Move between chairs; open one (a free chair: New session)"),
    )),
    ("Chair", (
        ("F2", "To the vitals (SBP)"),
        ("digits", "Each vital moves on by itself once complete (120, 80, 72, 98, 16)"),
        ("Tab", "On to the next vital (when it did not move on by itself)"),
        ("Enter", "Save the vitals set, from any vitals field or Taken at"),
        ("F3", "To the side effects"),
        ("letter", "The side effect: Z dizziness, N nausea, V vomiting, D dissociation, "
                   "A anxiety, H headache, B blurred vision, I sensory sensitivity, "
                   "F fatigue, S sedation, O other"),
        ("digits", "Its severity 0–10 (1 then 0 is 10)"),
        ("Enter", "Log the side effect"),
        ("Alt+S, P, U, E, D", "Start, Pause, Resume, Stop early, End infusion"),
        ("Alt+I, R, M, T, O", "Discharge, Change rate, Medication, Assessment, Add note"),
        ("Alt+K", "Acknowledge the alarm"),
        ("Alt+L", "Log side effect"),
        ("Alt+B", "Back to the board"),
    )),
    ("Dialogs", (
        ("Enter", "OK, from any one-line field"),
        ("Ctrl+Enter", "OK, from a notes box (where Enter starts a new line)"),
        ("Tab", "Leaves a notes box"),
        ("Esc", "Cancel"),
    )),
)


def shortcuts_html() -> str:
    rows = []
    for place, keys in SHORTCUTS:
        rows.append(f"<tr><td colspan=2><b>{place}</b></td></tr>")
        rows += [f"<tr><td style='padding-right:16px'><code>{k}</code></td><td>{what}</td></tr>"
                 for k, what in keys]
    return "<table>" + "".join(rows) + "</table>"


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        text = QLabel(shortcuts_html())
        text.setObjectName("shortcutList")
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)
