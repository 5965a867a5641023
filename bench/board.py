"""The clinic board refreshed once a second: ``chair_statuses`` + ``show_statuses`` + paint.

Eight sessions infusing, built through ``SessionService`` on a fresh SQLite file (the app's
own ``Storage``, upgraded) with a ``FixedClock``: vitals every 10 minutes, side effects,
a critical and an advisory alarm left unacknowledged, one session with its vitals overdue;
a bedside monitor bound to every chair (issue 12), read as the window reads it (one query
on the open bindings a refresh) and said on each tile ("last value n s ago").
An offscreen ``BoardView`` at 1440×900 carries the app's style sheet. Each refresh moves
the clock by one second and times ``board.show_statuses(chair_statuses(records, 8, now,
feeds))`` with ``feeds`` = ``service.monitor_feeds()``
plus ``QApplication.processEvents()``, which paints what changed (checked with a paint
counter on the clocks). Target: p95 ≤ 5 ms.

    .venv/bin/python bench/board.py [--quick] [--screenshots DIR]

``--screenshots`` also saves the board with chairs in every state, light and dark.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import common
from PySide6.QtCore import QEvent, QObject, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from db.repository import ClinicRepository
from db.storage import Storage, sqlite_url
from monitor.board import chair_statuses
from monitor.clock import FixedClock
from monitor.devices.records import ToStore
from monitor.devices.simulator import pcd01_message
from monitor.devices.understand import understand
from monitor.records import NewPatient
from monitor.service import SessionService
from monitor.session_record import SessionRecord
from monitor.vitals import VitalsValues
from ui.app.style import style_sheet
from ui.app.theme import apply_theme
from ui.board.board_view import BoardView, board_style

CHAIRS = 8
T0 = datetime(2026, 11, 24, 13, 0, tzinfo=timezone.utc)
NORMAL = VitalsValues(124, 78, 72, 98, 14, 36.6)
LOW_SPO2 = VitalsValues(128, 80, 88, 87, 9)  # critical (SpO₂ < 90) and advisory (RR < 10)
FAST_HR = VitalsValues(150, 92, 116, 96, 16)  # advisory (HR > 110)
TARGET_P95_MS = 5.0
SILENCE = timedelta(seconds=60)  # the feed's default setting
SIZE = (1440, 900)


def quiet_offscreen(_mode, _context, message: str) -> None:
    """Qt's messages to stderr, less one the offscreen platform prints for every window."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


class PaintCounter(QObject):
    def __init__(self, targets) -> None:
        super().__init__()
        self.count = 0
        for target in targets:
            target.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


class Clinic:
    """Sessions built through the real service on a real SQLite file."""

    def __init__(self, folder: Path) -> None:
        self.storage = Storage(sqlite_url(folder / "board.sqlite"))
        self.storage.upgrade()
        self.clock = FixedClock(T0)
        self.repo = ClinicRepository(self.storage)
        self.service = SessionService(self.repo, self.clock)
        self.ids: list[int] = []

    def at(self, minute: float) -> datetime:
        self.clock.set(T0 + timedelta(minutes=minute))
        return self.clock.now()

    def seat(self, chair: str, name: str, opened: float) -> int:
        n = len(self.ids) + 1
        patient = self.service.register_patient(
            NewPatient(f"BRD-{1000 + n}", name, date(1970 + n, 3, n), "", "board bench"))
        self.at(opened)
        session = self.service.open_session(patient.id, chair, weight_kg=60 + 2 * n,
                                            concentration_mg_ml=1.0, bag_volume_ml=100)
        self.ids.append(session.id)
        return session.id

    def vitals(self, session_id: int, minute: float, values: VitalsValues = NORMAL) -> None:
        self.at(minute)
        self.service.record_vitals(session_id, values)

    def infusing(self, chair: str, name: str, start: float, until: float,
                 skip_after: float | None = None,
                 abnormal: dict[float, VitalsValues] | None = None) -> int:
        """Baseline, start, then vitals every 10 min up to ``until`` (none after
        ``skip_after``), with ``abnormal`` readings at the minutes given."""
        sid = self.seat(chair, name, start - 2)
        self.vitals(sid, start - 1)
        self.at(start)
        self.service.start_infusion(sid)
        minute = start + 10
        while minute <= until and (skip_after is None or minute <= skip_after):
            self.vitals(sid, minute, (abnormal or {}).get(minute, NORMAL))
            minute += 10
        return sid

    def side_effect(self, session_id: int, minute: float, kind: str, severity: int) -> None:
        self.at(minute)
        self.service.record_side_effect(session_id, kind, severity)

    def monitors(self, chairs: int) -> None:
        """A monitor on each chair, each having sent one message now."""
        for n in range(1, chairs + 1):
            u = understand(pcd01_message(f"BENCH{n:02d}", f"b{n}", self.clock.now(),
                                         {"hr": 72.0}, str(n)).encode())
            assert u.report is not None
            self.repo.devices.store([ToStore(u.report, u.text)], self.clock.now())
        for device in self.service.monitors():
            self.service.bind_monitor(device.id, device.location)

    def records(self) -> list[SessionRecord]:
        return [self.service.load(sid) for sid in self.ids]

    def close(self) -> None:
        self.storage.close()


def eight_infusing(clinic: Clinic) -> datetime:
    """Eight chairs infusing, started 3 minutes apart; returns "now"."""
    names = ["Ana Beatriz Costa", "Ben Okafor", "Chloé Martin", "Dev Patel",
             "Eun-ji Park", "Farah Haddad", "Gus Lindqvist", "Hana Sato"]
    now = 40.0
    for n, name in enumerate(names):
        start = 2 + 3 * n
        abnormal = {}
        if n == 2:
            abnormal = {start + 20: LOW_SPO2}
        elif n == 5:
            abnormal = {start + 10: FAST_HR}
        sid = clinic.infusing(str(n + 1), name, start, now,
                              skip_after=start if n == 6 else None, abnormal=abnormal)
        if n % 3 == 0:
            clinic.side_effect(sid, start + 6, "dissociation", 3 + n % 4)
        if n % 4 == 1:
            clinic.side_effect(sid, start + 12, "nausea", 2)
    return clinic.at(now)


def every_state(clinic: Clinic) -> datetime:
    """Chair 1 free, then baseline, infusing, paused, overdue, critical alarm, observation
    (stopped early) and advisory alarm past the planned time; returns "now"."""
    s = clinic.service
    now = 50.0
    clinic.seat("2", "Noor Aziz", 48)
    clinic.infusing("3", "Oscar Reyes", 22, now)
    paused = clinic.infusing("4", "Priya Nair", 12, 29)
    clinic.at(30)
    s.pause(paused, "Nausea; waiting for ondansetron to work")
    clinic.vitals(paused, 41)
    clinic.side_effect(paused, 29, "nausea", 5)
    clinic.infusing("5", "Quinn Walsh", 17, 27)
    critical = clinic.infusing("6", "Rosa Ferreira", 20, now, abnormal={40: LOW_SPO2})
    clinic.side_effect(critical, 38, "sedation", 6)
    observed = clinic.infusing("7", "Sam O'Neill", 2, 32)
    clinic.at(42)
    s.stop_early(observed, "Anxious; asked to stop")
    clinic.vitals(observed, 43)
    clinic.infusing("8", "Tomás Vidal", 5, now, abnormal={45: FAST_HR})
    return clinic.at(now)


def make_board(app: QApplication, dark: bool = False) -> BoardView:
    colors = apply_theme(app, dark)
    app.setStyleSheet(style_sheet(colors) + board_style(colors))
    board = BoardView()
    board.resize(*SIZE)
    board.show()
    while not board.windowHandle().isExposed():
        app.processEvents()
    return board


def run(quick: bool, log: Callable[[str], None] = lambda _: None,
        read_feeds: Callable[[], dict] | None = None) -> dict:
    """Times one refresh a second, 600 times (200 when quick). Each refresh reads the
    chairs' monitors as the app's board does, once: from this clinic's database, or with
    ``read_feeds`` (the monitor feed's bench: from the database the listener writes)."""
    refreshes = 200 if quick else 600
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="board-") as folder:
        clinic = Clinic(Path(folder))
        board = None
        try:
            log("building eight infusing sessions")
            now = eight_infusing(clinic)
            clinic.monitors(CHAIRS)
            records = clinic.records()

            def feeds():
                return (read_feeds or clinic.service.monitor_feeds)(), SILENCE
            board = make_board(app)
            board.show_statuses(chair_statuses(records, CHAIRS, now))
            app.processEvents()
            first = chair_statuses(records, CHAIRS, now)
            paints = PaintCounter([tile.clock for tile in board.tiles])
            log(f"timing {refreshes} refreshes")
            samples, unpainted = [], 0
            for _ in range(refreshes):
                now = clinic.clock.advance(seconds=1)
                painted = paints.count
                t0 = time.perf_counter()
                board.show_statuses(chair_statuses(records, CHAIRS, now, *feeds()))
                app.processEvents()
                samples.append((time.perf_counter() - t0) * 1000)
                unpainted += paints.count == painted
            last = chair_statuses(records, CHAIRS, now, *feeds())
        finally:
            if board is not None:
                board.close()
                board.deleteLater()
                app.processEvents()
            clinic.close()
    return {
        "refreshes": refreshes,
        "tiles": len(first),
        "overdue_at_start": sum(s.vitals_overdue for s in first),
        "overdue_at_end": sum(s.vitals_overdue for s in last),
        "open_alarms": sum(s.alarm_tier is not None for s in first),
        "monitors": sum(bool(s.monitor_text) for s in last),
        "refreshes_without_paint": unpainted,
        "refresh_ms": common.summary(samples),
        "target_p95_ms": TARGET_P95_MS,
        "met": common.summary(samples)["p95"] <= TARGET_P95_MS,
    }


def screenshots(folder: Path) -> list[Path]:
    """The board with every state, light and dark, as PNGs in ``folder``."""
    app = QApplication.instance() or QApplication([])
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    with tempfile.TemporaryDirectory(prefix="board-") as work:
        clinic = Clinic(Path(work))
        try:
            now = every_state(clinic)
            statuses = chair_statuses(clinic.records(), CHAIRS, now)
        finally:
            clinic.close()
    for dark in (False, True):
        board = make_board(app, dark)
        board.show_statuses(statuses)
        app.processEvents()
        path = folder / f"board-{'dark' if dark else 'light'}.png"
        board.grab().save(str(path))
        saved.append(path)
        board.close()
        board.deleteLater()
        app.processEvents()
    return saved


def table(result: dict) -> str:
    s = result["refresh_ms"]
    verdict = "met" if result["met"] else "missed"
    return "\n".join([
        f"board refresh: {result['tiles']} tiles at {SIZE[0]}x{SIZE[1]}, "
        f"{result['refreshes']} refreshes 1 s apart, {result['open_alarms']} open alarms, "
        f"overdue {result['overdue_at_start']} → {result['overdue_at_end']}, "
        f"{result['monitors']} monitors said (one query a refresh)",
        f"{'':28}{'median':>8}{'p95':>8}{'max':>8}   target",
        f"{'statuses + show + paint ms':28}{s['median']:8.2f}{s['p95']:8.2f}{s['max']:8.2f}"
        f"   p95 ≤ {result['target_p95_ms']:g} ms: {verdict}",
        f"refreshes that painted no clock: {result['refreshes_without_paint']}",
    ])


def main() -> None:
    qInstallMessageHandler(quiet_offscreen)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 refreshes instead of 600")
    parser.add_argument("--screenshots", type=Path, metavar="DIR",
                        help="also save board-light.png and board-dark.png in DIR")
    args = parser.parse_args()
    result = run(args.quick, log=lambda line: print(line, file=sys.stderr))
    print(table(result))
    if args.screenshots:
        for path in screenshots(args.screenshots):
            print(f"saved {path}")


if __name__ == "__main__":
    main()
