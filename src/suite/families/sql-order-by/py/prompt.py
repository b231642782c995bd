import sqlite3

SORT_COLUMNS = ("name", "price", "added")


def $[fn|snake]($[sig.params]):
    """Return the names of the rows of $[table], ordered by the column `sort_by` (one of SORT_COLUMNS)."""
