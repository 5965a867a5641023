"""signed addenda (meaning, digest) and command-line credentials

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("addendum", schema=None) as batch_op:
        batch_op.add_column(sa.Column("meaning", sa.String(length=40), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("digest", sa.String(length=64), nullable=False,
                                      server_default=""))
    op.create_table(
        "cli_credential",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_cli_credential_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cli_credential")),
    )


def downgrade() -> None:
    op.drop_table("cli_credential")
    with op.batch_alter_table("addendum", schema=None) as batch_op:
        batch_op.drop_column("digest")
        batch_op.drop_column("meaning")
