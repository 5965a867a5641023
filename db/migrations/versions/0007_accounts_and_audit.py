"""accounts, signatures, the audit trail, and who made each entry

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# the tables whose rows gain the user who entered them
ENTERED_BY = ("vitals_set", "side_effect", "session_event", "assessment", "medication_given")
OTHER_USER_COLUMNS = (("alarm", "acknowledged_by_user"), ("addendum", "author_user"),
                      ("patient", "created_by"), ("infusion_session", "created_by"))

# The audit trail is append-only at the database too (issue 10 §3): UPDATE and DELETE are
# refused by a trigger, on PostgreSQL (and TRUNCATE) as on SQLite.
PG_REFUSE = """
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
PG_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()",
)
SQLITE_TRIGGERS = tuple(
    f"CREATE TRIGGER audit_log_no_{op_name.lower()} BEFORE {op_name} ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: {op_name} refused'); END"
    for op_name in ("UPDATE", "DELETE"))


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("printed_name", sa.String(length=78), nullable=False),
        sa.Column("credentials", sa.String(length=40), nullable=False),
        sa.Column("roles", sa.String(length=60), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    for table in ENTERED_BY:
        _add_user_column(table, "entered_by")
    for table, column in OTHER_USER_COLUMNS:
        _add_user_column(table, column)
    op.create_table(
        "session_signature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("printed_name", sa.String(length=78), nullable=False),
        sa.Column("credentials", sa.String(length=40), nullable=False),
        sa.Column("meaning", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("parts_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["infusion_session.id"],
                                name=op.f("fk_session_signature_session_id_infusion_session")),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_session_signature_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_signature")),
        sa.UniqueConstraint("session_id", name=op.f("uq_session_signature_session_id")),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("workstation", sa.String(length=120), nullable=False),
        sa.Column("os_user", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=40), nullable=False),
        sa.Column("before_json", sa.Text(), nullable=False),
        sa.Column("after_json", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"], unique=False)
    op.create_index(op.f("ix_audit_log_action"), "audit_log", ["action"], unique=False)
    op.create_index("ix_audit_log_table_row", "audit_log", ["table_name", "row_id"],
                    unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_REFUSE)
        for statement in PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE audit_log")  # its triggers go with it
        op.execute("DROP FUNCTION audit_log_refuse_change()")
    else:
        op.drop_table("audit_log")
    op.drop_table("session_signature")
    for table, column in reversed(OTHER_USER_COLUMNS):
        _drop_user_column(table, column)
    for table in reversed(ENTERED_BY):
        _drop_user_column(table, "entered_by")
    op.drop_table("app_user")


def _add_user_column(table: str, column: str) -> None:
    name = op.f(f"fk_{table}_{column}_app_user")
    if op.get_bind().dialect.name == "sqlite":
        # ADD COLUMN ... REFERENCES in place: recreating a table (batch mode) would drop
        # and rebuild ``patient`` under the rows that refer to it
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER "
                   f"CONSTRAINT {name} REFERENCES app_user (id)")
        return
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f(f"fk_{table}_{column}_app_user"), "app_user",
                                    [column], ["id"])


def _drop_user_column(table: str, column: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        if op.get_bind().dialect.name != "sqlite":  # SQLite's copy leaves it out anyway
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_{column}_app_user"),
                                     type_="foreignkey")
        batch_op.drop_column(column)
