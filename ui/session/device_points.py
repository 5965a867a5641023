"""Monitor values on the chair's live charts: small hollow markers, so that what the
monitor sent is never mistaken for what the nurse recorded (filled, joined by lines);
silences of the feed as grey bands."""

from __future__ import annotations

from datetime import datetime

import pyqtgraph as pg

from export.colours import Colors
from monitor.chart_panels import SERIES
from monitor.devices.gaps import Gap
from monitor.devices.records import DeviceObservation
from ui.session.vitals_charts import VitalsCharts

# device measure → the panel it is drawn on and the series whose colour it takes
DRAWN = {"sbp": ("bp", "sbp"), "dbp": ("bp", "dbp"), "hr": ("hr", "hr"),
         "pulse": ("hr", "hr"), "spo2": ("spo2", "spo2"), "rr": ("rr", "rr")}


class DevicePoints:
    def __init__(self, charts: VitalsCharts) -> None:
        self.charts = charts
        self.points: dict[str, pg.ScatterPlotItem] = {}
        self.bands: list[pg.LinearRegionItem] = []
        self._seen: list[DeviceObservation] = []
        self._gaps: list[Gap] = []
        for key, (panel, _series) in DRAWN.items():
            item = pg.ScatterPlotItem(size=6, symbol="o" if key != "pulse" else "s")
            item.setZValue(5)
            charts.plots[panel].addItem(item)
            self.points[key] = item
        self.apply_colors(charts.colors)

    def apply_colors(self, c: Colors) -> None:
        for key, item in self.points.items():
            colour = getattr(c, SERIES[DRAWN[key][1]].colour)
            item.setPen(pg.mkPen(colour, width=1.2))
            item.setBrush(pg.mkBrush(None))
        grey = pg.mkColor(c.muted)
        grey.setAlpha(50)
        for band in self.bands:
            band.setBrush(pg.mkBrush(grey))

    def clear(self) -> None:
        self._seen = []
        self._gaps = []
        self.redraw()

    def add(self, observations: list[DeviceObservation]) -> None:
        self._seen.extend(observations)
        self.redraw()

    def show_gaps(self, found: list[Gap], now: datetime) -> None:
        self._gaps = found
        self._draw_gaps(now)

    @property
    def count(self) -> int:
        return sum(len(item.data) for item in self.points.values())

    def redraw(self) -> None:
        if self.charts.origin is None:
            return
        for key, item in self.points.items():
            spots = [(self.charts.minutes(o.observed_at), o.values[key])
                     for o in self._seen if key in o.values and not o.artifact]
            item.setData([x for x, _ in spots], [y for _, y in spots])

    def _draw_gaps(self, now: datetime) -> None:
        if self.charts.origin is None:
            return
        spans = [(self.charts.minutes(g.start), self.charts.minutes(g.end or now))
                 for g in self._gaps]
        plots = [self.charts.plots[p] for p in ("bp", "hr", "spo2", "rr")]
        while len(self.bands) < len(spans) * len(plots):
            band = pg.LinearRegionItem(movable=False, pen=pg.mkPen(None))
            band.setZValue(-5)
            plots[len(self.bands) % len(plots)].addItem(band)
            self.bands.append(band)
        self.apply_colors(self.charts.colors)
        for i, band in enumerate(self.bands):
            span = spans[i // len(plots)] if i // len(plots) < len(spans) else (0, 0)
            band.setRegion(span)
            band.setToolTip("Monitor silent" if span != (0, 0) else "")
