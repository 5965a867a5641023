"""`make demo`'s fed chair: on the throwaway demo clinic, the monitor feed on loopback at
a free port and `chairside simulate` (a real MLLP client, in its own process) playing a
monitor at chair 1, which the demo's point-of-care table binds to chair 1, so that a new
user sees device values arrive within seconds.

The simulator stops when the app quits (``stop``); if the app dies instead, its next
message finds no listener and it exits by itself (one report period at most).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from db.feed_thread import FeedThread
from db.settings_repo import SettingsRepository
from monitor.devices.feed_settings import FeedSettings

MAIN = Path(__file__).resolve().parents[1] / "main.py"
CHAIR = "1"  # the demo's chair whose vitals are overdue: the monitor's set answers that
DEVICE = "0000DEMOMONITOR1"


def use_demo_settings(settings: SettingsRepository, chair: str = CHAIR) -> None:
    """The feed on (the chair view shows the monitor panel) and the simulator's PV1-3
    (the chair) in the point-of-care table. Only ever on the throwaway demo clinic."""
    settings.set_setting("monitor_feed", "on")
    settings.set_setting("monitor_points_of_care", f"{chair} = {chair}  # the simulator")


class DemoMonitor:
    def __init__(self, url: str, settings: SettingsRepository, chair: str = CHAIR,
                 time_scale: float = 1.0) -> None:
        feed = replace(FeedSettings.read(settings.setting), enabled=True,
                       host="127.0.0.1", port=0)  # loopback, a free port
        self.chair = chair
        self.feed = FeedThread(url, feed)
        self.port = self.feed.start_listening()
        self.simulator = subprocess.Popen(
            [sys.executable, str(MAIN), "simulate", "--host", "127.0.0.1",
             "--port", str(self.port), "--chair", chair, "--device", DEVICE,
             "--time-scale", f"{time_scale:g}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def said(self) -> str:
        """The demo's monitor as it is now (re-asked each second by the status bar)."""
        if not self.feed.is_alive():
            return f"Demo monitor off: {self.feed.said()}"
        if self.simulator.poll() is not None:
            return (f"Demo monitor stopped: its simulated session has ended (the feed "
                    f"still listens on 127.0.0.1:{self.port})")
        return f"Demo monitor on chair {self.chair} (simulated, 127.0.0.1:{self.port})"

    def stop(self, timeout: float = 5.0) -> None:
        if self.simulator.poll() is None:
            self.simulator.terminate()
            try:
                self.simulator.wait(timeout)
            except subprocess.TimeoutExpired:
                self.simulator.kill()
                self.simulator.wait(timeout)
        self.feed.stop()
