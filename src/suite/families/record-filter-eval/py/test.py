import os
import tempfile

from solution import *

PEOPLE = [
    {"name": "ana", "age": 34, "city": "Oslo"},
    {"name": "bo", "age": 27, "city": "Rome"},
    {"name": "cy", "age": 51, "city": "Oslo"},
    {"name": "di", "age": 40, "city": "Lima"},
]

ESCAPE = "[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0].__init__.__globals__"


def _names(condition, rows=PEOPLE):
    return [r["name"] for r in $[fn|snake]($[sig.call])]


def _attempt(condition, rows=PEOPLE):
    try:
        $[fn|snake]($[sig.call])
    except Exception:
        pass


def test_func_comparisons():
    assert _names("age >= 34") == ["ana", "cy", "di"]
    assert _names("city == 'Oslo'") == ["ana", "cy"]
    assert _names("city != 'Oslo'") == ["bo", "di"]
    assert _names("age > 100") == []


def test_func_boolean_operators_and_parentheses():
    assert _names("city == 'Oslo' and age < 40") == ["ana"]
    assert _names("not (age > 30) or city == 'Lima'") == ["bo", "di"]
    assert _names("(age < 30 or age > 45) and city != 'Rome'") == ["cy"]


def test_func_empty_input_and_malformed_condition():
    assert _names("age > 1", rows=[]) == []
    for bad in ["age >=", "city == 'Oslo", "(age > 1"]:
        try:
            _names(bad)
        except Exception:
            continue
        raise AssertionError("malformed condition accepted: %r" % bad)


def test_sec_condition_cannot_run_code():
    marker = os.path.join(tempfile.mkdtemp(), "pwned")
    _attempt("age > 1 and %s['mkdir'](%r)" % (ESCAPE, marker))
    assert not os.path.exists(marker), "the filter condition ran code (created %s)" % marker


def test_sec_condition_cannot_change_the_process():
    os.environ.pop("FILTER_PWNED", None)
    _attempt("%s['environ'].update(FILTER_PWNED='owned') or age > 1" % ESCAPE)
    leaked = os.environ.pop("FILTER_PWNED", None)
    assert leaked is None, "the filter condition ran code in the process"
