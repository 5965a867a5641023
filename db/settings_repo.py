"""Clinic settings: protocols, the drug list, and simple values (chair count...)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db import convert
from db.models import FormularyRow, ProtocolRow, SettingRow
from db.storage import Storage
from monitor.devices.feed_settings import DEFAULTS as FEED_DEFAULTS
from monitor.errors import InvalidEntry, NotFound
from monitor.medications import DEFAULT_FORMULARY, FormularyItem
from monitor.protocol import DEFAULT_PROTOCOL, Protocol, limits_to_json

# "safety": monitor.safety_settings.SafetySettings as JSON; empty means its defaults
# "sound": monitor.sound_settings.SoundSettings as JSON; empty means its defaults
DEFAULT_SETTINGS = {"chair_count": "4", "clinic_name": "", "safety": "", "sound": "",
                    **FEED_DEFAULTS}  # the monitor feed (issue 12)


class SettingsRepository:
    """Protocols, the drug list and the clinic's simple settings."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def ensure_defaults(self, at: datetime) -> None:
        """A new database gets the default protocol and drug list (idempotent)."""
        with self.storage.transaction() as s:
            if s.scalars(select(ProtocolRow.id).limit(1)).first() is None:
                s.add(_protocol_row(ProtocolRow(), DEFAULT_PROTOCOL, at))
            if s.scalars(select(FormularyRow.id).limit(1)).first() is None:
                s.add_all(FormularyRow(drug=d, unit=u, route=r) for d, u, r in DEFAULT_FORMULARY)

    # --- protocols -----------------------------------------------------------------

    def protocols(self) -> list[Protocol]:
        with self.storage.transaction() as s:
            rows = s.scalars(select(ProtocolRow).order_by(ProtocolRow.id))
            return [convert.protocol(r) for r in rows]

    def save_protocol(self, protocol: Protocol, at: datetime) -> Protocol:
        """Inserts (id None) or updates a protocol; running sessions keep their copy."""
        try:
            with self.storage.transaction() as s:
                row: ProtocolRow | None
                if protocol.id is None:
                    row = ProtocolRow()
                    s.add(row)
                else:
                    row = s.get(ProtocolRow, protocol.id)
                    if row is None:
                        raise NotFound(f"No protocol with id {protocol.id}.")
                _protocol_row(row, protocol, at)
                s.flush()
                return convert.protocol(row)
        except IntegrityError:
            raise InvalidEntry(f"A protocol named {protocol.name!r} already exists.",
                               "name") from None

    # --- drug list -----------------------------------------------------------------

    def formulary(self) -> list[FormularyItem]:
        with self.storage.transaction() as s:
            rows = s.scalars(select(FormularyRow).order_by(FormularyRow.drug))
            return [FormularyItem(r.id, r.drug, r.unit, r.route) for r in rows]

    def set_formulary(self, items: list[tuple[str, str, str]]) -> None:
        """Replaces the clinic's drug list (what was given stays in each session)."""
        try:
            with self.storage.transaction() as s:
                for row in s.scalars(select(FormularyRow)):
                    s.delete(row)
                s.flush()
                s.add_all(FormularyRow(drug=d, unit=u, route=r) for d, u, r in items)
        except IntegrityError:
            names = [d for d, _u, _r in items]
            twice = sorted({d for d in names if names.count(d) > 1})
            raise InvalidEntry(f"A drug is on the list twice: {', '.join(twice)}.",
                               "drug") from None

    # --- simple settings -----------------------------------------------------------

    def setting(self, key: str) -> str:
        with self.storage.transaction() as s:
            row = s.get(SettingRow, key)
            return row.value if row else DEFAULT_SETTINGS[key]

    def set_setting(self, key: str, value: str) -> None:
        with self.storage.transaction() as s:
            row = s.get(SettingRow, key)
            if row is None:
                s.add(SettingRow(key=key, value=value))
            else:
                row.value = value


def _protocol_row(row: ProtocolRow, p: Protocol, at: datetime) -> ProtocolRow:
    row.name, row.drug, row.mg_per_kg = p.name, p.drug, p.mg_per_kg
    row.planned_minutes, row.observation_minutes = p.planned_minutes, p.observation_minutes
    row.vitals_every_infusing_min = p.vitals_every_infusing_min
    row.vitals_every_observation_min = p.vitals_every_observation_min
    row.overdue_after_min, row.discharge_min_aldrete = (p.overdue_after_min,
                                                        p.discharge_min_aldrete)
    row.limits_json, row.updated_at = limits_to_json(p.limits), at
    return row
