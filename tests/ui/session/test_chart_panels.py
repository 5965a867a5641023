"""The one chart specification the live, review and printed vitals charts draw from."""

from __future__ import annotations

from dataclasses import fields

from export import vitals_chart
from export.colours import Colors
from monitor.chart_panels import PANELS, SERIES
from monitor.vitals import MEASURES
from ui.session import vitals_charts


def test_every_charted_measure_has_one_panel_and_one_series():
    charted = [m for p in PANELS for m in p.measures]
    assert sorted(charted) == sorted(SERIES) and len(charted) == len(set(charted))
    assert set(SERIES) <= set(MEASURES)


def test_each_series_colour_is_a_theme_colour_and_each_symbol_is_drawn_by_both_charts():
    names = {f.name for f in fields(Colors)}
    assert {s.colour for s in SERIES.values()} <= names
    symbols = {s.symbol for s in SERIES.values()}
    assert symbols <= set(vitals_charts.GLYPHS) and symbols <= set(vitals_chart.GLYPHS)


def test_the_printed_titles_carry_the_unit():
    assert [p.print_title for p in PANELS] == ["BP mmHg", "HR /min", "SpO₂ %", "RR /min",
                                               "Effects 0–10"]


def test_the_live_chart_builds_its_panels_from_the_spec(qtbot):
    from export.colours import LIGHT
    from monitor.vitals import AlarmCheck

    charts = vitals_charts.VitalsCharts(AlarmCheck(), LIGHT)
    qtbot.addWidget(charts)
    assert list(charts.plots) == [p.key for p in PANELS]
    assert list(charts.curves) == [m for p in PANELS for m in p.measures]
    assert charts.curves["sbp"].opts["symbol"] == "t"  # ∨ for systolic, ∧ for diastolic
    assert charts.curves["dbp"].opts["symbol"] == "t1"
