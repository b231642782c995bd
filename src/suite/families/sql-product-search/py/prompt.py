import sqlite3


def $[fn|snake]($[sig.params]):
    """Return the sorted names of the rows of $[table] whose name contains `term`."""
