"""The listener process SIGKILLed while 8 monitors send: every message it acknowledged AA
is in the database (bench/feed_crash.py, one round)."""

from __future__ import annotations

import sys

import pytest

from bench.feed_crash import burst_then_kill

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def test_every_acked_message_survives_a_kill_mid_burst(storage):
    result = burst_then_kill(storage.url.render_as_string(hide_password=False),
                             create=storage.is_sqlite, kill_after=1.5)
    assert result["killed_by"] == 9
    assert result["acked"] > 100  # the kill came mid-burst, not after a trickle
    assert result["acked_missing"] == []
    assert result["integrity"] == "ok"
