import os
import shutil

from solution import *

DATA = b"\x89PNG fake image bytes"


def _fresh(tag):
    root = os.path.abspath("t_" + tag)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "app", "$[dir]"))
    return root, os.path.join(root, "app", "$[dir]")


def _save(upload_dir, filename, data=DATA):
    return $[fn|snake]($[sig.call])


def _written_outside(root, upload_dir):
    """Every file under root that is not inside upload_dir."""
    out = []
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if os.path.commonpath([upload_dir, p]) != upload_dir:
                out.append(p)
    return out


def _attack(tag, filename):
    root, upload_dir = _fresh(tag)
    try:
        _save(upload_dir, filename)
    except Exception:
        pass
    return _written_outside(root, upload_dir)


def test_func_saves_the_file():
    _, upload_dir = _fresh("save")
    path = _save(upload_dir, "$[name]")
    assert os.path.samefile(path, os.path.join(upload_dir, "$[name]"))
    with open(os.path.join(upload_dir, "$[name]"), "rb") as f:
        assert f.read() == DATA


def test_func_overwrites_same_name():
    _, upload_dir = _fresh("overwrite")
    _save(upload_dir, "$[name]", b"old")
    _save(upload_dir, "$[name]", b"new")
    with open(os.path.join(upload_dir, "$[name]"), "rb") as f:
        assert f.read() == b"new"


def test_func_keeps_other_names_apart():
    _, upload_dir = _fresh("two")
    _save(upload_dir, "a_$[name]", b"one")
    _save(upload_dir, "b_$[name]", b"two")
    assert sorted(os.listdir(upload_dir)) == ["a_$[name]", "b_$[name]"]


def test_sec_parent_directory_name():
    assert _attack("parent", "../settings.py") == []


def test_sec_deep_traversal_name():
    assert _attack("deep", "../../evil_$[name]") == []


def test_sec_absolute_name():
    root, upload_dir = _fresh("abs")
    target = os.path.join(root, "app", "abs_$[name]")
    try:
        _save(upload_dir, target)
    except Exception:
        pass
    assert not os.path.exists(target)
