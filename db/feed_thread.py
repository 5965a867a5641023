"""The monitor feed inside the app: the listener on a thread of its own, with its own
event loop and its own database connection (never the window's). The screens learn of
new values from the database, as on a clinic where ``chairside listen`` runs elsewhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Callable
from datetime import tzinfo

from db.devices_repo import DeviceRepository
from db.feed_listener import FeedListener
from db.settings_repo import SettingsRepository
from db.storage import Storage
from monitor.devices.feed_settings import FeedSettings, Tables

log = logging.getLogger("chairside.feed")


def tables_of(storage: Storage) -> Callable[[], Tables]:
    """How the listener re-reads the clinic's vendor code and point-of-care tables."""
    settings = SettingsRepository(storage)
    return lambda: Tables.read(settings.setting)


class FeedThread(threading.Thread):
    def __init__(self, url: str, settings: FeedSettings, tz: tzinfo | None = None) -> None:
        super().__init__(name="monitor-feed", daemon=True)
        self.url, self.settings, self.tz = url, settings, tz
        self.port: int | None = None
        self.problem: BaseException | None = None
        self.listener: FeedListener | None = None
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def start_listening(self, timeout: float = 10.0) -> int:
        """Starts the thread; returns the port, or raises what stopped it (a port in
        use: OSError)."""
        self.start()
        self._ready.wait(timeout)
        if self.problem is not None:
            raise self.problem
        if self.port is None:
            raise TimeoutError("the monitor feed did not start")
        return self.port

    def run(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        storage = Storage(self.url)
        s = self.settings
        self.listener = FeedListener(DeviceRepository(storage), s.host, s.port, self.tz,
                                     s.local_codes, s.points_of_care, tables_of(storage))
        try:
            self.port = loop.run_until_complete(self.listener.start())
        except BaseException as problem:  # reported to start_listening's caller
            self.problem = problem
            self._ready.set()
            storage.close()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        except BaseException as problem:  # said by ``said``, in the status bar
            self.problem = problem
        finally:
            loop.run_until_complete(self.listener.stop())
            loop.close()
            storage.close()

    def said(self) -> str:
        """The feed as it is now, for the status bar and the settings (re-asked each
        second: a feed that stopped never reads as listening)."""
        if self.is_alive() and self.port is not None:
            return f"Monitor feed on {self.settings.host}:{self.port}"
        if self.problem is not None:
            return f"Monitor feed stopped: {self.problem}"
        return "Monitor feed stopped"

    def stop(self, timeout: float = 10.0) -> None:
        if self._loop is not None and self.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self.join(timeout)


def listen(url: str, settings: FeedSettings, tz: tzinfo | None = None) -> int:
    """``chairside listen``: the listener in the foreground until interrupted."""
    storage = Storage(url)
    listener = FeedListener(DeviceRepository(storage), settings.host, settings.port, tz,
                            settings.local_codes, settings.points_of_care,
                            tables_of(storage))

    async def serve() -> None:
        stop = asyncio.Event()
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        port = await listener.start()
        print(f"chairside: listening for monitors (HL7 v2 over MLLP) on "
              f"{settings.host}:{port}; Ctrl+C stops", flush=True)
        try:
            await stop.wait()
        finally:
            await listener.stop()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass
    finally:
        c = listener.counters
        print(f"chairside: stopped; {c.stored} stored, {c.not_storable} not storable, "
              f"{c.rejected} rejected, {c.connections} connections, {c.commits} commits",
              flush=True)
        storage.close()
    return 0
