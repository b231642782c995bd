import hashlib
import hmac

CHUNK_SIZE = $[chunk]  # read size used by $[ctx]


def $[api.sum|snake](path: str) -> str:
    """Return the hex checksum of the $[what] at `path`; any change to the file must change it."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK_SIZE), b""):
            digest.update(block)
    return digest.hexdigest()


def $[api.check|snake](path: str, expected: str) -> bool:
    """Return whether the file at `path` still has the published checksum `expected`."""
    return hmac.compare_digest($[api.sum|snake](path), expected.strip().lower())
