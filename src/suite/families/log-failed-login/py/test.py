import io
import logging

from solution import *


def _capture(username, ip="$[ip]"):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log = logging.getLogger("$[logger]")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        $[fn|snake]($[sig.call])
    finally:
        log.removeHandler(handler)
    return stream.getvalue()


def _one_line(text):
    assert text.endswith("\n"), f"no complete log line: {text!r}"
    body = text[:-1]
    assert "\n" not in body and "\r" not in body, f"the attempt produced several lines: {text!r}"
    return body


def test_func_logs_a_warning():
    assert _capture("alice") == "WARNING $[msg] alice from $[ip]\n"


def test_func_logs_another_user():
    assert _capture("bob.smith-2", "203.0.113.9") == "WARNING $[msg] bob.smith-2 from 203.0.113.9\n"


def test_func_keeps_spaces_and_symbols():
    assert _capture("mary ann <m@x>") == "WARNING $[msg] mary ann <m@x> from $[ip]\n"


def test_sec_newline_cannot_forge_an_entry():
    line = _one_line(_capture("bob\nINFO login succeeded for user admin"))
    assert line.startswith("WARNING $[msg] bob")


def test_sec_carriage_return_cannot_forge_an_entry():
    line = _one_line(_capture("bob\r\nINFO login succeeded for user admin"))
    assert line.startswith("WARNING $[msg] bob")


def test_sec_lone_carriage_return():
    _one_line(_capture("eve\rWARNING nothing to see"))
