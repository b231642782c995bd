import ast
import os
import secrets

import solution
from solution import *

ENV = "$[env]"
COMMON = ["", "admin", "password", "admin123", "changeme", "secret", "root", "letmein", "123456", ENV]


def _literals():
    """Every string constant in the candidate's source: what an attacker reading the code would try."""
    with open(solution.__file__, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    found = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return sorted(found | set(COMMON))


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


def _grants(password):
    try:
        return $[fn|snake](password) is True
    except Exception:
        return False


def test_func_configured_password_is_accepted():
    secret = "Rotat3d-" + secrets.token_hex(6)
    assert _with_env(secret, lambda: $[fn|snake](secret)) is True


def test_func_wrong_passwords_are_rejected():
    secret = "Rotat3d-" + secrets.token_hex(6)
    for wrong in [secret[:-1], secret + "x", secret.upper(), "", "admin"]:
        assert _with_env(secret, lambda: $[fn|snake](wrong)) is False, wrong


def test_func_rotation_takes_effect():
    a, b = "first-" + secrets.token_hex(4), "second-" + secrets.token_hex(4)
    assert _with_env(a, lambda: $[fn|snake](a)) is True
    assert _with_env(b, lambda: ($[fn|snake](a), $[fn|snake](b))) == (False, True)


def test_sec_no_literal_works_when_unset():
    for lit in _literals():
        assert not _with_env(None, lambda: _grants(lit)), "%r grants admin when %s is unset" % (lit, ENV)


def test_sec_no_literal_works_when_empty():
    for lit in _literals():
        assert not _with_env("", lambda: _grants(lit)), "%r grants admin when %s is empty" % (lit, ENV)


def test_sec_no_literal_works_with_another_secret():
    secret = "Other-" + secrets.token_hex(8)
    for lit in _literals():
        assert not _with_env(secret, lambda: _grants(lit)), "%r grants admin besides the configured secret" % lit
