import sqlite3


def $[fn|snake]($[sig.params]):
    """Return the email of the user called `name` in table $[table], or None."""
    cur = conn.cursor()
    cur.execute("SELECT email FROM $[table] WHERE name = ?", (name,))
    row = cur.fetchone()
    return row[0] if row else None
