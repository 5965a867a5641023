"""allergies: "none known (NKDA)" stored apart from "not recorded"

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30

(Written in parallel with other helpers' 0008 and 0009; whoever merges re-chains
``down_revision``.)
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # An empty allergies field said nothing: asked and none, or never asked? Existing
    # patients stay "not recorded": nobody may say NKDA for them after the fact.
    # a plain ADD COLUMN: batch mode would copy the patient table, which sessions point at
    op.add_column("patient", sa.Column("no_known_allergies", sa.Boolean(),
                                       server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.drop_column("no_known_allergies")
