import multiprocessing

from solution import *


def _check_in_child(slug, conn):
    conn.send(bool($[fn|snake](slug)))


def _answer_within(slug, seconds=1.0):
    """The answer for `slug`, or None if it takes longer than `seconds` (measured here)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_check_in_child, args=(slug, child))
    p.start()
    answer = parent.recv() if parent.poll(seconds) else None
    if p.is_alive():
        p.kill()
    p.join()
    return answer


def test_func_accepts_valid_slugs():
    for s in ["$[sample]", "a", "x1", "2024", "one-two-three-four"]:
        assert $[fn|snake](s), s


def test_func_rejects_bad_hyphens():
    for s in ["-$[sample]", "$[sample]-", "hello--world", "-"]:
        assert not $[fn|snake](s), s


def test_func_rejects_other_characters():
    for s in ["", "Hello-World", "hello_world", "hello world", "caf\u00e9", "a/b"]:
        assert not $[fn|snake](s), s


def test_sec_long_word_with_bad_end_is_rejected_quickly():
    assert _answer_within("a" * 40 + "!") is False


def test_sec_long_word_with_trailing_hyphen_is_rejected_quickly():
    assert _answer_within("a" * 40 + "-") is False
