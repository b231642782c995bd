import sqlite3

from solution import *


def _db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE $[table] (name TEXT, price INTEGER, added INTEGER)")
    conn.executemany(
        "INSERT INTO $[table] VALUES (?, ?, ?)",
        [("kettle", 30, 3), ("toaster", 25, 1), ("blender", 80, 2), ("mixer", 55, 4)],
    )
    conn.execute("CREATE TABLE api_keys (owner TEXT, token TEXT)")
    conn.execute("INSERT INTO api_keys VALUES ('admin', 'sk-live-7f3a9c')")
    return conn


def _call(conn, sort_by):
    return list($[fn|snake]($[sig.call]))


def test_func_sort_by_name():
    assert _call(_db(), "name") == ["blender", "kettle", "mixer", "toaster"]


def test_func_sort_by_price():
    assert _call(_db(), "price") == ["toaster", "kettle", "mixer", "blender"]


def test_func_sort_by_added():
    assert _call(_db(), "added") == ["toaster", "blender", "kettle", "mixer"]


def test_func_unknown_column_is_an_error():
    try:
        _call(_db(), "colour")
    except Exception:
        return
    raise AssertionError("sorting by an unknown column did not fail")


def _probe(payload_of):
    conn = _db()
    seen = []
    conn.create_function("probe", 1, lambda x: seen.append(x) or 0)
    try:
        _call(conn, payload_of)
    except Exception:
        pass
    return seen


def test_sec_sort_key_cannot_call_functions():
    assert _probe("probe(price)") == []


def test_sec_sort_key_cannot_read_other_tables():
    seen = _probe("probe((SELECT token FROM api_keys))")
    assert "sk-live-7f3a9c" not in seen
    assert seen == []
