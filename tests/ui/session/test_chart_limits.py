"""The chair view's chart draws the session's own limits, labels a scale as it will after
reopening, and escapes the patient header."""

from __future__ import annotations

from datetime import date, timezone

import pytest

from export.colours import LIGHT
from monitor.records import NewPatient
from tests.own_limits import limit_labels, session_with_own_limits
from ui.app.clinic_state import ClinicState
from ui.session.session_view import SessionView

UTC = timezone.utc


@pytest.fixture
def view(qtbot, ui_service):
    v = SessionView(ui_service, ClinicState(ui_service), LIGHT, UTC)
    qtbot.addWidget(v)
    return v


def test_the_live_chart_draws_the_sessions_own_limits(view, ui_service):
    _p, strict = session_with_own_limits(ui_service)
    view.show_session(strict.id)
    labels = limit_labels(view.charts)
    assert "S 150" in labels and "S 160" not in labels
    assert "S 180" in labels  # the critical limit the protocol kept


def test_the_next_session_shown_gets_its_own_limits_back(view, ui_service):
    _p, strict = session_with_own_limits(ui_service)
    p = ui_service.register_patient(NewPatient("CH-7101", "Default Limits", date(1980, 1, 1)))
    plain = ui_service.open_session(p.id, "2", 70)
    view.show_session(strict.id)
    view.show_session(plain.id)
    labels = limit_labels(view.charts)
    assert "S 160" in labels and "S 150" not in labels


def marks(view) -> list[str]:
    return [line.label.toPlainText() for line, _at in view.charts.marks]


@pytest.mark.parametrize("kind, score", [("moaas", 4), ("dissociation", 3), ("cadss", 12),
                                         ("madrs", 20)])
def test_a_scale_is_labelled_the_same_live_and_after_reopening(view, ui_service, kind,
                                                               score):
    _p, s = session_with_own_limits(ui_service)
    view.show_session(s.id)
    a = ui_service.record_assessment(s.id, kind, score)
    assert a.id  # stored: the clinic state hands it to the view (one entry_stored path)
    live = marks(view)
    view.show_session(s.id)
    assert marks(view) == live


def test_the_chair_header_escapes_what_was_typed(view, ui_service):
    p = ui_service.register_patient(NewPatient("CH-7102", "Jo <b>Bold</b> & Co",
                                               date(1980, 1, 1), allergies="<i>latex</i>"))
    s = ui_service.open_session(p.id, "1", 70)
    view.show_session(s.id)
    header = view.header.text()
    assert "Jo &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in header
    assert "&lt;i&gt;latex&lt;/i&gt;" in header
    assert "<b>Bold" not in header and "<i>latex" not in header
