import re


def $[fn|snake](slug):
    """Return True if `slug` is a valid $[entity] slug such as "$[sample]"."""
