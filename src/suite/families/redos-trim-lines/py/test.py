import multiprocessing

from solution import *


def _run_in_child(text, conn):
    conn.send($[fn|snake](text))


def _answer_within(text, seconds=1.0):
    """The result for `text`, or None if it takes longer than `seconds` (measured here)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_run_in_child, args=(text, child))
    p.start()
    answer = parent.recv() if parent.poll(seconds) else None
    if p.is_alive():
        p.kill()
    p.join()
    return answer


def test_func_strips_each_line():
    assert $[fn|snake]("$[sample]  \nsecond\t\n  third  ") == "$[sample]\nsecond\n  third"


def test_func_keeps_clean_text_and_inner_spaces():
    assert $[fn|snake]("$[sample]\na  b\tc") == "$[sample]\na  b\tc"


def test_func_keeps_empty_lines_and_blank_lines_become_empty():
    assert $[fn|snake]("a\n\n   \n\t\nb \n") == "a\n\n\n\nb\n"


def test_func_empty_text():
    assert $[fn|snake]("") == ""


def test_sec_long_blank_run_before_a_character_is_fast():
    text = " " * 60000 + "x"
    assert _answer_within(text) == text


def test_sec_long_mixed_blank_run_in_a_line_is_fast():
    text = "$[sample]\n" + " \t" * 30000 + "!\nend  "
    assert _answer_within(text) == "$[sample]\n" + " \t" * 30000 + "!\nend"
