"""Patient search on real databases: an exact MRN first, folded words kept on write,
counts for the listed patients only (db/patient_search.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from db.models import PatientRow, PatientSearchTermRow
from db.search_key import search_key, search_terms
from main import patient_by_mrn
from monitor.errors import NotFound
from monitor.protocol import DEFAULT_PROTOCOL
from monitor.records import NewPatient

T0 = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)

# an MRN that reads as a date of birth, and a patient born on that date
DIGITS_MRN = NewPatient("19800101", "Zara Young", date(1975, 5, 5))
BORN_THEN = NewPatient("CH-2001", "Anna Brown", date(1980, 1, 1))
ISO_MRN = NewPatient("2024-01-05", "Yusuf Zane", date(1969, 9, 9))
BORN_ISO = NewPatient("CH-2002", "Abel Bell", date(2024, 1, 5))
# MRNs containing one another: name order alone would put Aaron first
SHORT = NewPatient("CH-300", "Zoltan Varga", date(1990, 1, 1))
LONGER = NewPatient("CH-3001", "Aaron Abbott", date(1991, 1, 1))


@pytest.fixture
def clinic(repo):
    people = [DIGITS_MRN, BORN_THEN, ISO_MRN, BORN_ISO, SHORT, LONGER]
    return {p.mrn: repo.patients.add_patient(p, T0 + timedelta(minutes=n))
            for n, p in enumerate(people)}


@pytest.mark.parametrize(("text", "mrns"), [
    ("19800101", ["19800101", "CH-2001"]),
    ("1980-01-01", ["CH-2001"]),
    ("2024-01-05", ["2024-01-05", "CH-2002"]),
    ("20240105", ["CH-2002"]),
    ("CH-300", ["CH-300", "CH-3001"]),
    ("ch-300", ["CH-300", "CH-3001"]),
    (" CH-300 ", ["CH-300", "CH-3001"]),
    ("CH-30", ["CH-3001", "CH-300"]),  # no exact MRN: by name
])
def test_an_exact_mrn_comes_first_in_the_board_search(repo, clinic, text, mrns):
    assert [p.mrn for p in repo.patients.find_patients(text)] == mrns


@pytest.mark.parametrize(("text", "mrns"), [
    ("19800101", ["19800101", "CH-2001"]),
    ("2024-01-05", ["2024-01-05", "CH-2002"]),
    ("CH-300", ["CH-300", "CH-3001"]),
])
def test_an_exact_mrn_comes_first_in_the_review_list(repo, clinic, text, mrns):
    assert [p.mrn for p, _n, _last in repo.review.patients_overview(text)] == mrns


def test_an_exact_mrn_fills_a_list_of_one(repo, clinic):
    assert [p.mrn for p in repo.patients.find_patients("19800101", limit=1)] == ["19800101"]
    assert [p.mrn for p, _n, _l in repo.review.patients_overview("CH-300", limit=1)] == ["CH-300"]


@pytest.mark.parametrize("typed", ["19800101", "2024-01-05", "CH-300", "ch-300"])
def test_export_patient_takes_the_exact_mrn(repo, clinic, typed):
    assert patient_by_mrn(repo.patients, typed).mrn.casefold() == typed.casefold()


def test_export_patient_refuses_a_part_of_an_mrn(repo, clinic):
    with pytest.raises(NotFound, match="No patient with MRN 'CH-30'"):
        patient_by_mrn(repo.patients, "CH-30")


def test_the_review_counts_sessions_of_the_listed_patients(repo, clinic):
    for n in range(3):
        repo.sessions.create_session(clinic["CH-300"].id, "1", DEFAULT_PROTOCOL, 70,
                                     T0 + timedelta(n))
    repo.sessions.create_session(clinic["CH-3001"].id, "2", DEFAULT_PROTOCOL, 70, T0)
    rows = repo.review.patients_overview("ch-300")
    assert [(p.mrn, n) for p, n, _last in rows] == [("CH-300", 3), ("CH-3001", 1)]
    assert rows[0][2] == T0 + timedelta(2)
    assert [(p.mrn, n, last) for p, n, last in repo.review.patients_overview("zara")] == [
        ("19800101", 0, None)]


def test_the_search_key_and_words_are_kept_on_write(repo, storage):
    maria = repo.patients.add_patient(
        NewPatient("CH-1001", "Maria  ÁLVAREZ", date(1979, 3, 14)), T0)
    with storage.transaction() as s:
        assert s.get(PatientRow, maria.id).search_key == "maria álvarez ch-1001"
        terms = s.scalars(select(PatientSearchTermRow.term)
                          .where(PatientSearchTermRow.patient_id == maria.id)).all()
    assert set(terms) == {"maria", "álvarez", "ch-1001", "ch", "1001"}


def test_a_renamed_patient_is_found_by_the_new_name(repo, storage):
    maria = repo.patients.add_patient(NewPatient("CH-1001", "Maria Álvarez", date(1979, 3, 14)), T0)
    with storage.transaction() as s:
        s.get(PatientRow, maria.id).name = "Maria Sánchez"
    assert [p.id for p in repo.patients.find_patients("sánch")] == [maria.id]
    assert repo.patients.find_patients("álvarez") == []


def test_folding():
    assert search_key("  Björn   Ó Briain ", "ab-12") == "björn ó briain ab-12"
    assert search_key("STRASSE", "X") == search_key("straße", "x")
    assert search_terms("Ana O'Neil", "CH 10/22") == {
        "ana", "o'neil", "ch 10/22", "ch", "10", "22"}


def test_patients_registered_before_0005_are_found_after_the_upgrade(empty_storage):
    """The migration folds the names and MRNs already there."""
    from alembic import command
    from sqlalchemy import text

    from db.migrate import alembic_config
    from db.repository import ClinicRepository

    command.upgrade(alembic_config(empty_storage.engine), "0003")
    with empty_storage.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO patient (id, mrn, name, date_of_birth, allergies, notes, created_at)"
            " VALUES (1, 'OLD-19', 'Élodie Müller', '1970-01-01', '', '', :t),"
            " (2, '19700101', 'Ben Ashe', '1980-02-02', '', '', :t)"),
            {"t": datetime(2026, 11, 1, 9, 0)})
    assert empty_storage.upgrade() is True
    repo = ClinicRepository(empty_storage)
    assert [p.id for p in repo.patients.find_patients("élodie")] == [1]
    assert [p.id for p in repo.patients.find_patients("MÜLL")] == [1]
    assert [p.id for p in repo.patients.find_patients("old-19")] == [1]
    assert [p.id for p in repo.patients.find_patients("19700101")] == [2, 1]
    assert [p.id for p in repo.patients.find_patients("lodi")] == [1]  # contains, not a prefix
