"""One received frame → what to do with it: store a report, or reply without storing.

The listener stores ``report`` (when there is one) and then replies with ``outcome``
(STORED, or NOT_STORABLE when the commit fails); ``reject`` already carries the outcome
of a message that is not stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from monitor.devices.ack import Outcome
from monitor.devices.message import Header, Received, Unreadable, read
from monitor.devices.reading import DeviceReport, read_report


@dataclass(frozen=True)
class Understood:
    header: Header | None
    text: str  # the message as received (decoded), for storage and the log
    encoding: str
    report: DeviceReport | None = None  # to store
    outcome: Outcome | None = None  # when not to store: the reply's outcome
    reason: str = ""

    @property
    def is_ack(self) -> bool:
        return self.header is not None and self.header.message_type == "ACK"


def understand(raw: bytes, tz: tzinfo | None = None,
               local: dict[tuple[str, str], str] | None = None) -> Understood:
    try:
        received = read(raw)
    except Unreadable as problem:
        text = raw.decode("latin-1")
        return Understood(None, text, "latin-1", outcome=Outcome.REJECTED,
                          reason=f"Not HL7 v2: {problem}")
    return _decide(received, tz, local)


def _decide(received: Received, tz: tzinfo | None,
            local: dict[tuple[str, str], str] | None) -> Understood:
    h = received.header

    def refuse(outcome: Outcome, reason: str) -> Understood:
        return Understood(h, received.text, received.encoding, outcome=outcome,
                          reason=reason)

    if h.message_type == "ACK":
        return refuse(Outcome.STORED, "an ACK: never acknowledged")
    if not h.message_type:
        return refuse(Outcome.REJECTED, "MSH-9 (message type) is missing")
    if h.message_type != "ORU":
        return refuse(Outcome.REJECTED, f"{h.message_type} is not an observation result")
    if not h.control_id:
        return refuse(Outcome.NOT_STORABLE, "MSH-10 (message control id) is missing")
    if len(received.segments("PID")) > 1:  # a gateway's several beds in one message
        return refuse(Outcome.NOT_STORABLE, "more than one patient (PID) in one message: "
                      "not stored, lest one chair be given another's values")
    report = read_report(received, tz, local)
    if not report.device_id:
        return refuse(Outcome.NOT_STORABLE, "no device id (MSH-3, MSH-4 or OBX-18)")
    return Understood(h, received.text, received.encoding, report=report)
