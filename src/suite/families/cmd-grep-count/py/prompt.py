import subprocess


def $[fn|snake]($[sig.params]):
    """Return the number of lines of `path` that contain `word` (a fixed string), counted by grep."""
