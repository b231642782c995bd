import io
import logging

from solution import *


def _capture(query, count=12):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log = logging.getLogger("search")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        $[fn|snake]($[sig.call])
    finally:
        log.removeHandler(handler)
    return stream.getvalue()


def _intact(text):
    """The one log line, or an assertion error if the entry is split or holds control characters."""
    assert text.endswith("\n"), f"no complete log line: {text!r}"
    body = text[:-1]
    assert len(body.splitlines()) == 1 and body.isprintable(), f"the entry is not one printable line: {text!r}"
    return body


def test_func_logs_the_search():
    assert _capture("$[sample]") == "INFO search $[label]=$[sample] results=12\n"


def test_func_logs_count_and_symbols():
    assert _capture("size 42 & up <sale>", 0) == "INFO search $[label]=size 42 & up <sale> results=0\n"


def test_func_keeps_printable_unicode():
    assert _capture("caf\u00e9 cr\u00e8me", 3) == "INFO search $[label]=caf\u00e9 cr\u00e8me results=3\n"


def test_sec_crlf_cannot_forge_an_entry():
    assert _intact(_capture("$[sample]\r\nINFO admin password reset ok")).startswith("INFO search $[label]=$[sample]")


def test_sec_carriage_return_cannot_hide_the_entry():
    _intact(_capture("$[sample]\rINFO search $[label]=nothing results=0"))


def test_sec_unicode_line_separators_cannot_split_the_entry():
    for sep in ("\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1e"):
        _intact(_capture("$[sample]" + sep + "INFO forged entry"))
