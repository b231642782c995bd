import sqlite3


def $[fn|snake]($[sig.params]):
    """Insert a comment into $[table] (columns id, post_id, author, body), commit, and return the new id."""
