import ast


def $[fn|snake](text: str) -> dict:
    """Parse the $[what] `text`: one `key $[sep] value` per line, values are Python literals.

    Blank lines and lines starting with "$[comment]" are ignored.
    """
    settings = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("$[comment]"):
            continue
        key, sep, value = line.partition("$[sep]")
        if not sep or not key.strip():
            raise ValueError("line %d: expected 'key $[sep] value'" % number)
        settings[key.strip()] = eval(value.strip())
    return settings
