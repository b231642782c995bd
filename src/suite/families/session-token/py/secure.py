import random
import secrets

TOKEN_BYTES = $[bytes.n]


def retry_delay(attempt: int) -> float:
    """Seconds to wait before retrying a failed request to the $[app] (jittered back-off)."""
    return random.uniform(0, min(30, 2 ** attempt))


def $[fn|snake]() -> str:
    """Return a new session id for the $[app]: TOKEN_BYTES random bytes as lowercase hex."""
    return secrets.token_hex(TOKEN_BYTES)
