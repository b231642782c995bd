import re


def $[fn|snake](line):
    """Return the unescaped content of the first "..." string in `line` (\\ escapes), or None."""
