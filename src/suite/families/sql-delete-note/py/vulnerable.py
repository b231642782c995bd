import sqlite3


def $[fn|snake]($[sig.params]):
    """Delete the $[table] row with id `note_id` (a string from the URL) owned by `owner`; return the deleted count."""
    cur = conn.execute(f"DELETE FROM $[table] WHERE owner = ? AND id = {note_id}", (owner,))
    conn.commit()
    return cur.rowcount
