"""Takes the README's screenshots of the chairside window, light and dark.

Run on a virtual screen: ``make screenshots`` (xvfb-run, QT_QPA_PLATFORM=xcb), or
offscreen. Uses a throw-away demo database; nothing touches the user's records.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from db.repository import ClinicRepository  # noqa: E402
from db.storage import Storage, sqlite_url  # noqa: E402
from monitor.clock import SystemClock  # noqa: E402
from monitor.demo import seed_demo  # noqa: E402
from monitor.service import SessionService  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.preferences import Preferences  # noqa: E402

OUT = ROOT / "docs"


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        storage = Storage(sqlite_url(Path(tmp) / "demo.sqlite"))
        storage.upgrade()
        repo = ClinicRepository(storage)
        service = SessionService(repo, SystemClock())
        seed_demo(service, repo, service.clock.now())
        window = MainWindow(repo, service, Preferences(Path(tmp) / "settings.ini"), "demo")
        window.resize(1440, 900)
        window.start()
        window.show()
        settle(app)
        view = window.session_view
        # a typo, refused inline, as a nurse would see it
        for key, value in zip(("sbp", "dbp", "hr", "spo2", "rr"), ("1200", "92", "88", "97",
                                                                     "15"), strict=True):
            view.vitals_form.inputs[key].setText(value)
        view.vitals_form.submit()
        for dark, name in ((False, "chairside-light.png"), (True, "chairside-dark.png")):
            window.dark_action.setChecked(dark)
            settle(app)
            window.grab().save(str(OUT / name))
            print(f"wrote docs/{name}")
        view.vitals_form.inputs["sbp"].setText("152")
        view.vitals_form.submit()
        settle(app)
        window.grab().save(str(OUT / "chairside-saved-dark.png"))
        print("wrote docs/chairside-saved-dark.png")
        window.close()
        storage.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
