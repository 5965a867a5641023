"""Quitting while chairs are busy: asked first, naming them (the clocks run on from the
stored times, but nobody sees an alarm while Chairside is closed)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QMessageBox, QWidget

from monitor.service import SessionRecord
from monitor.timeline import Phase


def busy_chairs(records: Iterable[SessionRecord]) -> list[str]:
    return sorted((r.session.chair for r in records
                   if r.timeline.phase is not Phase.DISCHARGED),
                  key=lambda c: (not c.isdigit(), int(c) if c.isdigit() else 0, c))


def quit_question(chairs: list[str]) -> str:
    named = chairs[0] if len(chairs) == 1 else ", ".join(chairs[:-1]) + " and " + chairs[-1]
    word = "Chair" if len(chairs) == 1 else "Chairs"
    return (f"{word} {named} {'has a session' if len(chairs) == 1 else 'have sessions'} "
            "open. Quit Chairside anyway?\n\nWhat is stored stays stored and the clocks "
            "carry on from it, but no alarm shows here until Chairside is open again.")


def confirm_quit(parent: QWidget, records: Iterable[SessionRecord]) -> bool:
    chairs = busy_chairs(records)
    if not chairs:
        return True
    box = QMessageBox(QMessageBox.Icon.Warning, "Quit Chairside", quit_question(chairs),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                      parent)
    box.button(QMessageBox.StandardButton.Yes).setText("&Quit")
    box.button(QMessageBox.StandardButton.No).setText("&Keep open")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
