"""entries marked entered in error or artifact, rechecks, and addenda naming what they
correct

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A correction is its own row: the entry it marks is never edited nor deleted.
    op.create_table(
        "entry_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("entry_kind", sa.String(length=20), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recheck_of", sa.Integer(), nullable=True),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=120), nullable=False),
        sa.Column("entered_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["infusion_session.id"],
                                name=op.f("fk_entry_correction_session_id_infusion_session")),
        sa.ForeignKeyConstraint(["entered_by"], ["app_user.id"],
                                name=op.f("fk_entry_correction_entered_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_correction")),
    )
    op.create_index("ix_entry_correction_session_id", "entry_correction",
                    ["session_id", "id"], unique=False)
    # plain columns (no constraint): ADD COLUMN in place on SQLite, no table rebuild
    op.add_column("addendum", sa.Column("corrects_kind", sa.String(length=20),
                                        server_default="", nullable=False))
    op.add_column("addendum", sa.Column("corrects_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("addendum", schema=None) as batch_op:
        batch_op.drop_column("corrects_id")
        batch_op.drop_column("corrects_kind")
    op.drop_index("ix_entry_correction_session_id", table_name="entry_correction")
    op.drop_table("entry_correction")
