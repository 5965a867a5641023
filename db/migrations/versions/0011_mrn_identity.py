"""one MRN whatever its case and spaces

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from monitor.patient_identity import mrn_key

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # "CH1001" and "ch 1001" are one MRN: the compared form is stored and unique. MRNs
    # registered before this that clash are kept as they are (a migration never refuses a
    # clinic's records): the later of each clash keeps its own id in mrn_clash, and
    # `chairside check` reports them for the clinic to resolve.
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mrn_key", sa.String(60), nullable=True))
        batch_op.add_column(sa.Column("mrn_clash", sa.Integer(), server_default="0",
                                      nullable=False))
    conn = op.get_bind()
    patient = sa.table("patient", sa.column("id", sa.Integer), sa.column("mrn", sa.String),
                       sa.column("mrn_key", sa.String), sa.column("mrn_clash", sa.Integer))
    seen: set[str] = set()
    rows = []
    for pid, mrn in conn.execute(sa.select(patient.c.id, patient.c.mrn)
                                 .order_by(patient.c.id)):
        key = mrn_key(mrn)
        rows.append({"pid": pid, "key": key, "clash": pid if key in seen else 0})
        seen.add(key)
    if rows:
        conn.execute(patient.update().where(patient.c.id == sa.bindparam("pid"))
                     .values(mrn_key=sa.bindparam("key"), mrn_clash=sa.bindparam("clash")),
                     rows)
    # a unique index (not a constraint): SQLite adds it without rebuilding the table
    op.create_index("uq_patient_mrn_key", "patient", ["mrn_key", "mrn_clash"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_patient_mrn_key", table_name="patient")
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.drop_column("mrn_clash")
        batch_op.drop_column("mrn_key")
