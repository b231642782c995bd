import re


def $[fn|snake](address):
    """Return True if `address` is a valid email address such as $[local]@$[domain]."""
