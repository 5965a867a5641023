"""search indexes: folded search key and words, date-of-birth index

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

(Written in parallel with another helper's 0004; whoever merges re-chains
``down_revision`` onto 0004.)
"""

import sqlalchemy as sa
from alembic import op

from db.search_key import fold, search_key, search_terms

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("search_key", sa.String(length=230), server_default="", nullable=False)
        )
    op.create_table(
        "patient_search_term",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"],
            name=op.f("fk_patient_search_term_patient_id_patient"),
        ),
        sa.PrimaryKeyConstraint("patient_id", "term", name=op.f("pk_patient_search_term")),
    )
    _fold_existing_patients()
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_patient_date_of_birth"), ["date_of_birth"], unique=False
        )
    _index_search_key()
    op.create_index("ix_patient_search_term_term", "patient_search_term",
                    ["term", "name_key", "patient_id"], unique=False,
                    postgresql_ops={"term": "text_pattern_ops"})


def _index_search_key() -> None:
    """A trigram index on PostgreSQL when pg_trgm can be had (CREATE EXTENSION may need a
    superuser), else, and on SQLite, a plain one."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and _trigrams_available(bind):
        op.create_index("ix_patient_search_key", "patient", ["search_key"], unique=False,
                        postgresql_using="gin",
                        postgresql_ops={"search_key": "gin_trgm_ops"})
        return
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.create_index("ix_patient_search_key", ["search_key"], unique=False)


def _trigrams_available(bind) -> bool:
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        return True
    except sa.exc.DBAPIError:
        return False


def _fold_existing_patients() -> None:
    """Patients registered before this revision get their key and words now."""
    bind = op.get_bind()
    patient = sa.table("patient", sa.column("id"), sa.column("name"), sa.column("mrn"),
                       sa.column("search_key"))
    terms = sa.table("patient_search_term", sa.column("patient_id"), sa.column("term"),
                     sa.column("name_key"))
    rows = bind.execute(sa.select(patient.c.id, patient.c.name, patient.c.mrn)).all()
    if not rows:
        return
    bind.execute(patient.update().where(patient.c.id == sa.bindparam("pid"))
                 .values(search_key=sa.bindparam("key")),
                 [{"pid": pid, "key": search_key(name, mrn)} for pid, name, mrn in rows])
    bind.execute(terms.insert(), [{"patient_id": pid, "term": t, "name_key": fold(name)}
                                  for pid, name, mrn in rows for t in search_terms(name, mrn)])


def downgrade() -> None:
    op.drop_index("ix_patient_search_term_term", table_name="patient_search_term")
    op.drop_table("patient_search_term")
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patient_date_of_birth"))
        batch_op.drop_index("ix_patient_search_key")
        batch_op.drop_column("search_key")
