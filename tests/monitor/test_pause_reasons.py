"""A quick pick fills the reason; typed detail survives changing the pick."""

from __future__ import annotations

import pytest

from monitor.pause_reasons import PAUSE_REASONS, with_pick


@pytest.mark.parametrize(("typed", "pick", "text"), [
    ("", "Nausea", "Nausea"),
    ("Nausea", "Blood pressure", "Blood pressure"),
    ("Nausea: vomited once", "Blood pressure", "Blood pressure: vomited once"),
    ("line kinked", "Line problem", "Line problem: line kinked"),
    ("Nausea: vomited once", "Other", "vomited once"),
    ("", "Other", "")])
def test_a_pick_fills_the_reason_and_keeps_the_detail(typed, pick, text):
    assert with_pick(typed, pick) == text


def test_the_picks_the_issue_names():
    assert PAUSE_REASONS == ("Patient request", "Nausea", "Blood pressure", "Line problem",
                             "Other")
