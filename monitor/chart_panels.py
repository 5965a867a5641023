"""What a vitals chart shows, for the live chart, the review chart and the printed one:
the stacked panels (measures, default ranges, height on paper) and each measure's series
(name, symbol, the theme colour it is drawn in, its limit labels' prefix). Pure data: the
symbols are names each renderer maps to its own glyphs, colours are ``Colors`` fields."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    key: str
    title: str  # on screen, beside the panel
    short: str  # on paper, with the unit
    unit: str
    measures: tuple[str, ...]
    y_range: tuple[float, float]  # shown at least; widened to fit the values
    weight: float  # its share of the printed chart's height

    @property
    def print_title(self) -> str:
        return f"{self.short} {self.unit}"


@dataclass(frozen=True)
class Series:
    measure: str
    name: str
    symbol: str  # "down", "up", "circle", "square" or "diamond"
    colour: str  # a ``Colors`` field
    limit_prefix: str = ""  # "S"/"D" tell systolic from diastolic limits on the BP panel


PANELS = (
    Panel("bp", "BP", "BP", "mmHg", ("sbp", "dbp"), (40, 200), 3.0),
    Panel("hr", "HR", "HR", "/min", ("hr",), (40, 140), 1.4),
    Panel("spo2", "SpO₂", "SpO₂", "%", ("spo2",), (85, 100), 1.1),
    Panel("rr", "RR", "RR", "/min", ("rr",), (4, 32), 1.1),
    Panel("effects", "Side effects", "Effects", "0–10", (), (0, 11), 1.6),
)
SERIES = {
    s.measure: s
    for s in (
        Series("sbp", "Systolic", "down", "sbp", "S"),  # SBP ∨, DBP ∧: the BP bracket
        Series("dbp", "Diastolic", "up", "dbp", "D"),
        Series("hr", "HR", "circle", "hr"),
        Series("spo2", "SpO₂", "square", "spo2"),
        Series("rr", "RR", "diamond", "rr"),
    )
}
