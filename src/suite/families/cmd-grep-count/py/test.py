import os

from solution import *

LINES = [
    "service started",
    "$[word]: disk quota",
    "request served",
    "retrying after $[word]",
    "$[word] $[word] twice on one line",
    "it's done",
    "shutdown",
]


def _make(name="$[file]"):
    with open(name, "w") as f:
        f.write("\n".join(LINES) + "\n")
    return name


def _count(path, word):
    return $[fn|snake]($[sig.call])


def _attack(word, marker):
    path = _make()
    if os.path.exists(marker):
        os.remove(marker)
    try:
        _count(path, word)
    except Exception:
        pass
    return os.path.exists(marker)


def test_func_counts_matching_lines():
    assert _count(_make(), "$[word]") == 3


def test_func_counts_a_single_line():
    assert _count(_make(), "shutdown") == 1


def test_func_no_match_is_zero():
    assert _count(_make(), "zebra") == 0


def test_func_word_is_not_a_regex():
    assert _count(_make(), "s.r") == 0


def test_func_missing_file_fails():
    try:
        _count("missing_$[file]", "$[word]")
    except Exception:
        return
    raise AssertionError("counting in a missing file did not fail")


def test_sec_quote_in_word_is_data():
    assert _count(_make(), "it's") == 1


def test_sec_quote_breakout_runs_no_command():
    assert not _attack("x' ; touch pwned_quote ; echo '", "pwned_quote")


def test_sec_command_substitution_runs_no_command():
    assert not _attack("'$(touch pwned_subst)'", "pwned_subst")
