import sqlite3


def $[fn|snake]($[sig.params]):
    """Delete the $[table] row with id `note_id` (a string from the URL) owned by `owner`; return the deleted count."""
    cur = conn.execute("DELETE FROM $[table] WHERE owner = ? AND id = ?", (owner, note_id))
    conn.commit()
    return cur.rowcount
