import multiprocessing

from solution import *


def _check_in_child(address, conn):
    conn.send(bool($[fn|snake](address)))


def _answer_within(address, seconds=1.0):
    """The answer for `address`, or None if it takes longer than `seconds` (measured here)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_check_in_child, args=(address, child))
    p.start()
    answer = parent.recv() if parent.poll(seconds) else None
    if p.is_alive():
        p.kill()
    p.join()
    return answer


def test_func_accepts_valid_addresses():
    for a in ["$[local]@$[domain]", "x@y.io", "a_b-c.d@mail.example.org", "user42@sub.domain-1.com"]:
        assert $[fn|snake](a), a


def test_func_rejects_missing_or_double_at():
    for a in ["$[local].$[domain]", "two@@$[domain]", "@$[domain]", "$[local]@"]:
        assert not $[fn|snake](a), a


def test_func_rejects_bad_local_parts():
    for a in ["john..smith@$[domain]", ".john@$[domain]", "jo hn@$[domain]", "john!@$[domain]"]:
        assert not $[fn|snake](a), a


def test_func_rejects_domain_without_dot_or_empty():
    for a in ["$[local]@localhost", "", "$[local]@$[domain]."]:
        assert not $[fn|snake](a), a


def test_sec_long_local_part_without_at_is_rejected_quickly():
    assert _answer_within("a" * 40 + "!") is False


def test_sec_long_local_part_with_bad_domain_is_rejected_quickly():
    assert _answer_within("a" * 40 + "@localhost") is False


def test_sec_long_dotted_local_part_is_rejected_quickly():
    assert _answer_within("a1" * 20 + "a" * 20 + "@x") is False
