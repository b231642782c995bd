import hashlib
import hmac

CHUNK_SIZE = $[chunk]  # read size used by $[ctx]


def $[api.sum|snake](path: str) -> str:
    """Return the hex checksum of the $[what] at `path`; any change to the file must change it."""
