"""A monitor's side of MLLP, on python-hl7's own client (``hl7.mllp``): send a message,
wait for its ACK. The simulator and the tests use it, so the listener is always spoken to
by a real, independent HL7 client."""

from __future__ import annotations

import asyncio
import contextlib

from hl7.mllp import open_hl7_connection

ENCODING = "utf-8"  # set explicitly: python-hl7's default is ASCII


class MonitorConnection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, host: str, port: int) -> MonitorConnection:
        reader, writer = await open_hl7_connection(host, port, encoding=ENCODING)
        return cls(reader, writer)

    async def send(self, message: str, timeout: float = 10.0) -> str:
        """Sends one message; returns the ACK's text."""
        self.writer.writeblock(message.encode(ENCODING))  # type: ignore[attr-defined]
        await self.writer.drain()
        block = await asyncio.wait_for(self.reader.readblock(),  # type: ignore[attr-defined]
                                       timeout)
        return bytes(block).decode(ENCODING)

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(ConnectionError):
            await self.writer.wait_closed()


def ack_code(ack: str) -> str:
    """MSA-1 of an ACK's text ('' if it has none)."""
    for segment in ack.replace("\n", "\r").split("\r"):
        if segment.startswith("MSA") and len(segment) > 4:
            return segment.split(segment[3])[1]
    return ""
