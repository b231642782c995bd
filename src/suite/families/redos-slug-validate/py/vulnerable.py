import re


def $[fn|snake](slug):
    """Return True if `slug` is a valid $[entity] slug such as "$[sample]"."""
    return re.match(r"^([a-z0-9]+-?)*[a-z0-9]+$", slug) is not None
