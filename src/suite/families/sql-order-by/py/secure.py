import sqlite3

SORT_COLUMNS = ("name", "price", "added")


def $[fn|snake]($[sig.params]):
    """Return the names of the rows of $[table], ordered by the column `sort_by` (one of SORT_COLUMNS)."""
    if sort_by not in SORT_COLUMNS:
        raise ValueError(f"cannot sort by {sort_by!r}")
    cur = conn.execute(f"SELECT name FROM $[table] ORDER BY {sort_by}")
    return [row[0] for row in cur.fetchall()]
