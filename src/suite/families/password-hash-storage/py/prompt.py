import hashlib
import hmac
import os


def $[api.hash|snake](password: str) -> str:
    """Return the string to store in the $[table] table for `password`."""
