"""The monitor feed in the session service: binding monitors to chairs, their values
for the charts, and the nurse validating the latest set into the record.

A session's device values are those stored while a monitor was bound to its chair, from
the session's opening to its discharge. A validated set goes through ``record_vitals``
like a typed one (plausibility, alarm flags, schedule, discharge), with the monitor as
its source, the monitor's time as its time, and the signed-in nurse as who entered it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from monitor.clock import Clock
from monitor.devices.board_feed import ChairFeed
from monitor.devices.edits import device_edits
from monitor.devices.latest import MonitorSet, latest_set
from monitor.devices.records import Device, DeviceObservation
from monitor.errors import InvalidEntry
from monitor.records import InfusionSession
from monitor.vitals import VitalsSet, VitalsValues


class DeviceStore(Protocol):
    def devices(self) -> list[Device]: ...
    def bind(self, device_id: int, chair: str, at: datetime) -> Device: ...
    def unbind(self, device_id: int, at: datetime) -> None: ...
    def observations(self, chair: str | None = None, since: datetime | None = None,
                     after_id: int = 0, limit: int = 5000) -> list[DeviceObservation]: ...
    def last_id(self) -> int: ...
    def chair_feeds(self) -> dict[str, ChairFeed]: ...
    def mark_artifacts(self, observation_ids: list[int], at: datetime) -> None: ...


class DeviceActions:
    """Mixed into ``SessionService`` (its repository, clock and ``record_vitals``)."""

    _repo: Any
    clock: Clock

    if TYPE_CHECKING:  # SessionService's own
        def record_vitals(self, session_id: int, values: VitalsValues,
                          taken_at: datetime | None = None,
                          source: str = "manual", recheck_of: int | None = None,
                          by: str = "", device_edits: str = "") -> VitalsSet: ...

    @property
    def _devices(self) -> DeviceStore:
        store: DeviceStore = self._repo.devices
        return store

    def monitors(self) -> list[Device]:
        """Every monitor seen, bound ones with their chair (unbound: to be assigned)."""
        return self._devices.devices()

    def bind_monitor(self, device_id: int, chair: str) -> Device:
        return self._devices.bind(device_id, chair, self.clock.now())

    def unbind_monitor(self, device_id: int) -> None:
        self._devices.unbind(device_id, self.clock.now())

    def monitor_values(self, session_id: int, after_id: int = 0) -> list[DeviceObservation]:
        """The session's device values (its chair's, since it opened), newer than
        ``after_id``."""
        session: InfusionSession = self._repo.sessions.get_session(session_id)
        found = self._devices.observations(session.chair, session.created_at, after_id)
        end = session.discharged_at
        return [o for o in found if end is None or o.observed_at <= end]

    def chair_monitor_values(self, chair: str, since: datetime,
                             after_id: int = 0) -> list[DeviceObservation]:
        """A chair's device values from ``since`` (a session's opening) newer than
        ``after_id``: the screens' poll, which holds the session already and so reads
        nothing of it again."""
        return self._devices.observations(chair, since, after_id)

    def monitor_feeds(self) -> dict[str, ChairFeed]:
        """Each chair's bound monitor and when it last sent (the board, once a second)."""
        return self._devices.chair_feeds()

    def monitor_feed_position(self) -> int:
        """The newest device observation's id (the screens poll from it)."""
        return self._devices.last_id()

    def new_monitor_values(self, after_id: int) -> list[DeviceObservation]:
        """Every chair's values newer than ``after_id`` (the screens' poll)."""
        return self._devices.observations(after_id=after_id)

    def latest_monitor_set(self, session_id: int) -> MonitorSet | None:
        return latest_set(self.monitor_values(session_id))

    def _monitor_set_of(self, session_id: int, observation_ids: list[int]) -> MonitorSet:
        """The set made of these observations of the session (none marked since)."""
        chosen = set(observation_ids)
        found = latest_set(o for o in self.monitor_values(session_id) if o.id in chosen)
        if found is None or set(found.observation_ids) != chosen:
            raise InvalidEntry("That monitor set is no longer this chair's to validate (it "
                               "was marked as an artifact, or the session ended). Nothing "
                               "was saved.")
        return found

    def mark_monitor_artifact(self, session_id: int) -> MonitorSet:
        """Marks the latest monitor set as an artifact (movement, probe off): it stays
        stored and drawn, and is never validated; the set before it becomes the latest.
        Returns the set marked."""
        latest = self.latest_monitor_set(session_id)
        if latest is None:
            raise InvalidEntry("No monitor values for this chair yet: nothing to mark.")
        self._devices.mark_artifacts(list(latest.observation_ids), self.clock.now())
        return latest

    def validate_monitor_set(self, session_id: int,
                             edits: dict[str, float | None] | None = None,
                             observation_ids: list[int] | None = None) -> VitalsSet:
        """Records the latest monitor set (with the nurse's edits) as the session's
        vitals set; what she changed is stored with it (``monitor.devices.edits``).

        ``observation_ids``: the set she opened to edit (its ``observation_ids``). That
        set is validated even when newer values arrived meanwhile (a monitor reports every
        few seconds): her edits apply to the values she saw, never to others."""
        if observation_ids is None:
            latest = self.latest_monitor_set(session_id)
        else:
            latest = self._monitor_set_of(session_id, observation_ids)
        if latest is None:
            raise InvalidEntry("No monitor values for this chair yet: nothing to validate.")
        values = latest.vitals(edits)
        return self.record_vitals(session_id, values, latest.taken_at, source=latest.source,
                                  device_edits=device_edits(latest, values))
