import sqlite3


def $[fn|snake]($[sig.params]):
    """Return the sorted names of the rows of $[table] whose name contains `term`."""
    cur = conn.execute(f"SELECT name FROM $[table] WHERE name LIKE '%{term}%' ORDER BY name")
    return [row[0] for row in cur.fetchall()]
