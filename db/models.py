"""SQLAlchemy 2 typed models. Every timestamp is stored as naive UTC (``UTCDateTime``)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import cast

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.search_key import fold, search_key, search_terms
from monitor.patient_identity import mrn_key

# Stable constraint names so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, whatever the backend."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing to store a naive datetime")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _key_of_inserted_row(context) -> str:
    values = context.get_current_parameters()
    return search_key(values["name"], values["mrn"])


def _mrn_key_of_inserted_row(context) -> str:
    return mrn_key(context.get_current_parameters()["mrn"])


class PatientRow(Base):
    __tablename__ = "patient"

    id: Mapped[int] = mapped_column(primary_key=True)
    mrn: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    date_of_birth: Mapped[date] = mapped_column(index=True)
    allergies: Mapped[str] = mapped_column(Text, default="")
    no_known_allergies: Mapped[bool] = mapped_column(default=False)  # 0010: NKDA asked
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # 0007
    # added with search indexes (revision 0005): folded name and MRN (db/search_key.py),
    # filled on insert, Core bulk inserts included
    search_key: Mapped[str] = mapped_column(String(230), server_default="",
                                            default=_key_of_inserted_row)
    # added with MRN identity (revision 0011): the MRN as compared (monitor.patient_identity:
    # casefolded, no spaces), unique with ``mrn_clash`` 0. A clinic registered before 0011
    # may hold MRNs that are one apart from case or spaces: the later of them keep their
    # own id in ``mrn_clash`` (stored as they are, reported by ``chairside check``).
    # (no server default: a row put in by hand with SQL has no key, NULL, which a unique
    # index never compares equal, so it is not refused for that)
    mrn_key: Mapped[str | None] = mapped_column(String(60),
                                                default=_mrn_key_of_inserted_row)
    mrn_clash: Mapped[int] = mapped_column(Integer, server_default="0", default=0)

    # contains-search: SQLite walks this compact index; PostgreSQL answers from trigrams
    # (pg_trgm; a plain index where the extension cannot be created, see 0005)
    __table_args__ = (Index("ix_patient_search_key", "search_key", postgresql_using="gin",
                            postgresql_ops={"search_key": "gin_trgm_ops"}),
                      Index("uq_patient_mrn_key", "mrn_key", "mrn_clash", unique=True))


class PatientSearchTermRow(Base):
    """One folded word of a patient's name or MRN: prefix search walks this index."""

    __tablename__ = "patient_search_term"
    # covering: a prefix search reads the words, their patients and the order from here
    __table_args__ = (Index("ix_patient_search_term_term", "term", "name_key", "patient_id",
                            postgresql_ops={"term": "text_pattern_ops"}),)

    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), primary_key=True)
    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    name_key: Mapped[str] = mapped_column(String(200))  # the folded name, to list by


@event.listens_for(PatientRow, "before_update")
def _refold_key(_mapper, _connection, target: PatientRow) -> None:
    target.search_key = search_key(target.name, target.mrn)
    target.mrn_key = mrn_key(target.mrn)


@event.listens_for(PatientRow, "after_insert")
@event.listens_for(PatientRow, "after_update")
def _store_search_terms(_mapper, connection, target: PatientRow) -> None:
    terms = cast(Table, PatientSearchTermRow.__table__)
    connection.execute(terms.delete().where(terms.c.patient_id == target.id))
    rows = [{"patient_id": target.id, "term": t, "name_key": fold(target.name)}
            for t in search_terms(target.name, target.mrn)]
    if rows:
        connection.execute(terms.insert(), rows)


class SessionRow(Base):
    __tablename__ = "infusion_session"
    __table_args__ = (Index("ix_infusion_session_patient_created", "patient_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    chair: Mapped[str] = mapped_column(String(40))
    # the protocol, copied when the session is opened
    protocol_name: Mapped[str] = mapped_column(String(120))
    drug: Mapped[str] = mapped_column(String(120))
    mg_per_kg: Mapped[float] = mapped_column(Float)
    weight_kg: Mapped[float] = mapped_column(Float)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    observation_minutes: Mapped[int] = mapped_column(Integer)
    vitals_every_infusing_min: Mapped[int] = mapped_column(Integer)
    vitals_every_observation_min: Mapped[int] = mapped_column(Integer)
    # phase now, and when each phase began (the events table has every change)
    phase: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    infusion_ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    discharged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # added with protocols (revision 0002)
    protocol_id: Mapped[int | None] = mapped_column(ForeignKey("protocol.id"))
    overdue_after_min: Mapped[int] = mapped_column(Integer, server_default="2")
    discharge_min_aldrete: Mapped[int] = mapped_column(Integer, server_default="9")
    limits_json: Mapped[str] = mapped_column(Text, server_default="")  # "" = defaults
    concentration_mg_ml: Mapped[float | None] = mapped_column(Float)
    bag_volume_ml: Mapped[float | None] = mapped_column(Float)
    pump_rate_ml_h: Mapped[float | None] = mapped_column(Float)
    discharge_ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # added with sign-off (revision 0003)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_by: Mapped[str] = mapped_column(String(120), server_default="")
    # added with concurrent workstations (revision 0006): bumped by every phase change and
    # by the sign-off, which are written only if it is still what the writer read
    version: Mapped[int] = mapped_column(Integer, server_default="0", default=0)
    # added with accounts (revision 0007): who opened it
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    patient: Mapped[PatientRow] = relationship()


class VitalsRow(Base):
    __tablename__ = "vitals_set"
    __table_args__ = (Index("ix_vitals_set_session_taken", "session_id", "taken_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("infusion_session.id"))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sbp: Mapped[int] = mapped_column(SmallInteger)
    dbp: Mapped[int] = mapped_column(SmallInteger)
    hr: Mapped[int] = mapped_column(SmallInteger)
    spo2: Mapped[int] = mapped_column(SmallInteger)
    rr: Mapped[int] = mapped_column(SmallInteger)
    temp_c: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(40))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # alarm limits crossed when it was entered, one message a line
    flags: Mapped[str] = mapped_column(Text, default="")
    # the worst tier among the flags ("advisory", "critical"; none when unflagged), rev 0004
    alarm_tier: Mapped[str | None] = mapped_column(String(10))
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # 0007
    # a validated monitor set the nurse changed first: "key device entered" a line (0014)
    device_edits: Mapped[str] = mapped_column(Text, default="", server_default="")


class SideEffectRow(Base):
    __tablename__ = "side_effect"
    __table_args__ = (Index("ix_side_effect_session_at", "session_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("infusion_session.id"))
    kind: Mapped[str] = mapped_column(String(40))
    severity: Mapped[int] = mapped_column(SmallInteger)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    description: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # 0007


class EventRow(Base):
    __tablename__ = "session_event"
    __table_args__ = (Index("ix_session_event_session_at", "session_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("infusion_session.id"))
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(Text, default="")
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    value: Mapped[float | None] = mapped_column(Float)  # a rate change's new mL/h
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # 0007


class ProtocolRow(Base):
    __tablename__ = "protocol"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    drug: Mapped[str] = mapped_column(String(120))
    mg_per_kg: Mapped[float] = mapped_column(Float)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    observation_minutes: Mapped[int] = mapped_column(Integer)
    vitals_every_infusing_min: Mapped[int] = mapped_column(Integer)
    vitals_every_observation_min: Mapped[int] = mapped_column(Integer)
    overdue_after_min: Mapped[int] = mapped_column(Integer)
    discharge_min_aldrete: Mapped[int] = mapped_column(Integer)
    limits_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AlarmRow(Base):
    __tablename__ = "alarm"
    __table_args__ = (Index("ix_alarm_session_raised", "session_id", "raised_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("infusion_session.id"))
    vitals_id: Mapped[int] = mapped_column(ForeignKey("vitals_set.id"))
    tier: Mapped[str] = mapped_column(String(12))
    messages: Mapped[str] = mapped_column(Text)  # one a line
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(120), default="")  # up to five, "; "
    note: Mapped[str] = mapped_column(Text, default="")
    acknowledged_by_user: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class AssessmentRow(Base):
    __tablename__ = "assessment"
    __table_args__ = (Index("ix_assessment_session_at", "session_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("infusion_session.id"))
    kind: Mapped[str] = mapped_column(String(20))
    score: Mapped[int] = mapped_column(Integer)
    items: Mapped[str] = mapped_column(String(60), default="")  # "0,1,2,..." for itemised
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # 0007


class MedicationRow(Base):
    __tablename__ = "medication_given"
    __table_args__ = (Index("ix_medication_given_session_at", "session_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("infusion_session.id"))
    drug: Mapped[str] = mapped_column(String(120))
    dose: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20))
    route: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # 0007


class FormularyRow(Base):
    """The clinic's list of drugs and interventions (no doses)."""

    __tablename__ = "formulary_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    drug: Mapped[str] = mapped_column(String(120), unique=True)
    unit: Mapped[str] = mapped_column(String(20))
    route: Mapped[str] = mapped_column(String(40))


class SettingRow(Base):
    """Clinic-wide settings as text (chair count, clinic name)."""

    __tablename__ = "clinic_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AddendumRow(Base):
    """A correction to a signed session: never edited, never deleted."""

    __tablename__ = "addendum"
    __table_args__ = (Index("ix_addendum_session_at", "session_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("infusion_session.id"))
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    author_user: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # 0007
    # signed like the session (0012): the meaning and the digest of what was signed
    meaning: Mapped[str] = mapped_column(String(40), default="", server_default="")
    digest: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # the structured item it corrects, after sign-off (revision 0008); "" / None: none
    corrects_kind: Mapped[str] = mapped_column(String(20), server_default="", default="")
    corrects_id: Mapped[int | None] = mapped_column(Integer)


class CorrectionRow(Base):
    """An entry of a session marked entered in error or an artifact, or a recheck's link
    to the reading it replaces (revision 0008). Never edited, never deleted: the entry it
    names stays as it was (``monitor.corrections``)."""

    __tablename__ = "entry_correction"
    __table_args__ = (Index("ix_entry_correction_session_id", "session_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("infusion_session.id"))
    entry_kind: Mapped[str] = mapped_column(String(20))  # vitals, side_effect, medication...
    entry_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))  # entered_in_error, artifact, recheck
    reason: Mapped[str] = mapped_column(Text, default="")
    recheck_of: Mapped[int | None] = mapped_column(Integer)  # a recheck: the set replaced
    made_at: Mapped[datetime] = mapped_column(UTCDateTime)
    made_by: Mapped[str] = mapped_column(String(120), default="")  # the printed name
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))  # the user


# --- accounts, signatures and the audit trail (revision 0007) -------------------------


class UserRow(Base):
    """A staff member. Password and PIN are argon2id hashes (``db.passwords``)."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    printed_name: Mapped[str] = mapped_column(String(78))
    credentials: Mapped[str] = mapped_column(String(40), default="")
    roles: Mapped[str] = mapped_column(String(60))  # "admin,nurse"
    password_hash: Mapped[str] = mapped_column(String(200))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SignatureRow(Base):
    """A session's signature (21 CFR 11.50): who, when, what it means, and the digest of
    the content signed. Never updated; the session row's ``signed_at`` locks it."""

    __tablename__ = "session_signature"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("infusion_session.id"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    printed_name: Mapped[str] = mapped_column(String(78))
    credentials: Mapped[str] = mapped_column(String(40))
    meaning: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    digest: Mapped[str] = mapped_column(String(64))
    parts_json: Mapped[str] = mapped_column(Text)  # each part's digest: says what changed


class CredentialRow(Base):
    """A credential an admin issued for the command line (0012): only the SHA-256 of its
    random token is kept, so the database alone cannot act as anyone."""

    __tablename__ = "cli_credential"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    token_hash: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[int] = mapped_column(Integer)  # the admin (0: the system)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # when it stops working (0016); None: issued before credentials expired
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AuditRow(Base):
    """One audit entry: append-only (a trigger refuses UPDATE and DELETE) and chained, each
    ``hash`` covering the entry and the previous ``hash`` (``monitor.audit``)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_table_row", "table_name", "row_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    user_id: Mapped[int] = mapped_column(Integer)  # no foreign key: entries outlive users
    username: Mapped[str] = mapped_column(String(40))
    workstation: Mapped[str] = mapped_column(String(120))
    os_user: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40), index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(40))
    before_json: Mapped[str] = mapped_column(Text)
    after_json: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


# --- treatment courses (revision 0009) -------------------------------------------------


class CourseRow(Base):
    """A named, dated course of sessions (``monitor.treatment_course``)."""

    __tablename__ = "treatment_course"
    __table_args__ = (Index("ix_treatment_course_patient_started", "patient_id",
                            "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class CourseSessionRow(Base):
    """A session put in a course by hand (otherwise its dates decide)."""

    __tablename__ = "course_session"

    session_id: Mapped[int] = mapped_column(ForeignKey("infusion_session.id"),
                                            primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("treatment_course.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


# --- bedside monitors (issue 12, rev 0010) ----------------------------------------------


class DeviceRow(Base):
    """A monitor that has sent results, by the id it sends (OBX-18, MSH-3 or MSH-4)."""

    __tablename__ = "device"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_key: Mapped[str] = mapped_column(String(120), unique=True)
    location: Mapped[str] = mapped_column(String(120), default="")  # PV1-3 when sent
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeviceBindingRow(Base):
    """A monitor assigned to a chair from ``bound_at`` until ``unbound_at`` (open while
    bound). Rows are never deleted: who bound what when stays on record."""

    __tablename__ = "device_binding"
    __table_args__ = (Index("ix_device_binding_device_unbound", "device_id", "unbound_at"),
                      # the board's once-a-second read of the bindings open now (0014)
                      Index("ix_device_binding_open", "unbound_at", "chair"))

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("device.id"))
    chair: Mapped[str] = mapped_column(String(20))
    bound_at: Mapped[datetime] = mapped_column(UTCDateTime)
    unbound_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # who bound it (stamped by db.audit_hook); who unbound it is in the audit trail
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # "assigned" (a person, by the device id) or "point of care" (the listener, by PV1-3)
    how: Mapped[str] = mapped_column(String(20), default="assigned",
                                     server_default="assigned")
    # a person ended it (Unassign): the point of care does not bind the monitor again
    unassigned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class DeviceObservationRow(Base):
    """One observation time of one message as received: the message text raw (never
    edited), the values read from it, the chair its monitor was bound to then. A resent
    message (same device, MSH-10 and observation time) is stored once."""

    __tablename__ = "device_observation"
    __table_args__ = (
        UniqueConstraint("device_id", "control_id", "observed_at",
                         name="uq_device_observation_message_time"),
        Index("ix_device_observation_chair_observed", "chair", "observed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("device.id"))
    control_id: Mapped[str] = mapped_column(String(199))  # MSH-10
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    chair: Mapped[str | None] = mapped_column(String(20))  # bound then; None when unbound
    values_json: Mapped[str] = mapped_column(Text)  # {"sbp": 120, ...}; {} for none
    message: Mapped[str] = mapped_column(Text)  # as received (decoded)
    notes: Mapped[str] = mapped_column(Text, default="")  # why parts were not used


class DeviceArtifactRow(Base):
    """The nurse's word that an observation is an artifact (movement, probe off): kept
    beside the observation, which itself is never edited."""

    __tablename__ = "device_artifact"

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int] = mapped_column(ForeignKey("device_observation.id"),
                                                unique=True)
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
