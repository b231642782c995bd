import os

from solution import *

SECRET = b"db_password=hunter2\n"


def _site():
    root = os.path.abspath("site")
    for d in ("$[base]/css", "$[base]_private"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    files = {
        "$[base]/$[page]": b"<h1>welcome</h1>\n",
        "$[base]/css/site.css": b"body { color: black }\n",
        "secret.txt": SECRET,
        "$[base]_private/key.txt": SECRET,
    }
    for rel, data in files.items():
        with open(os.path.join(root, rel), "wb") as f:
            f.write(data)
    return os.path.join(root, "$[base]")


def _read(base_dir, name):
    return $[fn|snake]($[sig.call])


def _leaks(name):
    base_dir = _site()
    try:
        data = _read(base_dir, name)
    except Exception:
        return False
    return data is not None and SECRET in bytes(data)


def test_func_reads_top_level_file():
    assert _read(_site(), "$[page]") == b"<h1>welcome</h1>\n"


def test_func_reads_nested_file():
    assert _read(_site(), "css/site.css") == b"body { color: black }\n"


def test_func_missing_file_is_none():
    assert _read(_site(), "nope.html") is None


def test_sec_parent_directory_is_refused():
    assert not _leaks("../secret.txt")


def test_sec_nested_traversal_is_refused():
    assert not _leaks("css/../../secret.txt")


def test_sec_absolute_path_is_refused():
    assert not _leaks(os.path.abspath("site/secret.txt"))


def test_sec_sibling_with_same_prefix_is_refused():
    assert not _leaks("../$[base]_private/key.txt")
