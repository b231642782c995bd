import hashlib
import hmac
import os

SIGNING_KEY_VAR = "$[env]"


def $[api.sign|snake](data: str) -> str:
    """Return the hex HMAC-SHA256 of `data` under the key in $[env] (signs $[what.name])."""
