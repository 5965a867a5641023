from hypothesis import given
from hypothesis import strategies as st

from monitor.devices.framing import END, START, MllpFramer, frame


def test_a_frame_split_across_reads_is_framed_once_whole():
    framer = MllpFramer()
    data = frame(b"MSH|one")
    assert framer.feed(data[:3]) == []
    assert framer.feed(data[3:-1]) == []
    assert framer.feed(data[-1:]) == [b"MSH|one"]


def test_two_frames_in_one_read_are_two_messages():
    framer = MllpFramer()
    assert framer.feed(frame(b"A") + frame(b"B") + START + b"C") == [b"A", b"B"]
    assert framer.feed(END) == [b"C"]


def test_noise_between_frames_is_dropped_and_counted():
    framer = MllpFramer()
    assert framer.feed(b"\r\n" + frame(b"A") + b"xx") == [b"A"]
    assert framer.dropped_bytes == 4


def test_an_unterminated_frame_at_disconnect_is_handed_back_not_parsed():
    framer = MllpFramer()
    assert framer.feed(START + b"MSH|half") == []
    assert framer.unterminated() == b"MSH|half"
    assert framer.unterminated() == b""


def test_a_restart_inside_a_frame_keeps_the_last_start():
    framer = MllpFramer()
    assert framer.feed(START + b"lost" + frame(b"kept")) == [b"kept"]


def test_an_endless_frame_is_dropped_beyond_the_limit():
    framer = MllpFramer(max_frame=10)
    assert framer.feed(START + b"x" * 20) == []
    assert framer.feed(frame(b"next")) == [b"next"]


@given(st.lists(st.binary(max_size=40).filter(lambda b: START not in b and END not in b),
                max_size=6),
       st.lists(st.integers(min_value=1, max_value=17), min_size=1, max_size=8))
def test_any_split_of_valid_frames_gives_back_the_same_messages(messages, cuts):
    stream = b"".join(frame(m) for m in messages)
    framer = MllpFramer()
    out, i, k = [], 0, 0
    while i < len(stream):
        step = cuts[k % len(cuts)]
        out += framer.feed(stream[i:i + step])
        i, k = i + step, k + 1
    assert out == messages


@given(st.binary(max_size=300))
def test_no_bytes_make_the_framer_raise(data):
    framer = MllpFramer()
    frames = framer.feed(data)
    assert all(isinstance(f, bytes) for f in frames)
    framer.unterminated()
