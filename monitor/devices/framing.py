"""MLLP framing: <VT> message <FS><CR> (0x0B … 0x1C 0x0D).

TCP delivers bytes, not messages: one read may hold half a frame or two frames. The
framer keeps what it has not yet framed; bytes outside a frame (line noise, a
keep-alive newline) are dropped. A frame cut off by a disconnect is handed back by
``unterminated`` so that it can be logged, never parsed as if whole.
"""

from __future__ import annotations

START = b"\x0b"
END = b"\x1c\x0d"

# A frame larger than this is not a vital-signs message: drop it rather than hold
# memory for a sender that never ends its frame.
MAX_FRAME_BYTES = 1_000_000


class MllpFramer:
    """Feed it what the socket reads; it returns the complete frames' contents."""

    def __init__(self, max_frame: int = MAX_FRAME_BYTES) -> None:
        self._buffer = bytearray()
        self._max = max_frame
        self.dropped_bytes = 0  # outside any frame, or in an oversized one
        # a frame grew past the limit: its sender will never get an ACK for it, so the
        # connection is closed (the sender reconnects) rather than left silent
        self.overflowed = False

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        frames: list[bytes] = []
        while True:
            start = self._buffer.find(START)
            if start < 0:
                self._drop(len(self._buffer))
                return frames
            if start:
                self._drop(start)
            end = self._buffer.find(END, 1)
            if end < 0:
                if len(self._buffer) > self._max:
                    self._drop(len(self._buffer))
                    self.overflowed = True
                return frames
            body = bytes(self._buffer[1:end])
            del self._buffer[: end + len(END)]
            # a sender that restarted mid-frame: keep only the last start
            restart = body.rfind(START)
            if restart >= 0:
                self.dropped_bytes += restart + 1
                body = body[restart + 1:]
            frames.append(body)

    @property
    def pending(self) -> int:
        """Bytes of a frame begun and not yet ended (0 between frames)."""
        return len(self._buffer)

    def unterminated(self) -> bytes:
        """What a disconnect left unframed (the start of a frame never ended)."""
        rest = bytes(self._buffer)
        self._buffer.clear()
        return rest[1:] if rest.startswith(START) else rest

    def _drop(self, count: int) -> None:
        self.dropped_bytes += count
        del self._buffer[:count]


def frame(message: bytes) -> bytes:
    """One message as MLLP sends it."""
    return START + message + END
