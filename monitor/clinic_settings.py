"""The clinic's settings as the screens read and change them: protocols, the drug list,
the clinic's name and its number of chairs."""

from __future__ import annotations

from monitor.clock import Clock
from monitor.medications import FormularyItem
from monitor.ports import SettingsStore
from monitor.protocol import Protocol


class ClinicSettings:
    def __init__(self, store: SettingsStore, clock: Clock) -> None:
        self._store = store
        self.clock = clock

    def ensure_defaults(self) -> None:
        """A new database gets the default protocol and drug list (idempotent)."""
        self._store.ensure_defaults(self.clock.now())

    def protocols(self) -> list[Protocol]:
        return self._store.protocols()

    def save_protocol(self, protocol: Protocol) -> Protocol:
        """Inserts (id None) or updates a protocol; running sessions keep their copy."""
        return self._store.save_protocol(protocol, self.clock.now())

    def formulary(self) -> list[FormularyItem]:
        return self._store.formulary()

    def set_formulary(self, items: list[tuple[str, str, str]]) -> None:
        self._store.set_formulary(items)

    def chair_count(self) -> int:
        return int(self._store.setting("chair_count"))

    def clinic_name(self) -> str:
        return self._store.setting("clinic_name")

    def setting(self, key: str) -> str:
        return self._store.setting(key)

    def set_setting(self, key: str, value: str) -> None:
        self._store.set_setting(key, value)
