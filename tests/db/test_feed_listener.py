"""The listener with real clients on loopback: python-hl7's MLLP client and raw sockets,
messages written from IHE PCD-01 and vendors' examples, stored and acknowledged after the
commit; malformed input never stops it."""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest
from sqlalchemy import func, select

from db.devices_repo import DeviceRepository
from db.feed_listener import FeedListener
from db.models import DeviceObservationRow
from monitor.devices.framing import END, START, MllpFramer, frame
from monitor.devices.mllp_client import MonitorConnection, ack_code
from tests.monitor.devices.samples import LOINC_SENDER, PCD01_GE, nm, oru


def stored(storage) -> int:
    with storage.transaction() as s:
        return s.scalar(select(func.count()).select_from(DeviceObservationRow))


@pytest.fixture
def listening(storage):
    """A listener on an ephemeral loopback port, on its own thread and event loop (as
    the app runs it)."""
    loop = asyncio.new_event_loop()
    listener = FeedListener(DeviceRepository(storage), "127.0.0.1", 0)
    ready = threading.Event()

    def run():
        asyncio.set_event_loop(loop)
        loop.run_until_complete(listener.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield listener
    asyncio.run_coroutine_threadsafe(listener.stop(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


def talk(port, *messages):
    async def go():
        conn = await MonitorConnection.open("127.0.0.1", port)
        try:
            return [await conn.send(m) for m in messages]
        finally:
            await conn.close()
    return asyncio.run(go())


def raw_exchange(port, data: bytes, expect: int, close_early=False) -> list[bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        if close_early:
            return []
        framer, acks = MllpFramer(), []
        while len(acks) < expect:
            chunk = sock.recv(4096)
            if not chunk:
                break
            acks += framer.feed(chunk)
        return acks


def test_pcd01_and_loinc_messages_on_one_connection_are_stored_then_acked(storage,
                                                                         listening):
    acks = talk(listening.port, PCD01_GE, LOINC_SENDER, PCD01_GE)
    assert [ack_code(a) for a in acks] == ["AA", "AA", "AA"]
    assert "|AA|004097134535|" in acks[0] and "|AA|LN-0001|" in acks[1]
    assert stored(storage) == 3  # GE: two times; LOINC: one; the resend: none
    assert listening.counters.stored == 3


def test_two_frames_in_one_write_and_a_frame_in_pieces(storage, listening):
    a, b = oru(nm("150021", "120"), control="A"), oru(nm("150021", "121"), control="B")
    data = frame(a.encode()) + frame(b.encode())
    acks = raw_exchange(listening.port, data, 2)
    assert [ack_code(x.decode()) for x in acks] == ["AA", "AA"]
    with socket.create_connection(("127.0.0.1", listening.port), timeout=10) as sock:
        whole = frame(oru(nm("150021", "122"), control="C").encode())
        for i in range(0, len(whole), 7):
            sock.sendall(whole[i:i + 7])
        assert b"|AA|C|" in sock.recv(4096)
    assert stored(storage) == 3


def test_malformed_messages_get_ar_and_the_connection_goes_on(storage, listening):
    junk = [b"hello", b"MSH", b"PID|||1\r", b"MSH|^~\\&|A|B|||2025||ADT^A01|X|P|2.5\r",
            b"MSH|^~\\&|A|B|||2025|||X|P|2.5\r", b"\xff\xfe\x00MSH|\x00"]
    data = b"".join(frame(j) for j in junk) + frame(oru(nm("150021", "120")).encode())
    acks = [ack_code(a.decode("latin-1")) for a in raw_exchange(listening.port, data, 7)]
    assert acks == ["AR"] * 6 + ["AA"]
    assert stored(storage) == 1


def test_an_ack_is_never_acknowledged(listening):
    ack = b"MSH|^~\\&|X||||20250101||ACK^R01^ACK|9|P|2.6\rMSA|AA|1\r"
    acks = raw_exchange(listening.port, frame(ack) + frame(oru().encode()), 1)
    # the one reply is the ORU's (stored raw, though it has no values)
    assert len(acks) == 1 and b"MSA|AA|C1|" in acks[0]


def test_an_unterminated_frame_at_disconnect_is_not_stored(storage, listening):
    raw_exchange(listening.port, START + oru(nm("150021", "120")).encode(), 0,
                 close_early=True)
    acks = talk(listening.port, oru(nm("150021", "125"), control="after"))
    assert ack_code(acks[0]) == "AA" and stored(storage) == 1


def test_accented_text_in_utf8_and_noise_between_frames(storage, listening):
    text = oru(nm("150021", "120")).replace("PID|||1", "PID|||1||Zoë^Ñúñez")
    acks = raw_exchange(listening.port, b"\r\n" + frame(text.encode()) + b"\n", 1)
    assert ack_code(acks[0].decode()) == "AA"
    assert END not in acks[0][:-2]


@pytest.mark.slow
def test_fuzzed_frames_never_stop_the_listener(storage, listening):
    """Random bytes, framed and unframed, on one connection: afterwards the listener
    still stores and acknowledges a good message on a new one."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.binary(max_size=200), min_size=1, max_size=5), st.booleans())
    def junk_then_good(pieces, framed):
        data = b"".join(frame(p) if framed else p for p in pieces)
        with socket.create_connection(("127.0.0.1", listening.port), timeout=10) as sock:
            sock.sendall(data)
            sock.settimeout(0.2)
            try:
                while sock.recv(4096):
                    pass
            except TimeoutError:
                pass
        acks = talk(listening.port, oru(nm("150021", "120"), control="after-junk"))
        assert ack_code(acks[0]) == "AA"

    junk_then_good()
