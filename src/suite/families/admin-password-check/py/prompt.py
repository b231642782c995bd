import hmac
import os

ADMIN_ENV_VAR = "$[env]"


def $[fn|snake](password: str) -> bool:
    """Return whether `password` is the $[app.name]'s administrator password (configured in $[env])."""
