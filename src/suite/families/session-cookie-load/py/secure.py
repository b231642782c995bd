"""Session cookies: the $[what] (a dict) travels to the browser and back in the `$[cookie]` cookie.

    $[api.dump|snake](session: dict) -> str   the session as $[b64.name] text
    $[api.load|snake](cookie: str) -> dict    the session back from a cookie value (raises if malformed)
"""
import base64
import json


def $[api.dump|snake](session: dict) -> str:
    """Encode the $[what] as $[b64.name] text for the `$[cookie]` cookie."""
    return base64.$[b64.enc](json.dumps(session).encode("utf-8")).decode("ascii")


def $[api.load|snake](cookie: str) -> dict:
    """Decode a `$[cookie]` cookie value produced by $[api.dump|snake]."""
    data = json.loads(base64.$[b64.dec](cookie.encode("ascii")).decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("$[cookie] cookie does not hold a session")
    return data
