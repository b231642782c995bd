import re


def $[fn|snake](text):
    """Remove the spaces and tabs at the end of every line of the user's $[field] `text`."""
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)
