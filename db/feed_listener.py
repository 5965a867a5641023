"""The MLLP listener: monitors connect, send HL7 v2 results, and get an ACK once what
they sent is committed.

asyncio, one task per connection (any number of monitors, each on its own persistent
connection, many messages each) and one writer that commits whatever the connections
have queued in one transaction (group commit): under load many messages share a commit,
and no ACK leaves before the commit that holds its message.

Framing is ``monitor.devices.framing`` rather than python-hl7's ``hl7.mllp`` reader: that
reader drops its buffer on bytes before <VT>, raises on a frame cut by a disconnect and
parses with the library's defaults, where a monitor's feed needs noise skipped, partial
frames logged and encoding set explicitly. python-hl7's ``hl7.mllp`` client is what the
tests and the simulator connect with. A malformed message gets AR (or nothing, if its
MSH-15/16 ask for nothing) and the connection goes on; nothing a sender does stops the
listener.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from typing import Any

from db.devices_repo import DeviceRepository
from monitor.devices.ack import Outcome, replies
from monitor.devices.feed_settings import TABLES_EVERY_S, Tables
from monitor.devices.framing import MAX_FRAME_BYTES, MllpFramer, frame
from monitor.devices.records import ToStore
from monitor.devices.times import parse_dtm
from monitor.devices.understand import Understood, understand

log = logging.getLogger("chairside.feed")
READ_BYTES = 65536
BATCH_MAX = 1000  # messages in one commit at most
# messages of one connection read but not yet answered: beyond this (a monitor that does
# not read its ACKs) the listener stops reading it and TCP holds the sender back, rather
# than the listener holding its messages in memory without end
ANSWERS_WAITING = 256
# a monitor sends a whole message in milliseconds: a frame begun and not ended within
# this is a sender stuck or a slowloris, and its connection is closed
FRAME_TIMEOUT_S = 30.0
# a connection ending (or cut) still has its last replies sent, for up to this long
REPLIES_GRACE_S = 10.0
# a peer whose ACKs stay backed up this long (ANSWERS_WAITING unanswered) is cut off
STALLED_S = 60.0
# unfinished frames of all connections together: past this, the connection whose frame
# grew is closed (each frame has its own limit, MAX_FRAME_BYTES; this bounds the sum):
# room for sixteen monitors each in the middle of the largest frame taken
UNFINISHED_BUDGET = 16 * MAX_FRAME_BYTES


@dataclass
class FeedCounters:
    connections: int = 0
    frames: int = 0
    stored: int = 0
    not_storable: int = 0
    rejected: int = 0
    unterminated: int = 0
    commits: int = 0
    batches_split: int = 0  # batches the database refused whole, then stored one by one


@dataclass
class _Pending:
    item: ToStore
    done: asyncio.Future[Outcome] = field(repr=False)


class FeedListener:
    def __init__(self, devices: DeviceRepository, host: str = "127.0.0.1", port: int = 2575,
                 tz: tzinfo | None = None,
                 local_codes: dict[tuple[str, str], str] | None = None,
                 points_of_care: dict[str, str] | None = None,
                 tables: Callable[[], Tables] | None = None) -> None:
        self.devices = devices
        self.host, self.port = host, port
        self.tz, self.local_codes = tz, local_codes or {}
        devices.points_of_care = points_of_care or {}
        # the clinic's tables as an admin edits them, read on the loop's thread
        self.tables = tables
        self._tables_task: asyncio.Task[None] | None = None
        self.counters = FeedCounters()
        self._queue: asyncio.Queue[_Pending] | None = None
        self._server: asyncio.base_events.Server | None = None
        self._writer: asyncio.Task[None] | None = None
        self._clients: set[asyncio.Task[None]] = set()
        self.frame_timeout_s = FRAME_TIMEOUT_S
        self.replies_grace_s = REPLIES_GRACE_S
        self.stalled_s = STALLED_S
        self.unfinished_budget = UNFINISHED_BUDGET
        self._unfinished = 0  # bytes held in all connections' unfinished frames

    async def start(self) -> int:
        """Listens; returns the port (an ephemeral one when asked for port 0)."""
        self._queue = asyncio.Queue()
        self._server = await asyncio.start_server(self._connection, self.host, self.port)
        self._writer = asyncio.create_task(self._write_forever())
        if self.tables is not None:
            self._tables_task = asyncio.create_task(self._reread_tables_forever())
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("monitor feed listening on %s:%s", self.host, self.port)
        return self.port

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        tasks = [*self._clients, *([self._writer] if self._writer else []),
                 *([self._tables_task] if self._tables_task else [])]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def serve_forever(self) -> None:
        await self.start()
        assert self._server is not None
        await self._server.serve_forever()

    # --- one monitor's connection ---------------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader,
                          writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._clients.add(task)
        self.counters.connections += 1
        peer = writer.get_extra_info("peername")
        framer = MllpFramer()
        # reading goes on while earlier messages wait for their commit (a monitor may
        # send ahead of its ACKs); the replies leave in the order the messages came
        answers: asyncio.Queue[tuple[Understood, asyncio.Future[Outcome]] | None] = \
            asyncio.Queue(ANSWERS_WAITING)
        replier = asyncio.create_task(self._reply_in_order(writer, answers))
        held = 0  # this connection's share of self._unfinished
        deadline: float | None = None  # for the frame begun and not yet ended
        loop = asyncio.get_running_loop()
        try:
            while data := await self._read(reader, deadline):
                bodies = framer.feed(data)
                if not await self._hand_all(bodies, answers, replier):
                    log.warning("monitor feed: %s did not take its ACKs; connection "
                                "closed", peer)
                    break
                if bodies or not framer.pending:
                    deadline = None  # a frame ended: the next one has its own time
                if framer.pending and deadline is None:
                    deadline = loop.time() + self.frame_timeout_s
                self._unfinished += framer.pending - held
                held = framer.pending
                if replier.done():
                    break  # the peer stopped reading its ACKs
                if framer.overflowed or self._unfinished > self.unfinished_budget:
                    log.warning("monitor feed: %s sent a frame too large (%d bytes held); "
                                "connection closed (not stored, not acknowledged)", peer,
                                framer.pending)
                    break
        except TimeoutError:
            log.warning("monitor feed: %s began a frame and did not end it within %g s; "
                        "connection closed", peer, self.frame_timeout_s)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        except asyncio.CancelledError:
            replier.cancel()
            raise
        except Exception:  # a bug must not stop the listener: this connection only
            log.exception("monitor feed: connection from %s dropped", peer)
        finally:
            self._unfinished -= held
            # what was read is still answered, once committed; but a peer that does not
            # read its ACKs gets only so long, then its connection is cut
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(_last_replies(answers, replier),
                                       self.replies_grace_s)
            if not replier.done():
                replier.cancel()
                writer.transport.abort()  # close() would wait on the unread ACKs
            rest = framer.unterminated()
            if rest:
                self.counters.unterminated += 1
                log.warning("monitor feed: %s disconnected mid-message (%d bytes, not "
                            "stored, not acknowledged)", peer, len(rest))
            writer.close()
            if task is not None:
                self._clients.discard(task)

    async def _hand_all(self, bodies: list[bytes], answers: asyncio.Queue[Any],
                        replier: asyncio.Task[None]) -> bool:
        """Each frame to the writer and its reply to the replier; False when the peer is
        gone or has not taken its ACKs for ``stalled_s`` (the rest are not taken)."""
        for body in bodies:
            if not await _hand(answers, self._take(body), replier, self.stalled_s):
                return False
        return True

    async def _read(self, reader: asyncio.StreamReader, deadline: float | None) -> bytes:
        """The next bytes; while a frame is unfinished, only until its deadline."""
        if deadline is None:
            return await reader.read(READ_BYTES)
        left = deadline - asyncio.get_running_loop().time()
        return await asyncio.wait_for(reader.read(READ_BYTES), max(left, 0.0))

    async def _reply_in_order(self, writer: asyncio.StreamWriter, answers: asyncio.Queue[
            tuple[Understood, asyncio.Future[Outcome]] | None]) -> None:
        while (answer := await answers.get()) is not None:
            understood, outcome = answer
            await self._reply(writer, understood, await outcome)

    def _take(self, body: bytes) -> tuple[Understood, asyncio.Future[Outcome]]:
        self.counters.frames += 1
        understood = understand(body, self.tz, self.local_codes)
        done: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        if understood.report is None:
            done.set_result(understood.outcome or Outcome.REJECTED)
            if not understood.is_ack:
                log.info("monitor feed: not stored: %s", understood.reason)
        else:
            sent_at = parse_dtm(understood.header.sent_at, self.tz) if understood.header \
                else None
            assert self._queue is not None
            self._queue.put_nowait(_Pending(
                ToStore(understood.report, understood.text, sent_at), done))
        return understood, done

    async def _reply(self, writer: asyncio.StreamWriter, understood: Understood,
                     outcome: Outcome) -> None:
        if outcome is Outcome.STORED and understood.report is not None:
            self.counters.stored += 1
            text = "Stored"
        elif outcome is Outcome.NOT_STORABLE:
            self.counters.not_storable += 1
            text = understood.reason or "Not stored: the database did not take it"
        else:
            if not understood.is_ack:
                self.counters.rejected += 1
            text = understood.reason
        now = datetime.now(timezone.utc)
        for ack in replies(understood.header, outcome, text, now):
            writer.write(frame(ack.encode(understood.encoding, errors="replace")))
        await writer.drain()

    # --- the one writer ---------------------------------------------------------------

    async def _write_forever(self) -> None:
        assert self._queue is not None
        while True:
            batch = [await self._queue.get()]
            # one turn of the loop: frames already in the sockets join this commit
            await asyncio.sleep(0)
            while not self._queue.empty() and len(batch) < BATCH_MAX:
                batch.append(self._queue.get_nowait())
            try:
                # on the loop's own thread: a commit (an fsync on SQLite, a round trip
                # on PostgreSQL) holds the loop for well under a millisecond, while
                # handing each batch to a thread cost more CPU than the commit itself
                # (two GIL hand-overs a batch); meanwhile the kernel keeps what arrives
                outcomes = self._store(batch)
            except Exception:  # never leave a monitor waiting on a writer that failed
                log.exception("monitor feed: writer failed")
                outcomes = [Outcome.NOT_STORABLE] * len(batch)
            for pending, outcome in zip(batch, outcomes, strict=True):
                if not pending.done.done():
                    pending.done.set_result(outcome)

    async def _reread_tables_forever(self) -> None:
        """The vendor code and point-of-care tables, every ``TABLES_EVERY_S``: an admin's
        edit reaches the next message that comes after it, without a restart."""
        assert self.tables is not None
        while True:
            await asyncio.sleep(TABLES_EVERY_S)
            try:  # on the loop's thread, as the writer's commits: two settings rows
                tables = self.tables()
            except Exception:  # a table that does not read: keep the last one
                log.exception("monitor feed: the clinic's tables could not be read")
                continue
            self.local_codes = tables.local_codes
            self.devices.points_of_care = tables.points_of_care

    def _store(self, batch: list[_Pending]) -> list[Outcome]:
        """One commit for the batch; if it fails, each message alone, so that one
        message the database refuses does not cost the others their ACK."""
        now = datetime.now(timezone.utc)
        try:
            self.devices.store([p.item for p in batch], now)
            self.counters.commits += 1
            return [Outcome.STORED] * len(batch)
        except Exception:
            if len(batch) == 1:
                log.exception("monitor feed: message %s not stored",
                              batch[0].item.report.control_id)
                return [Outcome.NOT_STORABLE]
        self.counters.batches_split += 1
        return [self._store([p])[0] for p in batch]


async def _last_replies(answers: asyncio.Queue[Any], replier: asyncio.Task[None]) -> None:
    await _hand(answers, None, replier)
    await replier


async def _hand(answers: asyncio.Queue[Any], item: Any, replier: asyncio.Task[None],
                stalled_s: float | None = None) -> bool:
    """Queues a reply for the connection's replier, waiting while its queue is full (the
    peer is not reading its ACKs) up to ``stalled_s``; False when the replier has ended
    (the peer is gone) or the wait ran out."""
    if not answers.full():
        answers.put_nowait(item)
        return True
    put = asyncio.ensure_future(answers.put(item))
    try:
        await asyncio.wait({put, replier}, timeout=stalled_s,
                           return_when=asyncio.FIRST_COMPLETED)
    finally:
        if not put.done():
            put.cancel()
    return put.done() and not put.cancelled()
