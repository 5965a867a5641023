"""An HL7 v2 message as received, after the repairs devices need, split into segments.

The bytes are decoded with an explicit encoding (UTF-8, else Latin-1, which decodes any
byte: a monitor's accented patient name never stops the feed), LF and CRLF segment ends
become CR, and the delimiters come from MSH-1/MSH-2 as the sender declared them.
Anything that still cannot be read raises ``Unreadable`` with a reason for the log and
the ACK; nothing else escapes.

The split follows python-hl7's rules (``hl7.parse``: the same delimiter defaults, the
first repetition and first component when a path goes deeper than the data) and is
checked against it field by field (tests/monitor/devices/test_message_vs_python_hl7.py).
It is not ``hl7.parse`` itself because that builds a container per field, component and
subcomponent: 0.6–0.9 ms a PCD-01 message, which alone would hold one core's feed under
the 2,000 messages a second issue 12 asks for. The ACK, the MLLP client, the simulator and
the tests' checks use python-hl7.
"""

from __future__ import annotations

from dataclasses import dataclass

ENCODINGS = ("utf-8", "latin-1")  # the second decodes any byte


class Unreadable(ValueError):
    """Not an HL7 v2 message we can read (no MSH, broken delimiters…)."""


@dataclass(frozen=True)
class Delimiters:
    field: str = "|"
    component: str = "^"
    repetition: str = "~"
    escape: str = "\\"
    subcomponent: str = "&"


class Segment(list[str]):
    """A segment's fields as sent (still escaped); ``self[n]`` is field n (for MSH too:
    ``self[1]`` is the field separator, ``self[2]`` the encoding characters)."""

    def __init__(self, fields: list[str], delimiters: Delimiters) -> None:
        super().__init__(fields)
        self.delimiters = delimiters
        self._components: dict[int, list[str]] = {}  # field → its first repetition's

    def components(self, field: int) -> list[str]:
        """The first repetition's components, each its first subcomponent, unescaped,
        stripped (split once, then kept: a field is read several times)."""
        found = self._components.get(field)
        if found is None:
            d = self.delimiters
            value = self[field].split(d.repetition, 1)[0]
            if d.escape in value or d.subcomponent in value:
                found = [unescape(part.split(d.subcomponent, 1)[0], d).strip()
                         for part in value.split(d.component)]
            else:  # most fields: nothing to unescape or cut
                found = [part.strip() for part in value.split(d.component)]
            self._components[field] = found
        return found

    def parts(self, field: int, count: int) -> list[str]:
        """``component(self, field, n)`` for n = 1..count at once ('' where absent); not
        for MSH-1/MSH-2."""
        found = self.components(field) if field < len(self) else []
        return (found + [""] * count)[:count]

    @property
    def name(self) -> str:
        return self[0] if self else ""


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
    """The text as repaired, its segments, and its header."""

    text: str
    encoding: str
    header: Header
    message: list[Segment]

    def segments(self, name: str) -> list[Segment]:
        return [s for s in self.message if s.name == name]


def decode(raw: bytes) -> tuple[str, str]:
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def normalise(text: str) -> str:
    """CR segment ends, no blank segments, no leading noise before MSH."""
    text = text.replace("\x00", "").replace("\r\n", "\r").replace("\n", "\r")
    start = text.find("MSH")
    if start < 0:
        raise Unreadable("no MSH segment")
    lines = [line for line in text[start:].split("\r") if line.strip()]
    return "\r".join(lines)


def delimiters(text: str) -> Delimiters:
    """From MSH-1 and MSH-2, with python-hl7's defaults for what is left out."""
    if len(text) < 4 or text[3] in "\r^~\\&" or text[3].isalnum() or text[3].isspace():
        raise Unreadable("MSH-1/MSH-2 (the delimiters) are missing or broken")
    sep = text[3]
    end = text.find(sep, 4)
    enc = text[4:end] if end > 0 else text[4:].split("\r", 1)[0]
    d = Delimiters(sep, enc[0] if len(enc) > 0 else "^", enc[1] if len(enc) > 1 else "~",
                   enc[2] if len(enc) > 2 else "\\", enc[3] if len(enc) > 3 else "&")
    if len({d.field, d.component, d.repetition, d.escape, d.subcomponent, "\r"}) < 6:
        raise Unreadable("MSH-2 declares a delimiter twice")
    return d


def read(raw: bytes) -> Received:
    """Bytes of one frame → a split message, or ``Unreadable``."""
    text, encoding = decode(raw)
    text = normalise(text)
    d = delimiters(text)
    segments = []
    for line in text.split("\r"):
        fields = line.split(d.field)
        if line.startswith("MSH"):
            fields.insert(1, d.field)
        segments.append(Segment(fields, d))
    return Received(text, encoding, _header(segments[0], d), segments)


def _header(msh: Segment, d: Delimiters) -> Header:
    return Header(
        field_separator=d.field,
        encoding_characters=msh[2] if len(msh) > 2 else "",
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


def component(segment: Segment, field: int, number: int = 1) -> str:
    """One component of a field's first repetition (its first subcomponent), unescaped,
    stripped; '' when absent."""
    if field >= len(segment):
        return ""
    if field < 3 and segment[0] == "MSH" and field > 0:
        return segment[field] if number == 1 else ""
    # about a hundred calls a message: the split fields are looked up before calling
    parts = segment._components.get(field) or segment.components(field)
    return parts[number - 1] if number <= len(parts) else ""


def field_text(segment: Segment, field: int) -> str:
    """A whole field's first repetition, its components joined by '^'."""
    if field < 3 and segment.name == "MSH":
        return component(segment, field)
    parts = segment.parts(field, 9)
    while parts and not parts[-1]:
        parts.pop()
    return "^".join(parts)


def unescape(text: str, d: Delimiters) -> str:
    """HL7 escape sequences: \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ and \\Xhh…\\; formatting ones
    (.br, .sp) become a space, others are dropped, an unterminated one is kept as sent."""
    esc = d.escape
    if not text or esc not in text:
        return text
    known = {"F": d.field, "R": d.repetition, "S": d.component, "T": d.subcomponent,
             "E": esc}
    pieces = text.split(esc)
    out = [pieces[0]]
    for i in range(1, len(pieces), 2):
        sequence = pieces[i]
        if i + 1 >= len(pieces):
            out.append(esc + sequence)
            break
        if sequence in known:
            out.append(known[sequence])
        elif sequence[:1] == "X" and len(sequence) % 2 == 1 and _hex(sequence[1:]):
            out.append(bytes.fromhex(sequence[1:]).decode("latin-1"))
        elif sequence in (".br", ".sp"):
            out.append(" ")
        out.append(pieces[i + 1])
    return "".join(out)


def _hex(text: str) -> bool:
    return bool(text) and all(c in "0123456789abcdefABCDEF" for c in text)
