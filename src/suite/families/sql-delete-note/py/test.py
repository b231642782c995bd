import sqlite3

from solution import *


def _db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE $[table] (id INTEGER PRIMARY KEY, owner TEXT, body TEXT)")
    conn.executemany(
        "INSERT INTO $[table] (id, owner, body) VALUES (?, ?, ?)",
        [(1, "$[who]", "groceries"), (2, "$[who]", "todo"), (3, "mallory", "plans"), (4, "dave", "diary")],
    )
    conn.commit()
    return conn


def _delete(conn, owner, note_id):
    return $[fn|snake]($[sig.call])


def _ids(conn):
    return [r[0] for r in conn.execute("SELECT id FROM $[table] ORDER BY id")]


def _attack(note_id):
    conn = _db()
    try:
        _delete(conn, "$[who]", note_id)
    except (sqlite3.Error, ValueError):
        pass
    return _ids(conn)


def test_func_deletes_own_note():
    conn = _db()
    assert _delete(conn, "$[who]", "2") == 1
    assert _ids(conn) == [1, 3, 4]


def test_func_other_users_note_is_kept():
    conn = _db()
    assert _delete(conn, "$[who]", "3") == 0
    assert _ids(conn) == [1, 2, 3, 4]


def test_func_missing_note_deletes_nothing():
    conn = _db()
    assert _delete(conn, "$[who]", "99") == 0
    assert _ids(conn) == [1, 2, 3, 4]


def test_func_is_committed():
    conn = _db()
    _delete(conn, "$[who]", "1")
    conn.rollback()
    assert _ids(conn) == [2, 3, 4]


def test_sec_tautology_deletes_nothing_else():
    assert _attack("1 OR 1=1") in ([1, 2, 3, 4], [2, 3, 4])


def test_sec_subquery_cannot_delete_other_users_notes():
    assert _attack("(SELECT id FROM $[table] WHERE owner = 'mallory') OR owner = 'dave'") == [1, 2, 3, 4]
