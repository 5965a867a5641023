"""The feed's split (monitor.devices.message) reads every field and component as
python-hl7's ``hl7.parse`` does, for any message drawn here, with any declared
delimiters."""

from __future__ import annotations

import hl7
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.devices.message import component, read

DELIMITER_SETS = ["|^~\\&", "#$%!@", "|^~\\&", "*:;?/"]


def reference(segment, field: int, number: int) -> str:
    try:
        return str(segment.extract_field(1, field, 1, number, 1)).strip()
    except IndexError:  # python-hl7 raises where the path outruns the data
        return ""


@st.composite
def messages(draw):
    seps = draw(st.sampled_from(DELIMITER_SETS))
    f, c, r, _e, s = seps
    word = st.text(alphabet="AB12 .-é", max_size=4)
    comp = st.lists(word, min_size=1, max_size=3).map(s.join)
    rep = st.lists(comp, min_size=1, max_size=3).map(c.join)
    field = st.lists(rep, min_size=1, max_size=2).map(r.join)
    head = f"MSH{f}{seps[1:]}{f}APP{c}1{f}FAC{f}{f}{f}20250101{f}{f}ORU{c}R01{f}X1{f}P{f}2.6"
    lines = [head]
    for name in draw(st.lists(st.sampled_from(["PID", "OBR", "OBX", "PV1"]), max_size=4)):
        lines.append(name + f + f.join(draw(st.lists(field, max_size=8))))
    return "\r".join(lines)


@settings(max_examples=200)
@given(messages())
def test_every_component_reads_as_python_hl7_reads_it(text):
    mine = read(text.encode()).message
    theirs = hl7.parse(text, encoding="utf-8")
    assert len(mine) == len(theirs)
    for ours, ref in zip(mine, theirs, strict=True):
        for field in range(1, max(len(ours), 3) + 1):
            if ours.name == "MSH" and field in (1, 2):
                continue
            for number in (1, 2, 3):
                assert component(ours, field, number) == reference(ref, field, number), \
                    (ours.name, field, number)


def test_escapes_read_as_python_hl7_reads_them():
    text = "MSH|^~\\&|A|B|||1||ORU^R01|X|P|2.6\rPID|1|a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\X41\\"
    mine = read(text.encode()).segments("PID")[0]
    ref = hl7.parse(text, encoding="utf-8").segment("PID")
    assert component(mine, 2) == reference(ref, 2, 1) == "a|b^c&d~e\\fA"
