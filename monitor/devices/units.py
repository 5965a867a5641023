"""OBX-6 units → the app's units. MDC unit codes, UCUM, or the plain text vendors send.
A unit not listed here is never guessed: the value is not used."""

from __future__ import annotations

from collections.abc import Callable

# unit as sent → (dimension, conversion to the app's unit)
Convert = Callable[[float], float]


def _same(x: float) -> float:
    return x


def _fahrenheit(x: float) -> float:
    return (x - 32.0) * 5.0 / 9.0


PRESSURE, RATE, PERCENT, TEMPERATURE = "mmHg", "/min", "%", "°C"

_UNITS: dict[str, tuple[str, Convert]] = {}
for words, dimension, convert in (
    (("266016", "MDC_DIM_MMHG", "mm[Hg]", "mmHg", "mm Hg"), PRESSURE, _same),
    (("264864", "MDC_DIM_BEAT_PER_MIN", "264928", "MDC_DIM_RESP_PER_MIN", "/min",
      "{beats}/min", "{beat}/min", "{breaths}/min", "{breath}/min", "1/min", "bpm",
      "beats/min", "rpm", "br/min", "breaths/min", "/mn"), RATE, _same),
    (("262688", "MDC_DIM_PERCENT", "%"), PERCENT, _same),
    (("268192", "MDC_DIM_DEGC", "Cel", "°C", "degC", "C", "deg C"), TEMPERATURE, _same),
    (("266560", "MDC_DIM_FAHR", "MDC_DIM_DEGF", "[degF]", "°F", "degF", "F", "deg F"),
     TEMPERATURE, _fahrenheit),
):
    for word in words:
        _UNITS[word.casefold()] = (dimension, convert)

DIMENSION = {"sbp": PRESSURE, "dbp": PRESSURE, "map": PRESSURE, "hr": RATE,
             "pulse": RATE, "rr": RATE, "spo2": PERCENT, "temp_c": TEMPERATURE}


def to_app_unit(key: str, value: float, *unit_words: str) -> float | None:
    """The value in the app's unit for ``key``, or None when none of the words (OBX-6
    code, text) is a unit of that measure's dimension."""
    for word in unit_words:
        found = _UNITS.get(word.strip().casefold())
        if found and found[0] == DIMENSION[key]:
            return found[1](value)
    return None
