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

TABLES = {"patient", "infusion_session", "session_event", "vitals_set", "side_effect"}


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
