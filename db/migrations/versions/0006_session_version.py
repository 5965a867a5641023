"""a version on each session, for changes that must not cross

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every phase change and the sign-off is written only if the session is still at the
    # version the workstation read: two workstations pressing Pause at once, one wins.
    with op.batch_alter_table("infusion_session", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("infusion_session", schema=None) as batch_op:
        batch_op.drop_column("version")
