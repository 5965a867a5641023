"""Monitors: devices seen, bindings to chairs, raw observations.

``store`` is the listener's (many messages, one transaction: the ACKs wait for its
commit); the rest are the screens'. A resent message is recognised by the unique key
(device, MSH-10, observation time) and stored once: ON CONFLICT DO NOTHING on SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from db.failures import Failure, explain
from db.models import DeviceArtifactRow, DeviceBindingRow, DeviceObservationRow, DeviceRow
from db.storage import Storage, unavailable
from monitor.devices.board_feed import ChairFeed
from monitor.devices.points_of_care import chair_at
from monitor.devices.records import Device, DeviceObservation, ToStore
from monitor.errors import InvalidEntry, NotFound, StorageUnavailable

OBSERVATIONS = cast(Table, DeviceObservationRow.__table__)
DEVICES = cast(Table, DeviceRow.__table__)
BINDINGS = cast(Table, DeviceBindingRow.__table__)
SEEN_EVERY = timedelta(seconds=1)
# the listener's statements, built once: building one and computing its cache key cost
# about as much as running it (a commit runs them for every batch)
_BOUND_NOW = select(BINDINGS.c.device_id, BINDINGS.c.chair, BINDINGS.c.how).where(
    BINDINGS.c.unbound_at.is_(None))
_INSERT = {"sqlite": sqlite.insert(OBSERVATIONS).on_conflict_do_nothing(),
           "postgresql": postgresql.insert(OBSERVATIONS).on_conflict_do_nothing()}
_SEEN = (update(DEVICES).where(DEVICES.c.id == bindparam("key"))
         .values(last_seen_at=bindparam("at")))
_LONG_AGO = datetime(1970, 1, 1, tzinfo=timezone.utc)
_NO_TIME = _LONG_AGO  # observed_at of a value-less message that carries no time
ASSIGNED, POINT_OF_CARE = "assigned", "point of care"  # device_binding.how
_OPEN_FEEDS = (select(BINDINGS.c.chair, DEVICES.c.device_key, DEVICES.c.last_seen_at)
               .join(DEVICES, DEVICES.c.id == BINDINGS.c.device_id)
               .where(BINDINGS.c.unbound_at.is_(None)))


class DeviceRepository:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self._ids: dict[str, int] = {}  # device key → id (rows are never deleted)
        self._written: dict[int, datetime] = {}  # device → last_seen_at last written
        # the clinic's PV1-3 → chair table (the listener keeps it current)
        self.points_of_care: dict[str, str] = {}

    # --- the listener ---------------------------------------------------------------

    def store(self, messages: list[ToStore], received_at: datetime) -> None:
        """Every message's observations in one transaction (raises if not committed).

        Core statements, not ORM units of work: this runs for every message a monitor
        sends. A device's ``last_seen_at`` is written at most once a second (the screens
        say "n s ago"), not once a message.
        """
        insert = _INSERT["sqlite" if self.storage.is_sqlite else "postgresql"]
        with self.storage.transaction() as s:
            chairs, by_place = self._bound_chairs(s)
            rows: list[dict[str, object]] = []
            seen: dict[int, datetime] = {}
            new: dict[str, int] = {}
            for item in messages:
                report = item.report
                device = self._device_id(s, report.device_id, report.location,
                                         received_at, new)
                seen[device] = received_at
                if self.points_of_care and (device not in chairs or device in by_place):
                    self._follow_point_of_care(s, device, report.location, received_at,
                                               chairs, by_place)
                notes = "\n".join(report.skipped)
                # a message without values is kept raw at MSH-7; one without any time
                # at a fixed one, so that its resend is still recognised (MSH-10)
                times = [(x.observed_at, x.values) for x in report.sets] or [
                    (item.sent_at or _NO_TIME, {})]
                for at, values in times:
                    rows.append(dict(device_id=device, control_id=report.control_id[:199],
                                     observed_at=at, received_at=received_at,
                                     chair=chairs.get(device), values_json=json.dumps(values),
                                     message=item.message, notes=notes))
            conn = s.connection()
            if rows:
                conn.execute(insert, rows)
            stale = {d: at for d, at in seen.items()
                     if at - self._written.get(d, _LONG_AGO) >= SEEN_EVERY}
            if stale:
                conn.execute(_SEEN, [{"key": d, "at": at} for d, at in stale.items()])
        self._ids.update(new)  # only once committed: a rolled-back id is no id
        self._written.update(stale)

    def _device_id(self, s: Session, key: str, location: str, at: datetime,
                   new: dict[str, int]) -> int:
        known = self._ids.get(key) or new.get(key)
        if known is None:
            row = s.scalars(select(DeviceRow).where(DeviceRow.device_key == key)).first()
            if row is None:
                row = DeviceRow(device_key=key, location=location, first_seen_at=at,
                                last_seen_at=at)
                s.add(row)
                s.flush()
            new[key] = known = row.id
        return known

    def _bound_chairs(self, s: Session) -> tuple[dict[int, str], set[int]]:
        """Device → chair while bound, and the devices bound by their point of care."""
        rows = s.connection().execute(_BOUND_NOW)
        chairs: dict[int, str] = {}
        by_place: set[int] = set()
        for device, chair, how in rows:
            chairs[device] = chair
            if how == POINT_OF_CARE:
                by_place.add(device)
        return chairs, by_place

    def _follow_point_of_care(self, s: Session, device: int, location: str, at: datetime,
                              chairs: dict[int, str], by_place: set[int]) -> None:
        """Binds an unbound monitor to the chair its PV1-3 names (or moves one bound so
        when its PV1-3 now names another chair): only to a chair no monitor is bound to,
        never back to a chair a person unassigned it from. A person's binding wins."""
        chair = chair_at(location, self.points_of_care)
        if chair is None or chairs.get(device) == chair or chair in chairs.values():
            return
        last = s.scalars(select(DeviceBindingRow).where(DeviceBindingRow.device_id == device)
                         .order_by(DeviceBindingRow.id.desc()).limit(1)).first()
        if last is not None and last.unassigned and last.chair == chair:
            return
        if last is not None and last.unbound_at is None:
            last.unbound_at = at  # its point of care moved it
        s.add(DeviceBindingRow(device_id=device, chair=chair, bound_at=at, how=POINT_OF_CARE))
        s.flush()
        chairs[device] = chair
        by_place.add(device)

    # --- the screens ----------------------------------------------------------------

    def devices(self) -> list[Device]:
        with self.storage.transaction() as s:
            bound = {b.device_id: b for b in s.scalars(
                select(DeviceBindingRow).where(DeviceBindingRow.unbound_at.is_(None)))}
            return [_device(row, bound.get(row.id))
                    for row in s.scalars(select(DeviceRow).order_by(DeviceRow.id))]

    def chair_feeds(self) -> dict[str, ChairFeed]:
        """Each chair with a monitor bound now: the monitor and when it last sent. The
        board's once-a-second read: the open bindings (an index) and their devices (by
        key), never the observations; on a plain connection, not an ORM session (a third
        of the time: the board's refresh has 5 ms in all, bench/board.py)."""
        try:
            with self.storage.engine.connect() as conn:
                rows = conn.execute(_OPEN_FEEDS).all()
        except DBAPIError as error:
            raise unavailable(error) or StorageUnavailable(explain(Failure.OTHER)) from error
        return {chair: ChairFeed(key, seen) for chair, key, seen in rows}

    def bind(self, device_id: int, chair: str, at: datetime) -> Device:
        """Binds a monitor to a chair; whatever either was bound to before is unbound."""
        with self.storage.transaction() as s:
            row = s.get(DeviceRow, device_id)
            if row is None:
                raise NotFound(f"No monitor with id {device_id}.")
            if not chair.strip() or len(chair) > 20:
                raise InvalidEntry("Choose a chair for the monitor.", "chair")
            for old in s.scalars(select(DeviceBindingRow).where(
                    DeviceBindingRow.unbound_at.is_(None),
                    (DeviceBindingRow.device_id == device_id)
                    | (DeviceBindingRow.chair == chair))):
                old.unbound_at = at
            binding = DeviceBindingRow(device_id=device_id, chair=chair, bound_at=at,
                                       how=ASSIGNED)
            s.add(binding)
            s.flush()
            return _device(row, binding)

    def unbind(self, device_id: int, at: datetime) -> None:
        with self.storage.transaction() as s:
            for old in s.scalars(select(DeviceBindingRow).where(
                    DeviceBindingRow.device_id == device_id,
                    DeviceBindingRow.unbound_at.is_(None))):
                old.unbound_at = at
                old.unassigned = True  # a person's word: PV1-3 does not bind it back here

    def observations(self, chair: str | None = None, since: datetime | None = None,
                     after_id: int = 0, limit: int = 5000) -> list[DeviceObservation]:
        """Observations with values, oldest first: of one chair from ``since``, and/or
        newer than ``after_id`` (the screens poll with the last id they saw)."""
        q = (select(DeviceObservationRow, DeviceRow.device_key, DeviceArtifactRow.id)
             .join(DeviceRow, DeviceRow.id == DeviceObservationRow.device_id)
             .outerjoin(DeviceArtifactRow,
                        DeviceArtifactRow.observation_id == DeviceObservationRow.id)
             .where(DeviceObservationRow.id > after_id,
                    DeviceObservationRow.values_json != "{}"))
        if chair is not None:
            q = q.where(DeviceObservationRow.chair == chair)
        if since is not None:
            q = q.where(DeviceObservationRow.observed_at >= since)
        q = q.order_by(DeviceObservationRow.id).limit(limit)
        with self.storage.transaction() as s:
            return [_observation(row, key, mark is not None) for row, key, mark in s.execute(q)]

    def observation(self, observation_id: int) -> DeviceObservation:
        found = [o for o in self.observations(after_id=observation_id - 1, limit=1)
                 if o.id == observation_id]
        if not found:
            raise NotFound(f"No monitor observation with id {observation_id}.")
        return found[0]

    def mark_artifacts(self, observation_ids: list[int], at: datetime) -> None:
        """The nurse's word that these observations are artifacts (once each)."""
        with self.storage.transaction() as s:
            marked = set(s.scalars(select(DeviceArtifactRow.observation_id).where(
                DeviceArtifactRow.observation_id.in_(observation_ids))))
            for oid in observation_ids:
                if oid not in marked:
                    if s.get(DeviceObservationRow, oid) is None:
                        raise NotFound(f"No monitor observation with id {oid}.")
                    s.add(DeviceArtifactRow(observation_id=oid, marked_at=at))

    def last_id(self) -> int:
        with self.storage.transaction() as s:
            return s.scalar(select(DeviceObservationRow.id)
                            .order_by(DeviceObservationRow.id.desc()).limit(1)) or 0


def _device(row: DeviceRow, binding: DeviceBindingRow | None) -> Device:
    return Device(row.id, row.device_key, row.location, row.last_seen_at,
                  binding.chair if binding else None, binding.bound_at if binding else None,
                  binding.how if binding else "")


def _observation(row: DeviceObservationRow, key: str, artifact: bool) -> DeviceObservation:
    values = {k: float(v) for k, v in json.loads(row.values_json).items()}
    return DeviceObservation(row.id, row.device_id, key, row.chair, row.observed_at,
                             row.received_at, values, artifact)
