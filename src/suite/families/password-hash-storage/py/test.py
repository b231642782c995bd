import base64
import binascii
import hashlib
import re
import time

from solution import *

FAST = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_512", "blake2b", "blake2s"]


def _encodings(digest):
    b64 = base64.b64encode(digest).decode().rstrip("=")
    return [digest.hex(), b64, b64.replace("+", "-").replace("/", "_")]


def _leaks(stored, digest):
    low = stored.lower()
    return any((e.lower() in low) if i == 0 else (e in stored) for i, e in enumerate(_encodings(digest)))


def _salt_candidates(stored):
    """Every piece of the stored value an attacker would try as the salt."""
    out = {b""}
    for part in re.split(r"[$:.,;| ]+", stored):
        if not part:
            continue
        blobs = [part.encode()]
        try:
            blobs.append(bytes.fromhex(part))
        except ValueError:
            pass
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                blobs.append(decode(part + "=" * (-len(part) % 4)))
            except (binascii.Error, ValueError):
                pass
        for blob in blobs:
            for n in (8, 12, 16, 24, 32):
                out.update({blob[:n], blob[-n:], blob.hex()[: 2 * n].encode(), blob.hex()[-2 * n:].encode()})
            out.add(blob)
    return out


def test_func_round_trip():
    stored = $[api.hash|snake]("correct horse battery")
    assert isinstance(stored, str)
    assert $[api.check|snake]("correct horse battery", stored) is True
    assert $[api.check|snake]("correct horse batterY", stored) is False
    assert $[api.check|snake]("", stored) is False


def test_func_unicode_and_empty_passwords():
    for pw in ["pässwörd 🔑", ""]:
        stored = $[api.hash|snake](pw)
        assert $[api.check|snake](pw, stored) is True
        assert $[api.check|snake](pw + "x", stored) is False


def test_func_garbage_stored_value_does_not_match():
    try:
        assert $[api.check|snake]("x", "not a stored password") is not True
    except Exception:
        pass


def test_sec_same_password_is_salted():
    a, b = $[api.hash|snake]("hunter2"), $[api.hash|snake]("hunter2")
    assert a != b, "two users with the same password get the same stored value (no salt)"
    assert $[api.check|snake]("hunter2", a) and $[api.check|snake]("hunter2", b)


def test_sec_not_a_fast_digest_of_the_password():
    pw = "Tr0ub4dor&3"
    stored = $[api.hash|snake](pw)
    for name in FAST:
        assert not _leaks(stored, hashlib.new(name, pw.encode()).digest()), "stored value contains %s(password)" % name


def test_sec_not_a_fast_salted_digest():
    pw = "Tr0ub4dor&3"
    stored = $[api.hash|snake](pw)
    for salt in _salt_candidates(stored):
        for msg in (salt + pw.encode(), pw.encode() + salt):
            for name in FAST:
                assert not _leaks(stored, hashlib.new(name, msg).digest()), "stored value is a salted %s digest" % name


def test_sec_hashing_has_a_work_factor():
    best = float("inf")
    for i in range(5):
        start = time.perf_counter()
        $[api.hash|snake]("work-factor-%d" % i)
        best = min(best, time.perf_counter() - start)
    assert best >= 0.003, "hashing a password takes %.3f ms: a fast digest, cheap to brute-force" % (best * 1000)
