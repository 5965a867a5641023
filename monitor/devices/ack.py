"""The reply to a monitor: an HL7 ACK on the same connection, after the message is
committed (or known not to be storable).

Original mode (MSH-15 and MSH-16 empty): one ACK, MSA-1 AA stored, AE understood but
not storable, AR rejected. Enhanced mode: an accept ACK (CA/CE/CR) when MSH-15 asks for
one, an application ACK (AA/AE/AR) when MSH-16 does (AL always, NE never, ER on error,
SU on success). MSA-2 is the message's MSH-10. An ACK is never acknowledged.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from enum import Enum

from monitor.devices.message import Header

APPLICATION = "CHAIRSIDE"
_sequence = itertools.count(1)


class Outcome(str, Enum):
    STORED = "A"  # AA / CA
    NOT_STORABLE = "E"  # AE / CE
    REJECTED = "R"  # AR / CR


def wanted(condition: str, outcome: Outcome) -> bool:
    """MSH-15/16 conditions (HL7 table 0155)."""
    if condition == "NE":
        return False
    if condition == "ER":
        return outcome is not Outcome.STORED
    if condition == "SU":
        return outcome is Outcome.STORED
    return True  # AL, or anything unknown: answering is the safe side


def replies(header: Header | None, outcome: Outcome, text: str, now: datetime) -> list[str]:
    """The ACK messages to send, as text (segments ending in CR); none to an ACK."""
    if header is None:
        return [_ack(None, "A" + outcome.value, text, now)]
    if header.message_type == "ACK":
        return []
    if not header.accept_ack and not header.application_ack:
        return [_ack(header, "A" + outcome.value, text, now)]
    out = []
    if header.accept_ack and wanted(header.accept_ack, outcome):
        out.append(_ack(header, "C" + outcome.value, text, now))
    if header.application_ack and wanted(header.application_ack, outcome):
        out.append(_ack(header, "A" + outcome.value, text, now))
    return out


def _ack(header: Header | None, code: str, text: str, now: datetime) -> str:
    f = header.field_separator if header else "|"
    enc = header.encoding_characters if header else "^~\\&"
    comp = enc[0] if enc else "^"
    h = header
    trigger = h.trigger if h else ""
    msh = [
        "MSH", enc, APPLICATION, "",
        _plain(h.sending_application, comp, f, enc) if h else "",
        _plain(h.sending_facility, comp, f, enc) if h else "",
        now.strftime("%Y%m%d%H%M%S") + now.strftime("%z"),
        "",
        comp.join(["ACK", trigger, "ACK"]) if trigger else "ACK",
        f"CS{now.strftime('%Y%m%d%H%M%S')}{next(_sequence):06d}",
        (h.processing_id or "P") if h else "P",
        (h.version or "2.6") if h else "2.6",
    ]
    control = _escaped(h.control_id, f, enc) if h else ""
    msa = ["MSA", code, control, _plain(text.replace("^", " "), comp, f, enc)]
    return f.join(msh) + "\r" + f.join(msa) + "\r"


def _escaped(value: str, field: str, enc: str) -> str:
    """MSA-2 is MSH-10 exactly as sent: what the sender had escaped is escaped again in
    its own delimiters (\\F\\ \\S\\ \\R\\ \\E\\ \\T\\), so that it matches the ACK to
    the message; line ends, which no escape carries, become spaces."""
    chars = (enc + "^~\\&"[len(enc):])[:4]
    comp, rep, esc, sub = chars[0], chars[1], chars[2], chars[3]
    out = value.replace(esc, f"{esc}E{esc}")
    for ch, code in ((field, "F"), (comp, "S"), (rep, "R"), (sub, "T")):
        out = out.replace(ch, f"{esc}{code}{esc}")
    return out.replace("\r", " ").replace("\n", " ")


def _plain(value: str, comp: str, field: str, enc: str = "^~\\&") -> str:
    """Back into the sender's delimiters: '^'-joined components use its own; any other
    delimiter in the text becomes a space (never a broken ACK)."""
    parts = value.split("^")
    cleaned = []
    for part in parts:
        for ch in (field, "\r", "\n", *enc, "^", "~", "\\", "&"):
            part = part.replace(ch, " ")
        cleaned.append(part)
    return comp.join(cleaned)
