"""The clinic's settings as the screens read and change them: protocols, the drug list,
the clinic's name and its number of chairs."""

from __future__ import annotations

from monitor.clock import Clock
from monitor.errors import InvalidEntry
from monitor.medications import ROUTES, UNITS, FormularyItem
from monitor.ports import SettingsStore
from monitor.protocol import Protocol, check_protocol
from monitor.safety_settings import SafetySettings, check_safety
from monitor.sound_settings import SoundSettings, check_sound
from monitor.text_limits import clean_text


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
        """Inserts (id None) or updates a protocol; running sessions keep their copy.
        Its ranges and texts are checked here, whoever calls."""
        return self._store.save_protocol(check_protocol(protocol), self.clock.now())

    def formulary(self) -> list[FormularyItem]:
        return self._store.formulary()

    def set_formulary(self, items: list[tuple[str, str, str]]) -> None:
        """The drug list: names under the text rule, units and routes from the lists."""
        checked = []
        for drug, unit, route in items:
            if unit not in UNITS or route not in ROUTES:
                raise InvalidEntry(f"{drug}: choose a unit and a route from the lists.",
                                   "drug")
            checked.append((one_line(clean_text("drug", drug)), unit, route))
        self._store.set_formulary(checked)

    def chair_count(self) -> int:
        return int(self._store.setting("chair_count"))

    def clinic_name(self) -> str:
        return self._store.setting("clinic_name")

    def safety(self) -> SafetySettings:
        """The clinic's number ranges, pump resolution and guard tolerances (defaults
        where none is stored)."""
        return SafetySettings.from_text(self._store.setting("safety"))

    def set_safety(self, safety: SafetySettings) -> None:
        self._store.set_setting("safety", check_safety(safety).to_text())

    def sound(self) -> SoundSettings:
        """How alarms sound (tones, volume, repeats, silence); defaults where none stored."""
        return SoundSettings.from_text(self._store.setting("sound"))

    def set_sound(self, sound: SoundSettings) -> None:
        self._store.set_setting("sound", check_sound(sound).to_text())

    def setting(self, key: str) -> str:
        return self._store.setting(key)

    def set_setting(self, key: str, value: str) -> None:
        if key == "clinic_name":  # typed text; the other settings are numbers and paths
            value = one_line(clean_text("clinic_name", value))
        self._store.set_setting(key, value)


def one_line(text: str) -> str:
    """Runs of spaces as one (a name typed with a double space is the same name)."""
    return " ".join(text.split())
