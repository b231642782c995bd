import re


def $[fn|snake](line):
    """Return the unescaped content of the first "..." string in `line` (\\ escapes), or None."""
    m = re.search(r'"((?:\\.|[^"])*)"', line)
    if m is None:
        return None
    return re.sub(r"\\(.)", r"\1", m.group(1))
