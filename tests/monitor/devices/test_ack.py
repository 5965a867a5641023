from datetime import datetime, timezone

import hl7
import pytest

from monitor.devices.ack import Outcome, replies
from monitor.devices.message import read
from tests.monitor.devices.samples import PCD01_GE, oru

NOW = datetime(2025, 1, 1, 12, 0, tzinfo=timezone.utc)


def header(text):
    return read(text.encode()).header


def test_original_mode_one_ack_carrying_msh10_and_the_outcome():
    (ack,) = replies(header(oru(control="ABC-7")), Outcome.STORED, "Stored", NOW)
    msg = hl7.parse(ack)
    assert str(msg.segment("MSA")(1)) == "AA"
    assert str(msg.segment("MSA")(2)) == "ABC-7"
    assert str(msg.segment("MSH")(9)) == "ACK^R01^ACK"
    assert str(msg.segment("MSH")(5)) == "MON^0001^EUI-64"


@pytest.mark.parametrize("outcome, code", [(Outcome.NOT_STORABLE, "AE"),
                                           (Outcome.REJECTED, "AR")])
def test_errors_and_rejections(outcome, code):
    (ack,) = replies(header(oru()), outcome, "Why | not ^ stored", NOW)
    msa = hl7.parse(ack).segment("MSA")
    assert str(msa(1)) == code and str(msa(3)) == "Why   not   stored"


def test_enhanced_mode_msh15_ne_msh16_al_gives_only_the_application_ack():
    (ack,) = replies(header(PCD01_GE), Outcome.STORED, "", NOW)
    assert "|AA|004097134535|" in ack


@pytest.mark.parametrize("accept, application, outcome, codes", [
    ("AL", "NE", Outcome.STORED, ["CA"]),
    ("AL", "AL", Outcome.STORED, ["CA", "AA"]),
    ("ER", "ER", Outcome.STORED, []),
    ("ER", "ER", Outcome.NOT_STORABLE, ["CE", "AE"]),
    ("NE", "SU", Outcome.REJECTED, []),
])
def test_msh15_and_msh16_are_honoured(accept, application, outcome, codes):
    text = oru(msh_extra=f"|P|2.6|||{accept}|{application}")
    got = [hl7.parse(a).segment("MSA")(1)[0] for a in replies(header(text), outcome, "", NOW)]
    assert got == codes


def test_the_senders_own_delimiters_are_used():
    text = oru().replace("|", "#").replace("^", "$")
    (ack,) = replies(header(text), Outcome.STORED, "ok", NOW)
    assert ack.startswith("MSH#$~\\&#CHAIRSIDE#") and "MSA#AA#C1#ok" in ack


def test_never_an_ack_to_an_ack_and_a_plain_reject_without_msh():
    assert replies(header("MSH|^~\\&|X||||20250101||ACK|9|P|2.6\rMSA|AA|1\r"),
                   Outcome.STORED, "", NOW) == []
    (ack,) = replies(None, Outcome.REJECTED, "Not HL7", NOW)
    assert "MSA|AR||Not HL7" in ack


@pytest.mark.parametrize("sent", ["A\\F\\B\\S\\C", "X\\E\\Y\\R\\Z\\T\\1"])
def test_msa2_is_msh10_exactly_as_sent_even_when_escaped(sent):
    (ack,) = replies(header(oru(control=sent)), Outcome.STORED, "Stored", NOW)
    msa = ack.split("\r")[1].split("|")
    assert msa[2] == sent  # the sender matches its ACK by this very text
    assert len(msa) == 4  # and nothing it carried broke the ACK's fields
