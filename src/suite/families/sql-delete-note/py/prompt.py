import sqlite3


def $[fn|snake]($[sig.params]):
    """Delete the $[table] row with id `note_id` (a string from the URL) owned by `owner`; return the deleted count."""
