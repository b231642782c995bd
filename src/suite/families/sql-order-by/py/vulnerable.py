import sqlite3

SORT_COLUMNS = ("name", "price", "added")


def $[fn|snake]($[sig.params]):
    """Return the names of the rows of $[table], ordered by the column `sort_by` (one of SORT_COLUMNS)."""
    cur = conn.execute(f"SELECT name FROM $[table] ORDER BY {sort_by}")
    return [row[0] for row in cur.fetchall()]
