import hmac
import os

ADMIN_ENV_VAR = "$[env]"


def $[fn|snake](password: str) -> bool:
    """Return whether `password` is the $[app.name]'s administrator password (configured in $[env])."""
    expected = os.environ.get(ADMIN_ENV_VAR)
    if not expected:
        return False
    return hmac.compare_digest(password.encode("utf-8"), expected.encode("utf-8"))
