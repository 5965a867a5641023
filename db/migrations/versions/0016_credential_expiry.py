"""command-line credentials expire (issue 10 attack pass: they never did)

Revision ID: 0016
Revises: 0013
Create Date: 2026-12-01

(Written in parallel with other helpers' migrations; whoever merges re-chains
``down_revision``.)
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # credentials issued before keep no end (NULL): an administrator revokes them
    op.add_column("cli_credential", sa.Column("expires_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cli_credential", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
