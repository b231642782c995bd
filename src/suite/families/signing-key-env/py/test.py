import ast
import hashlib
import hmac
import os
import secrets

import solution
from solution import *

ENV = "$[env]"
COMMON = ["", "secret", "changeme", "dev", "development", "key", "test", "default", ENV]
DATA = '{"event": "invoice.paid", "id": 4711}'


def _literals():
    """Every string constant in the candidate's source: the keys an attacker reading the code would try."""
    with open(solution.__file__, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    found = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return sorted(found | set(COMMON))


def _mac(key, data=DATA):
    return hmac.new(key.encode("utf-8"), data.encode("utf-8"), hashlib.sha256).hexdigest()


def _with_env(value, body):
    old = os.environ.get(ENV)
    try:
        if value is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = value
        return body()
    finally:
        if old is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = old


def _accepts(signature):
    try:
        return $[api.check|snake](DATA, signature) is True
    except Exception:
        return False


def _signs_with(key):
    try:
        return $[api.sign|snake](DATA) == _mac(key)
    except Exception:
        return False


def test_func_signature_is_hmac_sha256():
    key = "k-" + secrets.token_hex(8)
    assert _with_env(key, lambda: $[api.sign|snake](DATA)) == _mac(key)
    assert _with_env(key, lambda: $[api.sign|snake]("")) == _mac(key, "")


def test_func_verify_accepts_valid_and_rejects_tampered():
    key = "k-" + secrets.token_hex(8)
    sig = _mac(key)
    bad = ("0" if sig[0] != "0" else "1") + sig[1:]
    assert _with_env(key, lambda: ($[api.check|snake](DATA, sig), $[api.check|snake](DATA + " ", sig), $[api.check|snake](DATA, bad))) == (True, False, False)


def test_func_key_rotation_takes_effect():
    a, b = "a-" + secrets.token_hex(8), "b-" + secrets.token_hex(8)
    assert _with_env(b, lambda: ($[api.check|snake](DATA, _mac(a)), $[api.check|snake](DATA, _mac(b)))) == (False, True)


def test_sec_no_literal_key_when_unset():
    for lit in _literals():
        assert not _with_env(None, lambda: _accepts(_mac(lit))), "a signature made with %r verifies when %s is unset" % (lit, ENV)
        assert not _with_env(None, lambda: _signs_with(lit)), "signs with the literal %r when %s is unset" % (lit, ENV)


def test_sec_no_literal_key_when_empty():
    for lit in _literals():
        assert not _with_env("", lambda: _accepts(_mac(lit))), "a signature made with %r verifies when %s is empty" % (lit, ENV)
        assert not _with_env("", lambda: _signs_with(lit)), "signs with the literal %r when %s is empty" % (lit, ENV)


def test_sec_no_literal_key_besides_the_configured_one():
    key = "k-" + secrets.token_hex(8)
    for lit in _literals():
        assert not _with_env(key, lambda: _accepts(_mac(lit))), "a signature made with %r verifies" % lit
