import os


def $[fn|snake]($[sig.params]):
    """Return the bytes of the file `name` under `base_dir`, or None if it is missing or outside `base_dir`."""
    path = os.path.join(base_dir, name)
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        return f.read()
