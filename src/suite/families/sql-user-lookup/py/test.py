import sqlite3

from solution import *


def _db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE $[table] (name TEXT, email TEXT)")
    conn.executemany(
        "INSERT INTO $[table] VALUES (?, ?)",
        [("alice", "alice@example.org"), ("bob", "bob@example.org"), ("o'brien", "ob@example.org")],
    )
    return conn


def test_func_finds_existing_user():
    conn, name = _db(), "bob"
    assert $[fn|snake]($[sig.call]) == "bob@example.org"


def test_func_missing_user_is_none():
    conn, name = _db(), "carol"
    assert $[fn|snake]($[sig.call]) is None


def test_sec_quote_in_name_is_data():
    conn, name = _db(), "o'brien"
    assert $[fn|snake]($[sig.call]) == "ob@example.org"


def test_sec_tautology_does_not_match():
    conn, name = _db(), "nobody' OR '1'='1"
    assert $[fn|snake]($[sig.call]) is None


def test_sec_union_does_not_leak():
    conn, name = _db(), "x' UNION SELECT email FROM $[table] WHERE name='alice"
    assert $[fn|snake]($[sig.call]) is None
