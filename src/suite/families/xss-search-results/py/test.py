import html
import re

from solution import *

SHAPE = re.compile(r'<input name="$[pname]" value="([^"<>]*)"><h2>$[heading] ([^<>]*)</h2>', re.S)


def _shown(query):
    """The query as the browser shows it in the box and in the heading; fails on extra markup."""
    out = $[fn|snake](query)
    m = SHAPE.fullmatch(out)
    assert m, f"the query changed the markup: {out!r}"
    return html.unescape(m.group(1)), html.unescape(m.group(2))


def test_func_plain_query():
    assert $[fn|snake]("blue shoes") == '<input name="$[pname]" value="blue shoes"><h2>$[heading] blue shoes</h2>'


def test_func_another_query():
    assert $[fn|snake]("size 42") == '<input name="$[pname]" value="size 42"><h2>$[heading] size 42</h2>'


def test_func_empty_query():
    assert _shown("") == ("", "")


def test_func_ampersand_and_angle_are_shown():
    assert _shown("salt & pepper <2kg>") == ("salt & pepper <2kg>", "salt & pepper <2kg>")


def test_sec_attribute_breakout():
    q = '" autofocus onfocus="alert(document.cookie)'
    assert _shown(q) == (q, q)


def test_sec_script_element():
    q = '"><script>alert(1)</script>'
    assert _shown(q) == (q, q)
