"""The Alembic chain: whole, at the head start-up expects, and in step with the models."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from db.migrate import alembic_config, script_head
from db.models import Base
from db.storage import HEAD_REVISION

TABLES = {"patient", "patient_search_term", "infusion_session", "session_event",
          "vitals_set", "side_effect", "protocol", "alarm", "assessment", "medication_given",
          "formulary_item", "clinic_setting", "addendum", "app_user", "session_signature",
          "audit_log", "cli_credential", "entry_correction", "treatment_course",
          "course_session", "device", "device_binding", "device_observation",
          "device_artifact"}


def table_names(storage) -> set[str]:
    with storage.engine.connect() as conn:
        return set(inspect(conn).get_table_names())


def test_the_script_head_is_the_revision_start_up_expects(sqlite_storage):
    assert script_head(sqlite_storage.engine) == HEAD_REVISION


def test_the_chain_is_whole(sqlite_storage):
    scripts = ScriptDirectory.from_config(alembic_config(sqlite_storage.engine))
    assert scripts.get_heads() == [HEAD_REVISION]
    assert len(scripts.get_bases()) == 1
    chain = list(scripts.walk_revisions())  # head → base; raises on a gap
    assert chain[0].revision == HEAD_REVISION
    assert chain[-1].down_revision is None
    assert len({r.revision for r in chain}) == len(chain)


def test_upgrade_from_an_empty_database_to_head(empty_storage):
    assert empty_storage.revision() is None
    assert table_names(empty_storage) == set()
    assert empty_storage.upgrade() is True
    assert empty_storage.revision() == HEAD_REVISION
    assert table_names(empty_storage) == TABLES | {"alembic_version"}


def test_upgrade_on_an_up_to_date_database_does_nothing(storage):
    assert storage.revision() == HEAD_REVISION
    assert storage.upgrade() is False
    assert storage.revision() == HEAD_REVISION


def test_models_and_migrations_agree(storage):
    with storage.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_the_comparison_would_see_a_missing_table(storage):
    with storage.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE side_effect")
    with storage.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert [d[0] for d in differences if d[0] == "add_table"] == ["add_table"]


def test_downgrade_to_base_and_back(storage):
    config = alembic_config(storage.engine)
    command.downgrade(config, "base")
    assert table_names(storage) & TABLES == set()
    assert storage.revision() is None
    assert storage.upgrade() is True
    assert table_names(storage) >= TABLES


def test_a_database_at_0001_with_a_running_session_is_upgraded_on_start(empty_storage):
    """An older clinic database keeps its records and gains the new columns' defaults."""
    from datetime import datetime, timezone

    from sqlalchemy import text

    from db.repository import ClinicRepository

    command.upgrade(alembic_config(empty_storage.engine), "0001")
    started = datetime(2026, 11, 1, 9, 0)
    with empty_storage.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO patient (id, mrn, name, date_of_birth, allergies, notes, created_at)"
            " VALUES (1, 'OLD-1', 'Old Record', '1970-01-01', '', '', :t)"), {"t": started})
        conn.execute(text(
            "INSERT INTO infusion_session (id, patient_id, chair, protocol_name, drug, "
            "mg_per_kg, weight_kg, planned_minutes, observation_minutes, "
            "vitals_every_infusing_min, vitals_every_observation_min, phase, created_at, "
            "started_at) VALUES (1, 1, '2', 'Standard', 'Racemic ketamine IV', 0.5, 70, 40, "
            "30, 10, 15, 'infusing', :t, :t)"), {"t": started})
    assert empty_storage.upgrade() is True
    session = ClinicRepository(empty_storage).sessions.get_session(1)
    assert session.started_at == started.replace(tzinfo=timezone.utc)
    assert session.overdue_after_min == 2 and session.discharge_min_aldrete == 9
    assert session.pump_rate_ml_h is None
    assert any(lim.measure == "sbp" and lim.threshold == 180 for lim in session.limits)
