"""Allergies: listed, "none known (NKDA)" or "not recorded" are three different facts."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.errors import InvalidEntry
from monitor.records import NewPatient, check_new_patient

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(("allergies", "nkda", "text"), [
    ("Penicillin", False, "Penicillin"),
    ("", True, "none known (NKDA)"),
    ("", False, "not recorded"),
    ("  ", False, "not recorded")])
def test_the_chart_says_which(allergies, nkda, text):
    p = NewPatient("A-1", "Ann Able", date(1980, 1, 2), allergies, "", nkda)
    assert p.allergy_text() == text


def test_listed_allergies_and_nkda_together_are_refused():
    with pytest.raises(InvalidEntry, match="keep one") as refused:
        check_new_patient(NewPatient("A-1", "Ann Able", date(1980, 1, 2), "Latex", "",
                                     True), TODAY)
    assert refused.value.field == "allergies"


def test_nkda_is_kept_through_the_check():
    p = check_new_patient(NewPatient("A-1", "Ann Able", date(1980, 1, 2), "", "", True),
                          TODAY)
    assert p.no_known_allergies and p.allergy_text() == "none known (NKDA)"
