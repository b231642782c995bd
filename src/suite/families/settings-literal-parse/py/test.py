import os
import tempfile

from solution import *


def test_func_typed_values():
    text = "port $[sep] 8080\nname $[sep] 'api'\nratio $[sep] 0.25\ndebug $[sep] False\nhosts $[sep] ['a', 'b']\nlimits $[sep] {'rps': 5}\nproxy $[sep] None\n"
    assert $[fn|snake](text) == {
        "port": 8080, "name": "api", "ratio": 0.25, "debug": False,
        "hosts": ["a", "b"], "limits": {"rps": 5}, "proxy": None,
    }


def test_func_comments_blank_lines_and_spaces():
    text = "$[comment] generated\n\n   retries   $[sep]   3   \n$[comment] timeout $[sep] 1\n"
    assert $[fn|snake](text) == {"retries": 3}
    assert $[fn|snake]("") == {}


def test_func_malformed_value_raises():
    try:
        $[fn|snake]("name $[sep] 'unterminated\n")
    except Exception:
        return
    raise AssertionError("malformed value accepted")


def _attempt(text):
    try:
        $[fn|snake](text)
    except Exception:
        pass


def test_sec_value_cannot_import_modules():
    marker = os.path.join(tempfile.mkdtemp(), "pwned")
    _attempt("level $[sep] __import__('os').mkdir(%r)\n" % marker)
    assert not os.path.exists(marker), "a setting value ran code (created %s)" % marker


def test_sec_value_cannot_open_files():
    marker = os.path.join(tempfile.mkdtemp(), "pwned.txt")
    _attempt("name $[sep] 'x'\nbanner $[sep] open(%r, 'w').write('owned')\n" % marker)
    assert not os.path.exists(marker), "a setting value wrote a file (%s)" % marker
