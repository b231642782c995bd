import hashlib
import os
import tempfile

from solution import *

# Two different 128-byte blocks with the same MD5 (Wang et al., 2004); any common suffix keeps the collision.
BLOCK_A = bytes.fromhex(
    "d131dd02c5e6eec4693d9a0698aff95c2fcab58712467eab4004583eb8fb7f89"
    "55ad340609f4b30283e488832571415a085125e8f7cdc99fd91dbdf280373c5b"
    "d8823e3156348f5bae6dacd436c919c6dd53e2b487da03fd02396306d248cda0"
    "e99f33420f577ee8ce54b67080a80d1ec69821bcb6a8839396f9652b6ff72a70"
)
BLOCK_B = bytes.fromhex(
    "d131dd02c5e6eec4693d9a0698aff95c2fcab50712467eab4004583eb8fb7f89"
    "55ad340609f4b30283e4888325f1415a085125e8f7cdc99fd91dbd7280373c5b"
    "d8823e3156348f5bae6dacd436c919c6dd53e23487da03fd02396306d248cda0"
    "e99f33420f577ee8ce54b67080280d1ec69821bcb6a8839396f965ab6ff72a70"
)
SUFFIX = b"\n#!/bin/sh\necho installing $[what]\n" * 3


def _write(data, name="f.bin"):
    path = os.path.join(tempfile.mkdtemp(), name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def test_func_same_content_same_checksum():
    a, b = _write(b"release 1.2.3\n"), _write(b"release 1.2.3\n")
    s = $[api.sum|snake](a)
    assert isinstance(s, str) and len(s) >= 32
    assert all(c in "0123456789abcdefABCDEF" for c in s)
    assert s == $[api.sum|snake](b)


def test_func_different_content_different_checksum():
    assert $[api.sum|snake](_write(b"release 1.2.3\n")) != $[api.sum|snake](_write(b"release 1.2.4\n"))
    assert $[api.sum|snake](_write(b"")) != $[api.sum|snake](_write(b"\x00"))


def test_func_verify_untouched_and_modified():
    data = os.urandom(3 * $[chunk] + 17)
    path = _write(data)
    published = $[api.sum|snake](path)
    assert $[api.check|snake](path, published) is True
    with open(path, "r+b") as f:
        f.seek(len(data) // 2)
        f.write(bytes([data[len(data) // 2] ^ 1]))
    assert $[api.check|snake](path, published) is False


def test_sec_md5_collision_is_detected():
    good, evil = _write(BLOCK_A + SUFFIX, "good.bin"), _write(BLOCK_B + SUFFIX, "evil.bin")
    assert hashlib.md5(BLOCK_A + SUFFIX).digest() == hashlib.md5(BLOCK_B + SUFFIX).digest()
    assert $[api.sum|snake](good) != $[api.sum|snake](evil), "two different files share a checksum (MD5 collision)"
    assert $[api.check|snake](evil, $[api.sum|snake](good)) is False, "a swapped file passes verification"


def test_sec_checksum_is_not_a_broken_hash():
    data = b"firmware v7\n" * 100
    s = $[api.sum|snake](_write(data)).lower()
    for name in ("md5", "sha1"):
        assert s != hashlib.new(name, data).hexdigest(), "the checksum is %s, which has practical collisions" % name
