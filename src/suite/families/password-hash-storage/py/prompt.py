import hashlib
import hmac
import os


def $[api.hash|snake](password: str) -> str:
    """Return the string to store in the `$[column]` column of the $[app]'s $[table] table for `password`."""
