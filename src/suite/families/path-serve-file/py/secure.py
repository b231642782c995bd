import os


def $[fn|snake]($[sig.params]):
    """Return the bytes of the file `name` under `base_dir`, or None if it is missing or outside `base_dir`."""
    base = os.path.realpath(base_dir)
    path = os.path.realpath(os.path.join(base, name))
    if os.path.commonpath([base, path]) != base or not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        return f.read()
