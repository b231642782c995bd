import base64
import os
import pickle
import tempfile

from solution import *


SAMPLE = {"user": "ada", "id": 42, "admin": False, "cart": [1, 2, {"sku": "x-1"}], "note": None, "ratio": 0.5}


def test_func_round_trip():
    cookie = $[api.dump|snake](SAMPLE)
    assert isinstance(cookie, str)
    assert $[api.load|snake](cookie) == SAMPLE


def test_func_round_trip_empty_and_unicode():
    assert $[api.load|snake]($[api.dump|snake]({})) == {}
    s = {"name": "Zoë 😀", "tags": []}
    assert $[api.load|snake]($[api.dump|snake](s)) == s


def test_func_cookie_is_base64_text():
    cookie = $[api.dump|snake](SAMPLE)
    assert base64.$[b64.dec](cookie.encode("ascii"))
    assert all(c.isalnum() or c in "+/=-_" for c in cookie)


def test_func_malformed_cookie_raises():
    for bad in ["%%%not base64%%%", base64.$[b64.enc](b"\x00\x01garbage").decode()]:
        try:
            $[api.load|snake](bad)
        except Exception:
            continue
        raise AssertionError("malformed cookie accepted: %r" % bad)


class _MakeDir:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


class _Eval:
    def __reduce__(self):
        return (eval, ("{'user': 'root', 'admin': True}",))


def _forge(obj):
    return base64.$[b64.enc](pickle.dumps(obj)).decode("ascii")


def test_sec_forged_cookie_runs_no_code():
    marker = os.path.join(tempfile.mkdtemp(), "pwned")
    try:
        $[api.load|snake](_forge({"user": "x", "hook": _MakeDir(marker)}))
    except Exception:
        pass
    assert not os.path.exists(marker), "loading the cookie ran attacker code (created %s)" % marker


def test_sec_forged_cookie_builds_no_object():
    try:
        out = $[api.load|snake](_forge(_Eval()))
    except Exception:
        return
    assert out != {"user": "root", "admin": True}, "loading the cookie evaluated an attacker expression"
