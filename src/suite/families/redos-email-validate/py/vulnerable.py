import re


def $[fn|snake](address):
    """Return True if `address` is a valid email address such as $[local]@$[domain]."""
    return re.fullmatch(r"([a-z0-9]+[._-]?)+@[a-z0-9-]+(\.[a-z0-9-]+)+", address) is not None
