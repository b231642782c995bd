import os
import pickle
import tempfile

from solution import *


def _raises(body):
    try:
        $[api.dec|snake](body)
    except Exception:
        return True
    return False


def test_func_round_trip():
    args = [42, "two", {"three": [3.5, None]}, True]
    body = $[api.enc|snake]("send_invoice", args)
    assert isinstance(body, bytes)
    assert tuple($[api.dec|snake](body)) == ("send_invoice", args)
    assert tuple($[api.dec|snake]($[api.enc|snake]("noop", []))) == ("noop", [])


def test_func_malformed_bodies_raise():
    for body in [b"", b"\x00\x01 not a message", b"[1, 2, 3]"]:
        assert _raises(body), body


def test_func_oversized_body_is_rejected():
    body = $[api.enc|snake]("resize", ["x" * ($[limit] + 10)])
    assert _raises(body)


class _MakeDir:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


class _Exec:
    def __reduce__(self):
        return (exec, ("import os; os.environ['JOB_PWNED'] = 'owned'",))


def test_sec_forged_message_runs_no_code():
    marker = os.path.join(tempfile.mkdtemp(), "pwned")
    _raises(pickle.dumps({"task": "resize", "args": [_MakeDir(marker)]}))
    assert not os.path.exists(marker), "decoding a message ran attacker code (created %s)" % marker


def test_sec_forged_message_cannot_change_the_worker():
    os.environ.pop("JOB_PWNED", None)
    _raises(pickle.dumps(_Exec()))
    leaked = os.environ.pop("JOB_PWNED", None)
    assert leaked is None, "decoding a message executed attacker code in the worker"
