import html
import re

from solution import *


def _render(name, url):
    return $[fn|snake]($[sig.call])


def _hrefs(out):
    """Every href value in `out` as the browser reads it (entities decoded, leading blanks dropped)."""
    vals = re.findall(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", out, re.I)
    return [re.sub(r"^[\x00-\x20]+", "", html.unescape(a or b or c)) for a, b, c in vals]


def _only_web_links(out):
    return all(re.match(r"(?i)https?://", h) for h in _hrefs(out))


def test_func_links_https():
    assert _render("$[who]", "https://$[who].example.dev") == '<a href="https://$[who].example.dev" rel="$[rel]">$[who]</a>'


def test_func_links_http_with_query():
    out = _render("$[who]", "http://example.com/?a=1&b=2")
    assert _hrefs(out) == ["http://example.com/?a=1&b=2"]
    assert out.endswith('rel="$[rel]">$[who]</a>')


def test_func_escapes_the_name():
    out = _render("Tom & Jerry <3", "https://tj.example.org")
    assert html.unescape(re.sub(r"<[^>]*>", "", out)) == "Tom & Jerry <3"
    assert "<3" not in out


def test_func_empty_url_is_just_the_name():
    assert _render("$[who]", "") == "$[who]"


def test_sec_javascript_url_is_not_linked():
    out = _render("$[who]", "javascript:alert(document.cookie)")
    assert _only_web_links(out), out


def test_sec_mixed_case_and_blank_javascript_url_is_not_linked():
    for url in ["JaVaScRiPt:alert(1)", " javascript:alert(1)", "\tjavascript:alert(1)"]:
        out = _render("$[who]", url)
        assert _only_web_links(out), out


def test_sec_data_url_is_not_linked():
    out = _render("$[who]", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")
    assert _only_web_links(out), out


def test_sec_quote_cannot_leave_the_attribute():
    out = _render("$[who]", 'https://x.example/" onmouseover="alert(1)')
    assert "onmouseover=" not in re.sub(r'"[^"]*"', '""', out)
