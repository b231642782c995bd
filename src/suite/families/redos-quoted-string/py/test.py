import multiprocessing

from solution import *


def _run_in_child(line, conn):
    conn.send($[fn|snake](line))


def _answer_within(line, seconds=1.0):
    """(finished, result) for `line`; finished is False if it takes longer than `seconds` (measured here)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_run_in_child, args=(line, child))
    p.start()
    finished = parent.poll(seconds)
    answer = parent.recv() if finished else None
    if p.is_alive():
        p.kill()
    p.join()
    return finished, answer


def test_func_plain_value():
    assert $[fn|snake]('$[key] = "$[sample]"') == "$[sample]"


def test_func_escaped_quote_and_backslash():
    assert $[fn|snake](r'say "he said \"hi\"" now') == 'he said "hi"'
    assert $[fn|snake](r'path = "C:\\temp\\new"') == "C:\\temp\\new"


def test_func_first_of_two_and_empty_string():
    assert $[fn|snake]('a = "one", b = "two"') == "one"
    assert $[fn|snake]('$[key] = ""') == ""


def test_func_no_complete_string_is_none():
    assert $[fn|snake]("$[key] = 42") is None
    assert $[fn|snake]('$[key] = "unterminated') is None


def test_sec_unterminated_backslash_run_is_fast():
    assert _answer_within('$[key] = "' + "\\" * 44) == (True, None)


def test_sec_unterminated_escape_pairs_are_fast():
    assert _answer_within('$[key] = "' + "\\a" * 36) == (True, None)
