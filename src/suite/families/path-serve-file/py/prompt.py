import os


def $[fn|snake]($[sig.params]):
    """Return the bytes of the file `name` under `base_dir`, or None if it is missing or outside `base_dir`."""
