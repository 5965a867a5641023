"""`make demo`'s fed chair, for real: the demo clinic on a SQLite file, the feed on a free
loopback port, `main.py simulate` in its own process; chair 1's monitor bound by its
point of care and its values stored within seconds; stopping ends the simulator too."""

from __future__ import annotations

import time

import pytest

from db.demo_monitor import DEVICE, DemoMonitor, use_demo_settings
from db.devices_repo import DeviceRepository
from db.settings_repo import SettingsRepository
from main import parse_args
from monitor.demo import seed_demo
from monitor.devices.feed_settings import FeedSettings


@pytest.mark.slow
def test_the_demo_chair_is_fed_and_the_simulator_stops_with_the_app(sqlite_storage,
                                                                    service, clock):
    seed_demo(service, clock.now())
    settings = SettingsRepository(sqlite_storage)
    use_demo_settings(settings)
    assert FeedSettings.read(settings.setting).enabled  # the chair view shows the feed
    demo = DemoMonitor(str(sqlite_storage.url), settings, time_scale=60)
    devices = DeviceRepository(sqlite_storage)
    try:
        deadline = time.monotonic() + 20
        while not devices.observations(chair="1") and time.monotonic() < deadline:
            time.sleep(0.2)
        (monitor,) = devices.devices()
        assert (monitor.key, monitor.chair, monitor.bound_how) == (DEVICE, "1",
                                                                    "point of care")
        assert devices.observations(chair="1")[0].values  # within seconds
        assert demo.simulator.poll() is None
        assert demo.said() == f"Demo monitor on chair 1 (simulated, 127.0.0.1:{demo.port})"
        demo.simulator.terminate()  # its session played to the end, or it died
        demo.simulator.wait(10)
        assert demo.said().startswith("Demo monitor stopped: its simulated session has ended")
    finally:
        demo.stop()
    assert demo.simulator.poll() is not None and not demo.feed.is_alive()
    assert demo.said().startswith("Demo monitor off: Monitor feed stopped")


def test_the_demo_monitor_is_only_for_the_throwaway_demo():
    assert parse_args(["--demo", "--demo-monitor"]).demo_monitor
    assert not parse_args(["--demo"]).demo_monitor
