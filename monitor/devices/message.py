"""An HL7 v2 message as received, parsed with python-hl7 after the repairs devices need.

python-hl7 parses well but trusts its input: it wants str, CR segment ends and an MSH
first. Here the bytes are decoded with an explicit encoding (UTF-8, else Latin-1, which
decodes any byte: a monitor's accented patient name never stops the feed), LF and CRLF
segment ends become CR, and the delimiters come from MSH-1/MSH-2 as the sender declared
them. Anything that still cannot be read raises ``Unreadable`` with a reason for the log
and the ACK; nothing else escapes.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any

import hl7

ENCODINGS = ("utf-8", "latin-1")  # the second decodes any byte


class Unreadable(ValueError):
    """Not an HL7 v2 message we can read (no MSH, broken delimiters…)."""


@dataclass(frozen=True)
class Header:
    """MSH, as the ACK and the storage need it (components joined by '^')."""

    field_separator: str
    encoding_characters: str
    sending_application: str  # MSH-3
    sending_facility: str  # MSH-4
    sent_at: str  # MSH-7, as sent
    message_type: str  # MSH-9.1 (ORU, ACK…)
    trigger: str  # MSH-9.2 (R01, W01…)
    control_id: str  # MSH-10
    processing_id: str  # MSH-11 (P, or D/T in demo and training)
    version: str  # MSH-12
    accept_ack: str  # MSH-15
    application_ack: str  # MSH-16


@dataclass(frozen=True)
class Received:
    """The text as repaired and the parsed message."""

    text: str
    encoding: str
    header: Header
    message: Any  # hl7.Message (python-hl7 ships no types)

    def segments(self, name: str) -> list[Any]:
        return [s for s in self.message if component(s, 0) == name]


def decode(raw: bytes) -> tuple[str, str]:
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def normalise(text: str) -> str:
    """CR segment ends, no blank segments, no leading noise before MSH."""
    text = text.replace("\r\n", "\r").replace("\n", "\r")
    start = text.find("MSH")
    if start < 0:
        raise Unreadable("no MSH segment")
    lines = [line for line in text[start:].split("\r") if line.strip()]
    return "\r".join(lines)


def read(raw: bytes) -> Received:
    """Bytes of one frame → a parsed message, or ``Unreadable``."""
    text, encoding = decode(raw)
    text = normalise(text.replace("\x00", ""))
    if len(text) < 8 or text[3] in "\r^~\\&" or text[3].isalnum():
        raise Unreadable("MSH-1/MSH-2 (the delimiters) are missing or broken")
    try:
        with warnings.catch_warnings():
            # python-hl7 logs bad escapes with logging.warn (deprecated): not our fault
            warnings.simplefilter("ignore", DeprecationWarning)
            message = hl7.parse(text, encoding=encoding)
    except Exception as problem:  # python-hl7 raises several kinds on broken input
        raise Unreadable(f"cannot be parsed: {problem}") from problem
    return Received(text, encoding, _header(message, text), message)


def _header(message: Any, text: str) -> Header:
    msh = message[0]
    seps = text[3:text.find(text[3], 4)] if text.find(text[3], 4) > 0 else text[3:8]
    return Header(
        field_separator=text[3],
        encoding_characters=seps[1:],
        sending_application=field_text(msh, 3),
        sending_facility=field_text(msh, 4),
        sent_at=component(msh, 7, 1),
        message_type=component(msh, 9, 1).upper(),
        trigger=component(msh, 9, 2).upper(),
        control_id=component(msh, 10, 1),
        processing_id=component(msh, 11, 1).upper(),
        version=component(msh, 12, 1),
        accept_ack=component(msh, 15, 1).upper(),
        application_ack=component(msh, 16, 1).upper(),
    )


def component(segment: Any, field: int, number: int = 1) -> str:
    """One component of a field's first repetition (first subcomponent), unescaped;
    '' when absent."""
    node: Any = segment[field] if field < len(segment) else ""
    for index in (0, number - 1, 0):  # repetition, component, subcomponent
        if isinstance(node, str):
            return unescape(node, segment) if index == 0 else ""
        node = node[index] if index < len(node) else ""
    return unescape(str(node), segment)


def field_text(segment: Any, field: int) -> str:
    """A whole field's first repetition, its components joined by '^'."""
    parts = [component(segment, field, number) for number in range(1, 10)]
    while parts and not parts[-1]:
        parts.pop()
    return "^".join(parts)


def unescape(text: str, segment: Any) -> str:
    """HL7 escape sequences (\\F\\ \\S\\ \\T\\ \\R\\ \\E\\ \\Xhh\\, formatting ones dropped).

    Written here rather than python-hl7's ``unescape``, which calls the deprecated
    ``logging.warn`` on an empty or character-set sequence (a warning from the feed
    thread on every such message) and logs a traceback on bad hex.
    """
    esc = segment.esc
    if not text or esc not in text:
        return text
    seps = segment.separators  # segment, field, repetition, component, subcomponent
    known = {"F": seps[1], "R": seps[2], "S": seps[3], "T": seps[4], "E": esc}
    out: list[str] = []
    pieces = text.split(esc)
    out.append(pieces[0])
    for i in range(1, len(pieces), 2):
        sequence = pieces[i]
        closed = i + 1 < len(pieces)
        if not closed:  # an unterminated escape: keep it as sent
            out.append(esc + sequence)
            break
        if sequence in known:
            out.append(known[sequence])
        elif sequence[:1] == "X" and re.fullmatch(r"(?:[0-9A-Fa-f]{2})+", sequence[1:]):
            out.append(bytes.fromhex(sequence[1:]).decode("latin-1"))
        elif sequence in (".br", ".sp"):
            out.append(" ")
        out.append(pieces[i + 1])
    return "".join(out)
