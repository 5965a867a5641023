"""One start-up, in a fresh process; run by ``startup.py``, not by hand.

    startup_child.py app URL SETTINGS   Chairside's own ``main.main`` on that database
    startup_child.py bare               a QMainWindow holding a pyqtgraph PlotWidget

Both reach ``QApplication.exec()``, which is patched to report once the main window is
shown and exposed and its first paint is done, then to quit. Lines on stdout are
``MARK time.monotonic()`` (a system-wide clock the parent reads too): ``begin`` when this
script starts, ``qt`` once PySide6.QtWidgets is imported, ``exec`` when the event loop is
entered (the window built and shown), ``shown`` after the first paint. The process then
leaves at once (``os._exit``), skipping interpreter teardown.
"""

import time

BEGIN = time.monotonic()

import os  # noqa: E402
import sys  # noqa: E402


def mark(name: str, at: float | None = None) -> None:
    print(f"{name} {time.monotonic() if at is None else at:.6f}", flush=True)


def patch_exec() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    original = QApplication.exec

    def report_shown() -> None:
        app = QApplication.instance()
        windows = [w for w in app.topLevelWidgets()
                   if isinstance(w, QMainWindow) and w.isVisible()]
        if not windows:
            print("error no main window is visible", flush=True)
            app.exit(3)
            return
        handle = windows[0].windowHandle()
        deadline = time.monotonic() + 30
        while not handle.isExposed() and time.monotonic() < deadline:
            app.processEvents()
        app.processEvents()  # the posted update requests: the first paint
        mark("shown")
        app.quit()

    def exec_() -> int:
        mark("exec")
        QTimer.singleShot(0, report_shown)
        return original()

    QApplication.exec = staticmethod(exec_)


def bare() -> int:
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    plot = pg.PlotWidget()
    plot.plot([0, 1, 2, 3, 4], [3, 1, 4, 1, 5])
    window.setCentralWidget(plot)
    window.resize(1440, 900)
    window.show()
    return app.exec()


def app(url: str, settings: str) -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, root)
    import main

    try:
        return main.main(["--database", url, "--settings", settings])
    except BaseException:  # not to the app's crash dialog, which would wait for a click
        import traceback

        traceback.print_exc()
        return 1


if __name__ == "__main__":
    mark("begin", BEGIN)
    import PySide6.QtWidgets  # noqa: F401  (both kinds need it first; timed as "qt")

    mark("qt")
    patch_exec()
    code = bare() if sys.argv[1] == "bare" else app(sys.argv[2], sys.argv[3])
    sys.stdout.flush()
    os._exit(code)
