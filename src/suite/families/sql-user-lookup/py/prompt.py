import sqlite3


def $[fn|snake]($[sig.params]):
    """Return the email of the user called `name` in table $[table], or None."""
