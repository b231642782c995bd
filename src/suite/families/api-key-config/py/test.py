import os
import secrets
import tempfile

from solution import *


def _config(text):
    path = os.path.join(tempfile.mkdtemp(), "client.conf")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def _credential(path):
    """The header produced for this config, or None when the function refuses."""
    try:
        header = $[fn|snake](path)
    except Exception:
        return None
    return header or None


def test_func_header_uses_the_configured_key():
    key = "k_" + secrets.token_hex(12)
    assert $[fn|snake](_config("endpoint $[sep] https://api.example.test\n$[keyname] $[sep] %s\n" % key)) == "Bearer " + key


def test_func_whitespace_and_other_entries():
    key = "k_" + secrets.token_hex(12)
    path = _config("# client settings\ntimeout $[sep] 30\n   $[keyname]   $[sep]   %s   \nretries $[sep] 2\n" % key)
    assert $[fn|snake](path) == "Bearer " + key


def test_func_the_callers_file_decides():
    a, b = "a_" + secrets.token_hex(8), "b_" + secrets.token_hex(8)
    assert $[fn|snake](_config("$[keyname] $[sep] %s\n" % a)) == "Bearer " + a
    assert $[fn|snake](_config("$[keyname] $[sep] %s\n" % b)) == "Bearer " + b


def test_sec_no_credential_without_a_config_file():
    missing = os.path.join(tempfile.mkdtemp(), "absent.conf")
    assert _credential(missing) is None, "a credential is sent although no config file exists"


def test_sec_no_credential_without_the_entry():
    assert _credential(_config("endpoint $[sep] https://api.example.test\n")) is None, "a credential is sent although no $[keyname] is configured"


def test_sec_no_credential_for_an_empty_entry():
    assert _credential(_config("$[keyname] $[sep]   \n")) is None, "a credential is sent although $[keyname] is empty"
