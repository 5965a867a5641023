"""Rules that used to live in the settings widgets and the rate dialog: the chair-count
bounds, protocol-name uniqueness, the 0.1 rounding, and what a new pump rate means."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from monitor.clinic import CHAIRS_HIGH, CHAIRS_LOW, check_chair_count
from monitor.errors import InvalidEntry
from monitor.numbers import figure, tenth, tenth_decimal
from monitor.protocol import DEFAULT_PROTOCOL, check_unique_name, total_mg
from monitor.rate_change import rate_change


@pytest.mark.parametrize("text, count", [("1", 1), (" 4 ", 4), ("16", 16)])
def test_a_chair_count_in_range_is_taken(text, count):
    assert check_chair_count(text) == count


@pytest.mark.parametrize("text, said", [("0", " (not 0)"), ("17", " (not 17)"),
                                        ("", ""), ("x", " (not x)")])
def test_a_chair_count_out_of_range_is_refused_naming_the_range(text, said):
    assert (CHAIRS_LOW, CHAIRS_HIGH) == (1, 16)
    with pytest.raises(InvalidEntry) as refused:
        check_chair_count(text)
    assert str(refused.value) == f"Number of chairs must be 1–16{said}."
    assert refused.value.field == "chair_count"


def test_a_protocol_name_is_unique_whatever_its_case_and_spaces():
    stored = [replace(DEFAULT_PROTOCOL, name="Standard", id=1),
              replace(DEFAULT_PROTOCOL, name="Slow", id=2)]
    check_unique_name(replace(DEFAULT_PROTOCOL, name="Standard", id=1), stored)  # itself
    check_unique_name(replace(DEFAULT_PROTOCOL, name="Fast", id=None), stored)
    with pytest.raises(InvalidEntry, match="A protocol named 'Standard' already exists."):
        check_unique_name(replace(DEFAULT_PROTOCOL, name=" standard ", id=None), stored)
    with pytest.raises(InvalidEntry) as refused:
        check_unique_name(replace(DEFAULT_PROTOCOL, name="SLOW", id=1), stored)
    assert refused.value.field == "name"


@pytest.mark.parametrize("x, rounded", [(26.25, "26.3"), (5.25, "5.3"), (2.75, "2.8"),
                                        (8.75, "8.8"), (35.0, "35")])
def test_tenth_rounds_halves_up_as_on_paper(x, rounded):
    assert figure(tenth_decimal(x)) == rounded
    assert tenth(x) == float(rounded)
    assert tenth_decimal(Decimal(str(x))) == Decimal(str(x)).quantize(Decimal("0.1"),
                                                                     rounding="ROUND_HALF_UP")


def test_the_dose_uses_the_same_rounding():
    assert total_mg(70.5, 0.5) == 35.3


def test_a_new_rate_shows_the_volume_left_and_its_minutes():
    change = rate_change(35, 1, 8.75, 40)
    assert (change.planned_ml, change.delivered_ml, change.left_ml) == (
        Decimal("35.0"), Decimal("8.8"), Decimal("26.2"))
    assert change.minutes == 39  # 26.2 × 60 ÷ 40 = 39.3
    assert change.lines() == [
        "Planned volume: 35 mL",
        "Delivered so far: 8.8 mg ÷ 1 mg/mL = 8.8 mL",
        "Left to infuse: 35 mL − 8.8 mL = 26.2 mL",
        "At 40 mL/h: 26.2 mL ÷ 40 mL/h × 60 = 39 min",
    ]


def test_without_a_rate_or_with_nothing_left_there_are_no_minutes():
    assert rate_change(35, 1, 8.75, None).minutes is None
    assert rate_change(35, 1, 8.75, None).lines()[-1] == ("Type the new rate to see how "
                                                          "long that takes.")
    assert rate_change(35, 1, 8.75, 0).minutes is None
    done = rate_change(35, 2, 35, 40)
    assert done.left_ml == 0 and done.minutes is None
    assert done.lines()[-1] == "The planned volume has been delivered."
