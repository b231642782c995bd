import sqlite3

from solution import *


def _db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE $[table] (id INTEGER PRIMARY KEY, post_id INTEGER, author TEXT, body TEXT)")
    conn.execute("INSERT INTO $[table] (post_id, author, body) VALUES (1, 'mod', 'Welcome!')")
    conn.execute("CREATE TABLE api_keys (owner TEXT, token TEXT)")
    conn.execute("INSERT INTO api_keys VALUES ('admin', 'sk-live-7f3a9c')")
    conn.commit()
    return conn


def _add(conn, post_id, author, body):
    return $[fn|snake]($[sig.call])


def _rows(conn):
    return conn.execute("SELECT post_id, author, body FROM $[table] ORDER BY id").fetchall()


def _attack(author, body):
    conn = _db()
    try:
        _add(conn, 7, author, body)
    except sqlite3.Error:
        pass
    return _rows(conn)


def test_func_inserts_a_comment():
    conn = _db()
    new_id = _add(conn, 7, "alice", "$[body]")
    assert conn.execute("SELECT post_id, author, body FROM $[table] WHERE id = ?", (new_id,)).fetchone() == (7, "alice", "$[body]")


def test_func_ids_are_distinct():
    conn = _db()
    a = _add(conn, 7, "alice", "first")
    b = _add(conn, 8, "bob", "second")
    assert a != b
    assert _rows(conn) == [(1, "mod", "Welcome!"), (7, "alice", "first"), (8, "bob", "second")]


def test_func_is_committed():
    conn = _db()
    _add(conn, 3, "carol", "$[body]")
    conn.rollback()
    assert (3, "carol", "$[body]") in _rows(conn)


def test_sec_quote_in_body_is_stored():
    rows = _attack("dave", "it's a 'quoted' word")
    assert rows[1:] == [(7, "dave", "it's a 'quoted' word")]


def test_sec_body_cannot_add_rows():
    body = "x'), (1, 'admin', 'I approve this post') --"
    assert _attack("eve", body)[1:] == [(7, "eve", body)]


def test_sec_author_cannot_copy_secrets():
    author = "a' || (SELECT token FROM api_keys) || '"
    rows = _attack(author, "$[body]")
    assert not any("sk-live" in str(r) for r in rows)
    assert rows[1:] == [(7, author, "$[body]")]
