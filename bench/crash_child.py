"""The app under attack, for bench/crash_safety.py: the real main window (offscreen) on a
SQLite file, a nurse's session typed into the real vitals form and side-effect panel.

Prints "ready" once the window has started and the chair is open, then one line per entry
the screen confirmed ("vitals G" / "effect G", G a global number the parent encodes into
the values), only after the form said "Saved". Between entries it sometimes opens and
closes the database file itself (what a file dialog sniffing the folder did, issue 8 §1).
Runs until killed.

    python bench/crash_child.py DATABASE SESSION_ID FIRST_G SEED [DROP_LOCKS]
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def encode(g: int) -> tuple[int, int, int]:
    """A unique, plausible (SBP, DBP, HR) for entry number g."""
    return 100 + g % 50, 60 + (g // 50) % 30, 55 + (g // 1500) % 60


def main(path: str, session_id: int, first: int, seed: int, drop_locks: float) -> None:
    from app_window import build_window
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    window, storage = build_window(path)
    window.start()
    window.show()
    window.open_session(session_id)
    view = window.session_view
    rng = random.Random(seed)
    print("ready", flush=True)
    g = first
    while True:
        if rng.random() < drop_locks:
            with open(path, "rb") as f:  # drops our SQLite locks (the hazard of §1)
                f.read(100)
        sbp, dbp, hr = encode(g)
        form = view.vitals_form
        for key, value in zip(("sbp", "dbp", "hr", "spo2", "rr"), (sbp, dbp, hr, 98, 14),
                              strict=True):
            form.inputs[key].clear()
            QTest.keyClicks(form.inputs[key], str(value))
        QTest.keyClick(form.inputs["rr"], Qt.Key.Key_Return)
        app.processEvents()
        if form.message.text().startswith("Saved"):
            print(f"vitals {g}", flush=True)
        else:
            print(f"refused {g} {form.message.text()}", flush=True)
        g += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]),
         float(sys.argv[5]) if len(sys.argv) > 5 else 0.3)
