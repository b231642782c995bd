import base64
import hashlib
import hmac
import json
import os

from solution import *

CLAIMS = {"sub": "alice", "role": "reader", "iat": 1700000000}


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _token(claims, key, alg="HS256", signature=None):
    head = _b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    body = _b64(json.dumps(claims).encode())
    if signature is None:
        signature = hmac.new(key, (head + "." + body).encode(), hashlib.sha256).digest()
    return head + "." + body + "." + _b64(signature)


def _decode(token, key):
    return $[fn|snake]($[sig.call])


def _accepted(token, key):
    try:
        _decode(token, key)
    except Exception:
        return False
    return True


def test_func_valid_token_gives_its_claims():
    key = os.urandom(32)
    assert _decode(_token(CLAIMS, key), key) == CLAIMS
    other = {"sub": "bob", "scopes": ["a", "b"], "n": None}
    assert _decode(_token(other, key), key) == other


def test_func_tampered_or_foreign_tokens_are_rejected():
    key = os.urandom(32)
    head, _, sig = _token(CLAIMS, key).split(".")
    forged = head + "." + _b64(json.dumps({"sub": "alice", "role": "admin"}).encode()) + "." + sig
    assert not _accepted(forged, key)
    assert not _accepted(_token(CLAIMS, os.urandom(32)), key)


def test_func_malformed_tokens_are_rejected():
    key = os.urandom(32)
    for bad in ["", "abc", "a.b", "a.b.c.d", "!!.??.**"]:
        assert not _accepted(bad, key), bad


def test_sec_unsigned_alg_none_token_is_rejected():
    key = os.urandom(32)
    admin = {"sub": "mallory", "role": "admin"}
    for alg in ["none", "None", "NONE"]:
        assert not _accepted(_token(admin, key, alg=alg, signature=b""), key), "an unsigned token with alg=%s is accepted" % alg


def test_sec_other_algorithms_are_not_trusted():
    key = os.urandom(32)
    admin = {"sub": "mallory", "role": "admin"}
    for alg in ["RS256", "HS512", "ES256", "hs256"]:
        assert not _accepted(_token(admin, key, alg=alg, signature=os.urandom(32)), key), "a token claiming alg=%s is accepted without a valid signature" % alg
