"""vitals alarm tier

The worst alarm tier of a vitals set is stored with it, so no screen or report reads it
back out of the flags' wording. Existing sets take the tier of the alarm they raised, or,
where no alarm row exists, the tier named in their flags.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vitals_set", schema=None) as batch_op:
        batch_op.add_column(sa.Column("alarm_tier", sa.String(length=10), nullable=True))
    op.execute(
        "UPDATE vitals_set SET alarm_tier = (SELECT alarm.tier FROM alarm "
        "WHERE alarm.vitals_id = vitals_set.id) "
        "WHERE EXISTS (SELECT 1 FROM alarm WHERE alarm.vitals_id = vitals_set.id)")
    # flags written as "... the critical limit of 180." / "(critical limit: rise of 40 ...)"
    op.execute("UPDATE vitals_set SET alarm_tier = 'critical' WHERE alarm_tier IS NULL "
               "AND flags LIKE '%critical limit%'")
    op.execute("UPDATE vitals_set SET alarm_tier = 'advisory' WHERE alarm_tier IS NULL "
               "AND flags <> ''")


def downgrade() -> None:
    with op.batch_alter_table("vitals_set", schema=None) as batch_op:
        batch_op.drop_column("alarm_tier")
