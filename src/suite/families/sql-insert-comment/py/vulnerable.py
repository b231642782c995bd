import sqlite3


def $[fn|snake]($[sig.params]):
    """Insert a comment into $[table] (columns id, post_id, author, body), commit, and return the new id."""
    cur = conn.execute(
        f"INSERT INTO $[table] (post_id, author, body) VALUES ({post_id}, '{author}', '{body}')"
    )
    conn.commit()
    return cur.lastrowid
