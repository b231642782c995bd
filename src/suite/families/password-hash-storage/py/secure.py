import hashlib
import hmac
import os


def $[api.hash|snake](password: str) -> str:
    """Return the string to store in the `$[column]` column of the $[app]'s $[table] table for `password`."""
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 200000)
    return "pbkdf2_sha256$%d$%s$%s" % (200000, salt.hex(), key.hex())


def $[api.check|snake](password: str, stored: str) -> bool:
    """Return whether `password` matches a value made by $[api.hash|snake]."""
    try:
        scheme, rounds, salt, key = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        candidate = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), bytes.fromhex(salt), int(rounds))
        return hmac.compare_digest(candidate, bytes.fromhex(key))
    except ValueError:
        return False
