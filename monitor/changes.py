"""What one stored entry changed in a session, as the services report it.

Every service call that stores something into a session reports a ``Change`` to the
listeners it was given (the UI's clinic state), which fold it into the records on
screen with ``SessionRecord.apply``: one path for every entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from monitor.alarms import Alarm
from monitor.assessments import Assessment
from monitor.corrections import Correction
from monitor.medications import MedicationGiven
from monitor.records import InfusionSession
from monitor.review import Addendum
from monitor.side_effects import SideEffect
from monitor.timeline import SessionEvent
from monitor.vitals import VitalsSet

Entry = (VitalsSet | SideEffect | SessionEvent | Assessment | MedicationGiven | Alarm
         | Addendum | Correction)


@dataclass(frozen=True)
class Change:
    """session_id: the session changed.
    entry: the entry stored (an acknowledged alarm replaces the open one), if any.
    session: the session as it now stands, when the entry moved it on (a phase change,
        readiness for discharge, a signature); None when only an entry was added.
    """

    session_id: int
    entry: Entry | None = None
    session: InfusionSession | None = None


Listener = Callable[[Change], None]


class ChangeFeed:
    """The listeners a service tells about every change it stored."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def report(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)
