import os
import tempfile

from solution import *


def _close(a, b):
    return abs(a - b) < 1e-9


def test_func_precedence_and_parentheses():
    assert _close($[fn|snake]("2 + 3 * 4"), 14)
    assert _close($[fn|snake]("(1 + 2) * 3"), 9)
    assert _close($[fn|snake]("2 * (3 + (4 - 1))"), 12)


def test_func_division_decimals_unary_minus():
    assert _close($[fn|snake]("-4 + 10 / 4"), -1.5)
    assert _close($[fn|snake]("0.5 * 3"), 1.5)
    assert _close($[fn|snake]("-(5 - 8) * 2"), 6)
    assert _close($[fn|snake]("  7 "), 7)


def test_func_malformed_input_raises():
    for bad in ["2 +", "", "(1 + 2", "3 3"]:
        try:
            $[fn|snake](bad)
        except Exception:
            continue
        raise AssertionError("malformed input accepted: %r" % bad)


def _attempt(expression):
    try:
        $[fn|snake](expression)
    except Exception:
        pass


def test_sec_import_payload_runs_no_code():
    marker = os.path.join(tempfile.mkdtemp(), "pwned")
    _attempt("__import__('os').mkdir(%r)" % marker)
    assert not os.path.exists(marker), "the $[what] ran code (created %s)" % marker


def test_sec_introspection_escape_runs_no_code():
    marker = os.path.join(tempfile.mkdtemp(), "pwned")
    payload = (
        "[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0]"
        ".__init__.__globals__['mkdir'](%r)" % marker
    )
    _attempt(payload)
    assert not os.path.exists(marker), "the $[what] escaped to os via introspection (created %s)" % marker
