import random
import secrets

TOKEN_BYTES = $[bytes.n]


def $[fn|snake]() -> str:
    """Return a new session id for the $[app]: TOKEN_BYTES random bytes as lowercase hex."""
    return secrets.token_hex(TOKEN_BYTES)
