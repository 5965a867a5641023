"""Takes the README's screenshots: the clinic board and chair 2's session, light and dark,
the discharge dialog for chair 3, and the review (a course, one session).

Run on a virtual screen: ``make screenshots`` (xvfb-run, QT_QPA_PLATFORM=xcb), or
offscreen. Uses a throw-away demo database; nothing touches the user's records. The demo
clinic has three chairs busy: chair 1 infusing with its vitals overdue, chair 2 infusing
with an open critical alarm, chair 3 in observation.

Writes, at 1440×900: docs/board-light.png, docs/board-dark.png (the board),
docs/chairside-light.png, docs/chairside-dark.png (chair 2 mid-infusion, the alarm banner
up, a typo refused inline), docs/chairside-saved-dark.png (the corrected set saved and
flagged), and docs/discharge-dialog.png (chair 3's discharge dialog, shown non-modally).
The clock is fixed at a morning in clinic hours (local time), so the pictures are the same
on every run.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from db.repository import ClinicRepository  # noqa: E402
from db.storage import Storage, sqlite_url  # noqa: E402
from monitor.clock import FixedClock  # noqa: E402
from monitor.demo import seed_demo  # noqa: E402
from monitor.service import SessionService  # noqa: E402
from ui.app.main_window import MainWindow  # noqa: E402
from ui.app.preferences import Preferences  # noqa: E402
from ui.care.discharge_dialog import DischargeDialog  # noqa: E402

OUT = ROOT / "docs"
SIZE = (1440, 900)
NOW = datetime(2026, 3, 12, 10, 40).astimezone()  # 10:40 on the workstation's clock


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Lets layouts, the X server's expose events and repaints all arrive."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, name: str) -> None:
    image = widget.grab()
    image.save(str(OUT / name))
    print(f"wrote docs/{name} ({image.width()}×{image.height()})")


def session_in_chair(service: SessionService, chair: str) -> int:
    [sid] = [s.id for s, _p in service.open_sessions() if s.chair == chair]
    return sid


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        storage = Storage(sqlite_url(Path(tmp) / "demo.sqlite"))
        storage.upgrade()
        service = SessionService(ClinicRepository(storage), FixedClock(NOW))
        busy = seed_demo(service, service.clock.now())
        window = MainWindow(service, Preferences(Path(tmp) / "settings.ini"), "demo")
        window.resize(*SIZE)
        window.start()
        window.show()
        settle(app)

        # the board: every chair, with chair 2's alarm in the strip above it
        for dark, name in ((False, "board-light.png"), (True, "board-dark.png")):
            window.dark_action.setChecked(dark)
            window.show_board()
            settle(app)
            save(window, name)

        # chair 2 mid-infusion, its critical alarm up, and a typo refused inline
        window.dark_action.setChecked(False)
        window.open_session(busy)
        view = window.session_view
        for key, value in zip(("sbp", "dbp", "hr", "spo2", "rr"), ("1200", "92", "88", "97",
                                                                     "15"), strict=True):
            view.vitals_form.inputs[key].setText(value)
        view.vitals_form.submit()
        for dark, name in ((False, "chairside-light.png"), (True, "chairside-dark.png")):
            window.dark_action.setChecked(dark)
            window.tick()
            settle(app)
            save(window, name)
        view.vitals_form.inputs["sbp"].setText("152")
        view.vitals_form.submit()
        settle(app)
        save(window, "chairside-saved-dark.png")

        # chair 3 in observation: its discharge dialog, shown non-modally and grabbed
        window.dark_action.setChecked(False)
        observed = session_in_chair(service, "3")
        window.open_session(observed)
        settle(app)
        dialog = DischargeDialog(service, window.clinic.record(observed), view)
        dialog.show()
        settle(app)
        save(dialog, "discharge-dialog.png")
        dialog.close()

        # the psychiatrist's review: Maria Alvarez's course, then her last session
        maria = service.find_patients("CH-1001")[0]
        window.show_review(maria.id)
        settle(app)
        save(window, "review-course.png")
        window.review.show_session(service.sessions_of(maria.id)[-1].id)
        settle(app)
        save(window, "review-session.png")

        window.close()
        storage.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
