"""No input makes the feed raise: every frame is understood or refused with a reason,
and every refusal that is not an ACK gets a reply."""

from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.devices.ack import replies, wanted
from monitor.devices.understand import understand
from tests.monitor.devices.samples import LOINC_SENDER, PCD01_GE

NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)


def check(raw: bytes) -> None:
    u = understand(raw)
    assert (u.report is None) == (u.outcome is not None)
    if u.outcome is not None and not u.is_ack:
        sent = replies(u.header, u.outcome, u.reason, NOW)
        # silent only when the sender asked for no reply in this case (MSH-15/16)
        h = u.header
        assert sent or (h is not None and (h.accept_ack or h.application_ack)
                        and not any(wanted(c, u.outcome)
                                    for c in (h.accept_ack, h.application_ack) if c))


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_random_bytes(raw):
    check(raw)


@settings(max_examples=300)
@given(st.sampled_from([PCD01_GE, LOINC_SENDER]), st.data())
def test_real_messages_mutated(base, data):
    text = base
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(text)))
        piece = data.draw(st.text(alphabet="|^~\\&\r\nMSHOBX0123456789.-+ éZ\x00", max_size=6))
        cut = data.draw(st.integers(0, 4))
        text = text[:i] + piece + text[i + cut:]
    check(text.encode(data.draw(st.sampled_from(["utf-8", "latin-1", "utf-16"])),
                      errors="replace"))


@given(st.text(alphabet="|^~\\&#$%!\r", min_size=0, max_size=8))
def test_strange_delimiters(seps):
    check(("MSH" + seps + "|A|B|||20250101||ORU^R01|1|P|2.6\rOBX|1|NM|150021||1\r").encode())
