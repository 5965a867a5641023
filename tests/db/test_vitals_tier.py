"""The alarm tier of a vitals set is stored with it, and older sets gain it on upgrade."""

from __future__ import annotations

from datetime import date, datetime

from alembic import command
from sqlalchemy import text

from db.migrate import alembic_config
from db.repository import ClinicRepository
from monitor.records import NewPatient
from monitor.vitals import Tier, VitalsValues

NORMAL = VitalsValues(124, 78, 72, 98, 14, 36.7)


def test_each_set_is_read_back_with_the_tier_it_was_stored_with(service, repo):
    p = service.register_patient(NewPatient("CH-7001", "Tier Test", date(1980, 1, 1)))
    s = service.open_session(p.id, "1", weight_kg=70)
    plain = service.record_vitals(s.id, NORMAL)
    advisory = service.record_vitals(s.id, VitalsValues(165, 80, 72, 98, 14))
    critical = service.record_vitals(s.id, VitalsValues(185, 80, 72, 98, 14))
    assert (plain.tier, advisory.tier, critical.tier) == (None, Tier.ADVISORY, Tier.CRITICAL)
    stored = {v.id: v.tier for v in repo.sessions.vitals(s.id)}
    assert stored == {plain.id: None, advisory.id: Tier.ADVISORY, critical.id: Tier.CRITICAL}


def test_the_tier_is_read_from_its_column_not_from_the_flag_wording(service, repo, storage):
    p = service.register_patient(NewPatient("CH-7002", "Tier Test", date(1980, 1, 1)))
    s = service.open_session(p.id, "1", weight_kg=70)
    v = service.record_vitals(s.id, VitalsValues(185, 80, 72, 98, 14))
    with storage.engine.begin() as conn:
        conn.execute(text("UPDATE vitals_set SET flags = 'Systolic BP 185 is high.' "
                          "WHERE id = :id"), {"id": v.id})
    (read,) = repo.sessions.vitals(s.id)
    assert read.flags == ("Systolic BP 185 is high.",)
    assert read.tier is Tier.CRITICAL and read.critical


def test_sets_stored_before_0004_gain_their_tier(empty_storage):
    command.upgrade(alembic_config(empty_storage.engine), "0003")
    at = datetime(2026, 11, 1, 9, 0)
    rows = [  # id, flags, the tier of the alarm row it raised (None: no alarm row)
        (1, "", None),
        (2, "Systolic BP 165 mmHg is above the advisory limit of 160.", "advisory"),
        (3, "Systolic BP 185 mmHg is at or above the critical limit of 180.", "critical"),
        (4, "Systolic BP 185 mmHg is at or above the critical limit of 180.\n"
            "Heart rate 115 /min is above the advisory limit of 110.", None),
        (5, "Heart rate 115 /min is above the advisory limit of 110.", None),
    ]
    with empty_storage.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO patient (id, mrn, name, date_of_birth, allergies, notes, created_at)"
            " VALUES (1, 'OLD-1', 'Old Record', '1970-01-01', '', '', :t)"), {"t": at})
        conn.execute(text(
            "INSERT INTO infusion_session (id, patient_id, chair, protocol_name, drug, "
            "mg_per_kg, weight_kg, planned_minutes, observation_minutes, "
            "vitals_every_infusing_min, vitals_every_observation_min, phase, created_at, "
            "overdue_after_min, discharge_min_aldrete, signed_by) VALUES (1, 1, '2', "
            "'Standard', 'Racemic ketamine IV', 0.5, 70, 40, 30, 10, 15, 'baseline', :t, "
            "2, 9, '')"), {"t": at})
        for vid, flags, alarm in rows:
            conn.execute(text(
                "INSERT INTO vitals_set (id, session_id, taken_at, sbp, dbp, hr, spo2, rr, "
                "source, entered_at, flags) VALUES (:id, 1, :t, 120, 80, 70, 98, 14, "
                "'manual', :t, :flags)"), {"id": vid, "t": at, "flags": flags})
            if alarm:
                conn.execute(text(
                    "INSERT INTO alarm (session_id, vitals_id, tier, messages, raised_at, "
                    "acknowledged_by, action, note) VALUES (1, :id, :tier, :flags, :t, '', "
                    "'', '')"), {"id": vid, "tier": alarm, "flags": flags, "t": at})
    assert empty_storage.upgrade() is True
    tiers = {v.id: v.tier for v in ClinicRepository(empty_storage).sessions.vitals(1)}
    assert tiers == {1: None, 2: Tier.ADVISORY, 3: Tier.CRITICAL, 4: Tier.CRITICAL,
                     5: Tier.ADVISORY}
