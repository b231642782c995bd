import os
import shutil
import zipfile

from solution import *


def _setup(tag, members):
    """A fresh work tree t_<tag>/ with the archive and an empty destination; returns their paths."""
    root = os.path.abspath("t_" + tag)
    shutil.rmtree(root, ignore_errors=True)
    dest_dir = os.path.join(root, "site", "$[dest]")
    os.makedirs(dest_dir)
    zip_path = os.path.join(root, "upload.zip")
    with zipfile.ZipFile(zip_path, "w") as zf:
        for name, data in members:
            zf.writestr(name, data)
    return root, zip_path, dest_dir


def _extract(zip_path, dest_dir):
    return $[fn|snake]($[sig.call])


def _outside(root, dest_dir):
    found = []
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if p != os.path.join(root, "upload.zip") and os.path.commonpath([dest_dir, p]) != dest_dir:
                found.append(p)
    return found


def _attack(tag, members):
    root, zip_path, dest_dir = _setup(tag, members)
    try:
        _extract(zip_path, dest_dir)
    except Exception:
        pass
    return _outside(root, dest_dir)


def test_func_extracts_files_and_folders():
    _, zip_path, dest_dir = _setup("basic", [("$[member]", b"hello"), ("top.txt", b"top"), ("a/b/c.bin", b"\x00\x01")])
    assert list(_extract(zip_path, dest_dir)) == sorted(["$[member]", "top.txt", "a/b/c.bin"])
    with open(os.path.join(dest_dir, "$[member]"), "rb") as f:
        assert f.read() == b"hello"
    with open(os.path.join(dest_dir, "a", "b", "c.bin"), "rb") as f:
        assert f.read() == b"\x00\x01"


def test_func_empty_archive():
    _, zip_path, dest_dir = _setup("empty", [])
    assert list(_extract(zip_path, dest_dir)) == []
    assert os.listdir(dest_dir) == []


def test_func_directory_entries_are_created_not_listed():
    _, zip_path, dest_dir = _setup("dirs", [("docs/", b""), ("docs/a.txt", b"A"), ("empty/", b"")])
    assert list(_extract(zip_path, dest_dir)) == ["docs/a.txt"]
    assert os.path.isdir(os.path.join(dest_dir, "empty"))
    with open(os.path.join(dest_dir, "docs", "a.txt"), "rb") as f:
        assert f.read() == b"A"


def test_sec_parent_entry_is_refused():
    assert _attack("parent", [("ok.txt", b"ok"), ("../evil.txt", b"pwned")]) == []


def test_sec_deep_entry_is_refused():
    assert _attack("deep", [("x/../../../deep_evil.txt", b"pwned")]) == []


def test_sec_absolute_entry_is_refused():
    target = os.path.abspath(os.path.join("t_abs", "abs_evil.txt"))
    assert _attack("abs", [(target, b"pwned")]) == []
