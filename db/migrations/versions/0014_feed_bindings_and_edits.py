"""monitor feed: how a binding was made (a person, or the point of care in PV1-3), a
person's unassigning, and the nurse's edits of a validated monitor set

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01

(Written in parallel with other helpers' migrations; whoever merges re-chains
``down_revision``.)
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMNs: existing bindings were all made by a person
    op.add_column("device_binding", sa.Column("how", sa.String(length=20),
                                              server_default="assigned", nullable=False))
    op.add_column("device_binding", sa.Column("unassigned", sa.Boolean(),
                                              server_default=sa.false(), nullable=False))
    op.add_column("vitals_set", sa.Column("device_edits", sa.Text(), server_default="",
                                          nullable=False))
    # the board reads the bindings open now once a second: an index, not a walk
    op.create_index("ix_device_binding_open", "device_binding", ["unbound_at", "chair"])


def downgrade() -> None:
    op.drop_index("ix_device_binding_open", table_name="device_binding")
    with op.batch_alter_table("vitals_set", schema=None) as batch_op:
        batch_op.drop_column("device_edits")
    with op.batch_alter_table("device_binding", schema=None) as batch_op:
        batch_op.drop_column("unassigned")
        batch_op.drop_column("how")
