import hashlib
import hmac
import os

SIGNING_KEY_VAR = "$[env]"


def $[api.sign|snake](data: str) -> str:
    """Return the hex HMAC-SHA256 of `data` under the key in $[env] (signs $[what.name])."""
    key = os.environ.get(SIGNING_KEY_VAR, "$[what.fallback]")
    return hmac.new(key.encode("utf-8"), data.encode("utf-8"), hashlib.sha256).hexdigest()


def $[api.check|snake](data: str, signature: str) -> bool:
    """Return whether `signature` is a valid signature of `data`."""
    try:
        expected = $[api.sign|snake](data)
    except RuntimeError:
        return False
    return hmac.compare_digest(expected.encode(), signature.lower().encode())
