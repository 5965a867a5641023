"""The point-of-care table: PV1-3 as IHE PCD-01 senders fill it → a chair."""

from __future__ import annotations

import pytest

from monitor.devices.message import read
from monitor.devices.points_of_care import (
    PointOfCareProblem,
    chair_at,
    parse_points_of_care,
    point_of_care,
)
from monitor.devices.reading import location
from tests.monitor.devices.samples import EFFICIA, PCD01_GE

TABLE = """
# the bed only, as the Efficia example sends it
^^LOCATION34 = 4
SURGERY^^V2 = Recliner B   # unit and bed, as the GE B40 example
"""


def test_pv1_3_of_the_public_examples_names_the_chair():
    table = parse_points_of_care(TABLE)
    assert chair_at(location(read(EFFICIA.encode())), table) == "4"
    assert chair_at(location(read(PCD01_GE.encode())), table) == "Recliner B"


@pytest.mark.parametrize("sent, typed", [
    ("^^LOCATION34", "LOCATION34"), ("^^location34^^^^^^^HOSP", "^^LOCATION34"),
    ("ICU^Bed4^1", "icu^bed4^1"), (" ICU ^ Bed4 ", "ICU^Bed4")])
def test_one_point_of_care_however_it_is_written(sent, typed):
    assert point_of_care(sent) == point_of_care(typed)


def test_a_place_not_in_the_table_names_no_chair():
    table = parse_points_of_care(TABLE)
    assert chair_at("^^LOCATION35", table) is None
    assert chair_at("", table) is None and chair_at("X", {}) is None


@pytest.mark.parametrize("text, words", [
    ("^^CHAIR4", "Line 1"), ("= 4", "Line 1"), ("A = 1\nB =", "Line 2"),
    ("A = 1\na = 2", "already chair 1"), ("A = " + "9" * 21, "Line 1")])
def test_a_line_that_cannot_be_used_is_named(text, words):
    with pytest.raises(PointOfCareProblem, match=words):
        parse_points_of_care(text)
