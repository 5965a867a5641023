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


@pytest.mark.parametrize("width, height", [(1280, 760), (1024, 730), (1024, 640)])
def test_no_two_limit_labels_overlap_and_none_is_cut(qtbot, view, ui_service, width, height):
    """Seen at the chair: "S 160" and "S 90" drawn over each other, "S 16" cut at the
    right edge. Every label sits whole in its panel, apart from the others."""
    p = ui_service.register_patient(NewPatient("CH-7102", "Label Check", date(1980, 1, 1)))
    s = ui_service.open_session(p.id, "3", 70)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.show_session(s.id)
    qtbot.wait(50)
    for key, plot in view.charts.plots.items():
        box = plot.getViewBox().sceneBoundingRect()
        rects = [line.label.sceneBoundingRect() for line, _tier in view.charts.limit_lines
                 if line in plot.items]
        for i, rect in enumerate(rects):
            assert box.contains(rect), (key, i)
            assert not any(rect.intersects(other) for other in rects[i + 1:]), (key, i)
        labels = [line for line, _tier in view.charts.limit_lines if line in plot.items]
        assert all(line.zValue() < 0 for line in labels)  # readings draw over labels
