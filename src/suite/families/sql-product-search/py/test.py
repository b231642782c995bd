import sqlite3

from solution import *


def _db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE $[table] (name TEXT, price INTEGER)")
    conn.executemany(
        "INSERT INTO $[table] VALUES (?, ?)",
        [("steel kettle", 30), ("glass kettle", 45), ("toaster", 25), ("o'clock radio", 60)],
    )
    conn.execute("CREATE TABLE api_keys (owner TEXT, token TEXT)")
    conn.execute("INSERT INTO api_keys VALUES ('admin', 'sk-live-7f3a9c')")
    return conn


def test_func_finds_matches_sorted():
    conn, term = _db(), "kettle"
    assert $[fn|snake]($[sig.call]) == ["glass kettle", "steel kettle"]


def test_func_single_match():
    conn, term = _db(), "toast"
    assert $[fn|snake]($[sig.call]) == ["toaster"]


def test_func_no_match_is_empty():
    conn, term = _db(), "blender"
    assert list($[fn|snake]($[sig.call])) == []


def test_sec_quote_in_term_is_data():
    conn, term = _db(), "o'clock"
    assert $[fn|snake]($[sig.call]) == ["o'clock radio"]


def test_sec_tautology_lists_nothing():
    conn, term = _db(), "zz' OR 1=1 --"
    try:
        found = list($[fn|snake]($[sig.call]))
    except sqlite3.Error:
        found = None
    assert found == []


def test_sec_union_does_not_leak_other_tables():
    conn, term = _db(), "zz' UNION SELECT token FROM api_keys --"
    try:
        found = list($[fn|snake]($[sig.call]))
    except sqlite3.Error:
        found = []
    assert not any("sk-live" in str(x) for x in found)
    assert found == []
