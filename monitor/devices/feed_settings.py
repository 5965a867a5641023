"""The monitor feed's settings, from the clinic's settings (text, like the others).

Off by default; loopback by default, so that nothing on the network reaches it until a
clinic opens it on purpose; port 2575 is the port IANA registered for HL7 over MLLP. The
silence before a disconnect alert is a Chairside default (docs/clinical-defaults.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from monitor.devices.codes import parse_local_codes
from monitor.devices.points_of_care import parse_points_of_care

DEFAULTS = {
    "monitor_feed": "off",
    "monitor_feed_host": "127.0.0.1",
    "monitor_feed_port": "2575",
    "monitor_silence_seconds": "60",
    "monitor_local_codes": "",
    "monitor_points_of_care": "",
}

# the listener re-reads the vendor code and point-of-care tables this often (seconds): an
# admin's edit applies to the next message without a restart, at two small reads a period
TABLES_EVERY_S = 2.0


@dataclass(frozen=True)
class FeedSettings:
    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = 2575
    silence_seconds: int = 60
    local_codes: dict[tuple[str, str], str] | None = None
    points_of_care: dict[str, str] | None = None  # PV1-3 → chair

    @property
    def tables(self) -> Tables:
        return Tables(self.local_codes or {}, self.points_of_care or {})

    @classmethod
    def read(cls, setting: Callable[[str], str]) -> FeedSettings:
        def number(key: str) -> int:
            try:
                return int(setting(key))
            except ValueError:
                return int(DEFAULTS[key])
        return cls(enabled=setting("monitor_feed").strip().lower() == "on",
                   host=setting("monitor_feed_host").strip() or DEFAULTS["monitor_feed_host"],
                   port=number("monitor_feed_port"),
                   silence_seconds=number("monitor_silence_seconds"),
                   local_codes=parse_local_codes(setting("monitor_local_codes")),
                   points_of_care=parse_points_of_care(setting("monitor_points_of_care")))


@dataclass(frozen=True)
class Tables:
    """The two clinic-editable tables the listener reads each message with; re-read
    while it runs (``db.feed_tables``), so an admin's edit needs no restart."""

    local_codes: dict[tuple[str, str], str]
    points_of_care: dict[str, str]

    @classmethod
    def read(cls, setting: Callable[[str], str]) -> Tables:
        return cls(parse_local_codes(setting("monitor_local_codes")),
                   parse_points_of_care(setting("monitor_points_of_care")))


def checked(enabled: bool, host: str, port: str, silence: str,
            local_codes: str, points_of_care: str) -> dict[str, str]:
    """The settings as stored, from what an admin typed; ``InvalidEntry`` naming the
    field when one cannot be used (nothing is stored then)."""
    from monitor.devices.codes import LocalCodeProblem
    from monitor.devices.points_of_care import PointOfCareProblem
    from monitor.errors import InvalidEntry

    host = host.strip()
    if not host or any(c.isspace() for c in host) or len(host) > 253:
        raise InvalidEntry("Type the address to listen on (127.0.0.1 for this computer "
                           "only).", "monitor_feed_host")
    if not port.strip().isdigit() or not 1 <= int(port) <= 65535:
        raise InvalidEntry("The port is a number from 1 to 65535 (HL7's is 2575).",
                           "monitor_feed_port")
    if not silence.strip().isdigit() or not 5 <= int(silence) <= 3600:
        raise InvalidEntry("The silence before the alert is 5–3600 seconds.",
                           "monitor_silence_seconds")
    try:
        parse_local_codes(local_codes)
    except LocalCodeProblem as problem:
        raise InvalidEntry(str(problem), "monitor_local_codes") from problem
    try:
        parse_points_of_care(points_of_care)
    except PointOfCareProblem as problem:
        raise InvalidEntry(str(problem), "monitor_points_of_care") from problem
    return {"monitor_feed": "on" if enabled else "off", "monitor_feed_host": host,
            "monitor_feed_port": str(int(port)),
            "monitor_silence_seconds": str(int(silence)),
            "monitor_local_codes": local_codes.strip(),
            "monitor_points_of_care": points_of_care.strip()}
