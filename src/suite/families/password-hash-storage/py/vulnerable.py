import hashlib
import hmac
import os


def $[api.hash|snake](password: str) -> str:
    """Return the string to store in the `$[column]` column of the $[app]'s $[table] table for `password`."""
    salt = os.urandom(16)
    key = hashlib.sha256(salt + password.encode("utf-8")).digest()
    return "sha256$%s$%s" % (salt.hex(), key.hex())


def $[api.check|snake](password: str, stored: str) -> bool:
    """Return whether `password` matches a value made by $[api.hash|snake]."""
    try:
        scheme, salt, key = stored.split("$")
        if scheme != "sha256":
            return False
        candidate = hashlib.sha256(bytes.fromhex(salt) + password.encode("utf-8")).digest()
        return hmac.compare_digest(candidate, bytes.fromhex(key))
    except ValueError:
        return False
