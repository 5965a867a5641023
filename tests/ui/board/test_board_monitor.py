"""The board in the real window on a real SQLite file: a chair whose monitor is bound
shows "last value n s ago" and, silent longer than the setting, a calm advisory line; the
locked board keeps showing it, with no names."""

from __future__ import annotations

from datetime import timedelta

import pytest

import tests.ui.accounts.test_accounts_ui as accounts_ui
from tests.ui.session.test_monitor_panel import send
from ui.accounts.start import attach


def bind_to_chair_1(window, storage, clock) -> None:
    send(storage, clock, 1, 3, hr=70)
    (monitor,) = window.service.monitors()
    window.service.bind_monitor(monitor.id, "1")


def tile_1(window):
    return next(t for t in window.board.tiles if t.status.chair == "1")


def test_the_tile_says_how_long_since_the_monitors_last_value(qtbot, window,
                                                              sqlite_storage, clock):
    window.tick()
    assert not tile_1(window).monitor.isVisible()  # no monitor: nothing said
    bind_to_chair_1(window, sqlite_storage, clock)
    clock.advance(seconds=12)
    window.tick()
    t = tile_1(window)
    assert t.monitor.isVisible() and t.monitor.text() == "Monitor: last value 12 s ago"
    assert t.property("alarm") == "" and t.monitor.property("silent") is False
    clock.advance(seconds=60)  # the clinic's setting: 60 s
    window.tick()
    assert t.monitor.text() == "Monitor silent 72 s"
    assert t.monitor.property("silent") is True
    assert t.property("alarm") == ""  # calm: the tile's border is not an alarm's
    assert "Monitor silent" in t.accessibleName()


@pytest.fixture
def accounts(sqlite_storage, clock):
    return accounts_ui.accounts.__wrapped__(sqlite_storage, clock)


def test_the_locked_board_keeps_showing_it(qtbot, window, sqlite_storage, clock, accounts,
                                           ui_service):
    admin = accounts_ui.admin.__wrapped__(accounts)
    from db.signature_repo import SignatureRepository
    from monitor.accounts.current_user import CurrentUser
    from monitor.accounts.signing import SigningService

    bind_to_chair_1(window, sqlite_storage, clock)
    clock.advance(seconds=5)
    signing = SigningService(ui_service, SignatureRepository(sqlite_storage), accounts, clock)
    locker = attach(window, signing, accounts, CurrentUser(admin), clock)
    locker.lock("test")
    assert "Monitor: last value 5 s ago" in "\n".join(locker.screen.tile_texts())
    clock.advance(seconds=60)
    locker.screen.refresh()  # as its one-second timer does
    [chair_1, *_others] = locker.screen.tile_texts()
    assert chair_1.splitlines() == ["Chair 1", "FREE", "Monitor silent 65 s"]


def test_the_boards_read_is_one_query_on_the_open_bindings(window, sqlite_storage, clock):
    from sqlalchemy import event

    bind_to_chair_1(window, sqlite_storage, clock)
    seen: list[str] = []
    listen = lambda *a: seen.append(a[2])  # noqa: E731
    event.listen(sqlite_storage.engine, "before_cursor_execute", listen)
    try:
        feeds, silence = window.monitor_feeds()
    finally:
        event.remove(sqlite_storage.engine, "before_cursor_execute", listen)
    assert list(feeds) == ["1"] and silence == timedelta(seconds=60)
    selects = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1 and "device_observation" not in selects[0]
