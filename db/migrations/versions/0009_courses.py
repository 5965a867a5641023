"""treatment courses, and sessions put in a course explicitly

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # sessions without a course (all of them, on an existing clinic) form an implicit
    # course until a psychiatrist starts one: nothing to move here
    op.create_table(
        "treatment_course",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["patient_id"], ["patient.id"],
                                name=op.f("fk_treatment_course_patient_id_patient")),
        sa.ForeignKeyConstraint(["created_by"], ["app_user.id"],
                                name=op.f("fk_treatment_course_created_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_treatment_course")),
    )
    op.create_index("ix_treatment_course_patient_started", "treatment_course",
                    ["patient_id", "started_at"], unique=False)
    op.create_table(
        "course_session",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["infusion_session.id"],
                                name=op.f("fk_course_session_session_id_infusion_session")),
        sa.ForeignKeyConstraint(["course_id"], ["treatment_course.id"],
                                name=op.f("fk_course_session_course_id_treatment_course")),
        sa.ForeignKeyConstraint(["created_by"], ["app_user.id"],
                                name=op.f("fk_course_session_created_by_app_user")),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_course_session")),
    )


def downgrade() -> None:
    op.drop_table("course_session")
    op.drop_index("ix_treatment_course_patient_started", table_name="treatment_course")
    op.drop_table("treatment_course")
