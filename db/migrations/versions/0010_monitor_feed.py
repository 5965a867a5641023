"""bedside monitors: devices, their bindings to chairs, raw observations (issue 12)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_key", sa.String(length=120), nullable=False),
        sa.Column("location", sa.String(length=120), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
        sa.UniqueConstraint("device_key", name=op.f("uq_device_device_key")),
    )
    op.create_table(
        "device_binding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("chair", sa.String(length=20), nullable=False),
        sa.Column("bound_at", sa.DateTime(), nullable=False),
        sa.Column("unbound_at", sa.DateTime(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["device.id"],
                                name=op.f("fk_device_binding_device_id_device")),
        sa.ForeignKeyConstraint(["created_by"], ["app_user.id"],
                                name=op.f("fk_device_binding_created_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_binding")),
    )
    op.create_index("ix_device_binding_device_unbound", "device_binding",
                    ["device_id", "unbound_at"])
    op.create_table(
        "device_observation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("control_id", sa.String(length=199), nullable=False),
        sa.Column("observed_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("chair", sa.String(length=20), nullable=True),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["device.id"],
                                name=op.f("fk_device_observation_device_id_device")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_observation")),
        sa.UniqueConstraint("device_id", "control_id", "observed_at",
                            name="uq_device_observation_message_time"),
    )
    op.create_index("ix_device_observation_chair_observed", "device_observation",
                    ["chair", "observed_at"])
    op.create_table(
        "device_artifact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["observation_id"], ["device_observation.id"],
            name=op.f("fk_device_artifact_observation_id_device_observation")),
        sa.ForeignKeyConstraint(["created_by"], ["app_user.id"],
                                name=op.f("fk_device_artifact_created_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_artifact")),
        sa.UniqueConstraint("observation_id", name=op.f("uq_device_artifact_observation_id")),
    )


def downgrade() -> None:
    op.drop_table("device_artifact")
    op.drop_index("ix_device_observation_chair_observed", table_name="device_observation")
    op.drop_table("device_observation")
    op.drop_index("ix_device_binding_device_unbound", table_name="device_binding")
    op.drop_table("device_binding")
    op.drop_table("device")
