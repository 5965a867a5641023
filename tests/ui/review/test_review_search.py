"""The review's patient list: an MRN that reads as a date lists its patient first."""

from __future__ import annotations

from datetime import date, timezone

import pytest

from export.colours import LIGHT
from monitor.records import NewPatient
from tests.ui.review.test_review import listed
from ui.review.review_view import ReviewView

DIGITS_MRN = NewPatient("19800101", "Zara Young", date(1975, 5, 5))
BORN_THEN = NewPatient("CH-2001", "Anna Brown", date(1980, 1, 1))
ISO_MRN = NewPatient("2024-01-05", "Yusuf Zane", date(1969, 9, 9))
BORN_ISO = NewPatient("CH-2002", "Abel Bell", date(2024, 1, 5))


@pytest.fixture
def review(qtbot, ui_service):
    view = ReviewView(ui_service, LIGHT, timezone.utc)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.parametrize(("typed", "names"), [
    ("19800101", ["Zara Young", "Anna Brown"]),
    ("2024-01-05", ["Yusuf Zane", "Abel Bell"]),
    ("1980-01-01", ["Anna Brown"]),
])
def test_an_exact_mrn_is_listed_first(qtbot, review, ui_service, clock, typed, names):
    for p in (DIGITS_MRN, BORN_THEN, ISO_MRN, BORN_ISO):
        ui_service._repo.patients.add_patient(p, clock.now())
    review.patients.search.clear()
    qtbot.keyClicks(review.patients.search, typed)
    qtbot.waitUntil(lambda: listed(review) == names, timeout=2000)
