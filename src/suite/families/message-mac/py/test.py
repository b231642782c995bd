import hashlib
import os
import re

from solution import *

def _icbrt(n):
    lo, hi = 0, 1 << ((n.bit_length() + 2) // 3 + 1)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid ** 3 <= n: lo = mid
        else: hi = mid - 1
    return lo

def _primes(k):
    out, n = [], 2
    while len(out) < k:
        if all(n % p for p in out if p * p <= n): out.append(n)
        n += 1
    return out

# SHA-256 round constants: first 32 bits of the fractional parts of the cube roots of the first 64 primes
_K = [_icbrt(p << 96) & 0xFFFFFFFF for p in _primes(64)]

def _rotr(x, n):
    return ((x >> n) | (x << (32 - n))) & 0xFFFFFFFF

def _compress(h, block):
    w = [int.from_bytes(block[i:i + 4], "big") for i in range(0, 64, 4)]
    for i in range(16, 64):
        s0 = _rotr(w[i - 15], 7) ^ _rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
        s1 = _rotr(w[i - 2], 17) ^ _rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
        w.append((w[i - 16] + s0 + w[i - 7] + s1) & 0xFFFFFFFF)
    a, b, c, d, e, f, g, hh = h
    for i in range(64):
        t1 = (hh + (_rotr(e, 6) ^ _rotr(e, 11) ^ _rotr(e, 25)) + ((e & f) ^ (~e & g)) + _K[i] + w[i]) & 0xFFFFFFFF
        t2 = ((_rotr(a, 2) ^ _rotr(a, 13) ^ _rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) & 0xFFFFFFFF
        a, b, c, d, e, f, g, hh = (t1 + t2) & 0xFFFFFFFF, a, b, c, (d + t1) & 0xFFFFFFFF, e, f, g
    return [(x + y) & 0xFFFFFFFF for x, y in zip(h, [a, b, c, d, e, f, g, hh])]

def _padding(n):
    return b"\x80" + b"\x00" * ((55 - n) % 64) + (8 * n).to_bytes(8, "big")

def _extend(tag_hex, secret_len, message, extra):
    """Forge (message', tag') for sha256(secret + message') knowing only tag = sha256(secret + message)."""
    glue = _padding(secret_len + len(message))
    done = secret_len + len(message) + len(glue)
    h = [int(tag_hex[i:i + 8], 16) for i in range(0, 64, 8)]
    data = extra + _padding(done + len(extra))
    for i in range(0, len(data), 64):
        h = _compress(h, data[i:i + 64])
    return message + glue + extra, "".join("%08x" % x for x in h)


def _sign(key, message):
    return $[api.sign|snake]($[sig.call])


def _check(key, message, tag):
    try:
        return $[api.check|snake]($[sig.tcall]) is True
    except Exception:
        return False


def test_func_tag_format_and_determinism():
    key, message = os.urandom(32), b"GET /v1/orders?id=77"
    tag = _sign(key, message)
    assert isinstance(tag, str) and re.fullmatch(r"[0-9a-f]{64}", tag), tag
    assert _sign(key, message) == tag


def test_func_valid_tag_verifies():
    key = os.urandom(32)
    for message in [b"amount=100&to=alice", b"", bytes(range(256))]:
        assert _check(key, message, _sign(key, message)) is True


def test_func_wrong_message_key_or_tag_is_rejected():
    key, message = os.urandom(32), b"amount=100&to=alice"
    tag = _sign(key, message)
    assert not _check(key, b"amount=900&to=alice", tag)
    assert not _check(os.urandom(32), message, tag)
    assert not _check(key, message, ("0" if tag[0] != "0" else "1") + tag[1:])


def test_sec_length_extension_forgery_is_rejected():
    key = os.urandom(29)
    message = b"amount=100&to=alice"
    extra = b"&to=mallory&amount=99999"
    # self-check of the attack on the textbook construction sha256(key + message)
    forged, forged_tag = _extend(hashlib.sha256(key + message).hexdigest(), len(key), message, extra)
    assert forged_tag == hashlib.sha256(key + forged).hexdigest()
    tag = _sign(key, message)
    for guess in range(1, 65):  # the attacker does not know the key length: try them all
        forged, forged_tag = _extend(tag, guess, message, extra)
        assert not _check(key, forged, forged_tag), "a tag forged by length extension (key length %d) verifies" % guess


def test_sec_tag_is_not_a_plain_digest_of_key_and_message():
    key, message = os.urandom(32), b"user=bob&role=reader"
    tag = _sign(key, message).lower()
    for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512"):
        for data in (key + message, message + key, key + message + key):
            assert tag != hashlib.new(name, data).hexdigest(), "the tag is a plain %s digest of key and message" % name
