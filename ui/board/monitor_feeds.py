"""The board's read of the chairs' monitors: one query a refresh (the open bindings and
their devices, never the observations), with the clinic's silence setting, read at start
and again when the settings are saved."""

from __future__ import annotations

from datetime import timedelta

from monitor.devices.board_feed import ChairFeed
from monitor.devices.feed_settings import FeedSettings
from monitor.errors import ChairsideError
from monitor.service import SessionService


class BoardFeeds:
    def __init__(self, service: SessionService) -> None:
        self.service = service
        self.silence = timedelta(seconds=FeedSettings.silence_seconds)

    def reload_settings(self) -> None:
        try:
            seconds = FeedSettings.read(self.service.settings.setting).silence_seconds
        except (ChairsideError, ValueError):  # the last good one stays
            return
        self.silence = timedelta(seconds=seconds)

    def read(self) -> tuple[dict[str, ChairFeed], timedelta]:
        """(chair → its monitor, the silence setting); no monitors said while the
        database is away for a moment (the board's other lines come from memory)."""
        try:
            return self.service.monitor_feeds(), self.silence
        except ChairsideError:
            return {}, self.silence
