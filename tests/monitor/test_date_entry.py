"""Dates of birth typed as people type them; nothing guessed, nothing defaulted."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.date_entry import DMY, MDY, YMD, order_of, parse_date
from monitor.errors import InvalidEntry


@pytest.mark.parametrize(("typed", "order", "expected"), [
    ("1975-03-14", DMY, date(1975, 3, 14)),
    ("1975-03-14", MDY, date(1975, 3, 14)),
    ("19750314", DMY, date(1975, 3, 14)),
    ("19750314", MDY, date(1975, 3, 14)),
    ("14/03/1975", DMY, date(1975, 3, 14)),
    ("14.03.1975", DMY, date(1975, 3, 14)),
    ("14.3.1975", DMY, date(1975, 3, 14)),
    ("03/14/1975", MDY, date(1975, 3, 14)),
    ("3/4/1975", MDY, date(1975, 3, 4)),
    ("3/4/1975", DMY, date(1975, 4, 3)),
    ("1975/03/14", YMD, date(1975, 3, 14)),
    (" 1975-3-4 ", YMD, date(1975, 3, 4)),
])
def test_the_forms_people_type_are_read(typed, order, expected):
    assert parse_date(typed, order) == expected


@pytest.mark.parametrize(("typed", "order", "words"), [
    ("", DMY, "Enter the date of birth."),
    ("   ", DMY, "Enter the date of birth."),
    ("14/03/75", DMY, "year in full"),
    ("1975-02-30", YMD, "not a day on the calendar"),
    ("03/14/1975", DMY, "not a day on the calendar"),
    ("1975-03", YMD, "not a date"),
    ("197503141", YMD, "not a date"),
    ("yesterday", YMD, "not a date"),
])
def test_what_is_not_a_whole_date_is_refused(typed, order, words):
    with pytest.raises(InvalidEntry, match=words) as refused:
        parse_date(typed, order)
    assert refused.value.field == "date_of_birth"


@pytest.mark.parametrize(("fmt", "order"), [
    ("dd/MM/yyyy", DMY), ("M/d/yy", MDY), ("yyyy-MM-dd", YMD), ("d.M.yy", DMY), ("", YMD)])
def test_the_locale_short_form_gives_the_order(fmt, order):
    assert order_of(fmt) == order
