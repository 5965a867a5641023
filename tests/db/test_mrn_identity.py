"""One MRN whatever its case and spaces (issue 8, attack pass), and the warning before
registering a name and date of birth already on record (issue 11 §4). Real SQLite file
and PostgreSQL; a clinic registered before revision 0011 with clashing MRNs is upgraded
without losing either record, and ``chairside check`` names them."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from sqlalchemy import text

from db.migrate import alembic_config
from db.repository import ClinicRepository
from db.storage import HEAD_REVISION, Storage, sqlite_url
from monitor.clock import FixedClock
from monitor.errors import InvalidEntry
from monitor.records import NewPatient
from monitor.service import SessionService
from tests.credentials import credential_for
from tests.db.clinic_files import NOW
from tests.export.pdf_text import page_lines
from tests.test_cli_maintenance import chairside

MARIA = NewPatient("CH-1001", "Maria Lopez", date(1975, 3, 14))


@pytest.mark.parametrize("variant", ["ch-1001", "CH-1001 ", " Ch-1001", "cH-1001\t",
                                     "CH -1001", "ch- 1001", "CH\u00a0-1001", "C H - 1 0 0 1"])
def test_an_mrn_differing_only_in_case_or_spaces_is_refused_naming_the_patient(service,
                                                                              variant):
    maria = service.register_patient(MARIA)
    with pytest.raises(InvalidEntry) as refused:
        service.register_patient(NewPatient(variant, "Someone Else", date(1990, 1, 1)))
    assert refused.value.field == "mrn"
    if " " not in variant.strip() and "\u00a0" not in variant:
        assert "already registered, to Maria Lopez (MRN CH-1001, born 1975-03-14)" \
            in str(refused.value)
        if variant.strip() != "CH-1001":
            assert "MRNs that differ only in capitals or spaces" in str(refused.value)
    # (an MRN with a space inside is refused by the MRN's own pattern before that)
    assert [p.id for p in service.patients_with_mrn(variant)] == [maria.id]
    assert service.find_patients(variant)[0].id == maria.id  # exact MRN first


def test_mrns_that_differ_otherwise_are_different_patients(service):
    service.register_patient(MARIA)
    for other in ("CH-10010", "HC-1001", "CH1001", "CH-1OO1"):
        service.register_patient(NewPatient(other, "Maria Lopez", date(1975, 3, 15)))
    assert [p.mrn for p in service.patients_with_mrn("ch1001")] == ["CH1001"]


def test_a_name_and_birth_date_on_record_are_shown_as_possible_duplicates(service):
    maria = service.register_patient(MARIA)
    service.register_patient(NewPatient("CH-2002", "Maria Lopez", date(1975, 3, 15)))
    again = NewPatient("CH-3003", "  maria   LOPEZ ", date(1975, 3, 14))
    assert [p.id for p in service.possible_duplicates(again)] == [maria.id]
    assert service.possible_duplicates(NewPatient("CH-4004", "Maria Lopes",
                                                  date(1975, 3, 14))) == []
    # the same MRN apart from case is a possible duplicate too (and will be refused)
    assert [p.id for p in service.possible_duplicates(
        NewPatient(" ch-1001", "Ana Souza", date(1984, 5, 2)))] == [maria.id]
    # the nurse may go on, knowingly: a second Maria Lopez with her own MRN is registered
    second = service.register_patient(again)
    assert second.id != maria.id


def test_an_mrn_registered_on_another_workstation_a_moment_before_is_refused(storage,
                                                                            clock):
    """The unique compared MRN decides between two workstations (no check-then-write)."""
    here = SessionService(ClinicRepository(storage), clock)
    other = Storage(storage.url.render_as_string(hide_password=False))
    try:
        there = SessionService(ClinicRepository(other), clock)
        from db.patients_repo import PatientRepository

        class Late(PatientRepository):  # the other registers between our check and insert
            def add_patient(self, patient, at):
                there.register_patient(NewPatient("ch-1001", "Other Maria", date(1975, 1, 1)))
                return super().add_patient(patient, at)

        repo = ClinicRepository(storage)
        repo.patients = Late(storage)
        with pytest.raises(InvalidEntry, match="already registered, to Other Maria"):
            SessionService(repo, clock).register_patient(MARIA)
        assert [p.name for p in here.patients_with_mrn("CH-1001")] == ["Other Maria"]
    finally:
        other.close()


def clinic_at_0007_with_clashing_mrns(store: Storage) -> None:
    command.upgrade(alembic_config(store.engine), "0007")
    with store.engine.begin() as conn:
        for pid, mrn, name in [(1, "CH-1001", "Maria Lopez"), (2, "ch-1001", "Maria López"),
                               (3, "CH -1001", "M. Lopez"), (4, "CH-2002", "Ana Souza")]:
            conn.execute(text(
                "INSERT INTO patient (id, mrn, name, date_of_birth, allergies, notes, "
                "created_at, search_key) VALUES (:i, :m, :n, '1975-03-14', '', '', :t, '')"),
                {"i": pid, "m": mrn, "n": name, "t": NOW.replace(tzinfo=None)})


def test_an_existing_clinic_with_clashing_mrns_upgrades_and_keeps_them(empty_storage):
    clinic_at_0007_with_clashing_mrns(empty_storage)
    assert empty_storage.upgrade() is True
    assert empty_storage.revision() == HEAD_REVISION
    service = SessionService(ClinicRepository(empty_storage), FixedClock(NOW))
    assert [service.get_patient(i).mrn for i in (1, 2, 3, 4)] == [
        "CH-1001", "ch-1001", "CH -1001", "CH-2002"]
    # a lookup takes the one spelt exactly as typed, else the first registered
    assert [p.id for p in service.patients_with_mrn("ch-1001")] == [2, 1, 3]
    assert [p.id for p in service.patients_with_mrn("CH-1001")] == [1, 2, 3]
    assert [p.id for p in service.patients_with_mrn("Ch-1001")] == [1, 2, 3]
    assert [p.id for p in service.patients_with_mrn("CH-2002")] == [4]
    # and no new registration joins the clash
    with pytest.raises(InvalidEntry, match="to Maria Lopez"):
        service.register_patient(NewPatient("cH-1001", "New One", date(2000, 1, 1)))
    clashes = ClinicRepository(empty_storage).patients.mrn_clashes()
    assert [(a.id, b.id) for a, b in clashes] == [(1, 2), (1, 3)]


def test_chairside_check_names_clashing_mrns_and_export_takes_the_exact_one(tmp_path):
    live = tmp_path / "clinic" / "chairside.sqlite"
    store = Storage(sqlite_url(live))
    clinic_at_0007_with_clashing_mrns(store)
    store.upgrade()
    store.close()
    reader = credential_for(live)  # exports run as a Chairside user (issue 10)
    done = chairside("--database", sqlite_url(live), "check", home=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].endswith(f"schema revision {HEAD_REVISION} (current).")
    assert "Maria Lopez (MRN CH-1001, born 1975-03-14) and Maria López (MRN ch-1001" \
        in lines[1]
    assert "Maria Lopez (MRN CH-1001, born 1975-03-14) and M. Lopez (MRN CH -1001" in lines[2]
    out = tmp_path / "course.pdf"
    done = chairside("--database", sqlite_url(live), "export-pdf", "--patient", "ch-1001",
                     "-o", str(out), home=tmp_path, credential=reader)
    assert done.returncode == 0, done.stderr
    text_of_pdf = " ".join(" ".join(page) for page in page_lines(out))
    assert "Maria López" in text_of_pdf and "ch-1001" in text_of_pdf  # the one typed
    done = chairside("--database", sqlite_url(live), "export-pdf", "--patient", "Ch-1001",
                     "-o", str(out), home=tmp_path, credential=reader)
    assert done.returncode == 2 or done.returncode == 1
    assert "Ch-1001 matches 3 patients" in done.stderr and "Type it exactly" in done.stderr
