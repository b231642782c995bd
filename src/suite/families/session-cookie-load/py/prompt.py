"""Session cookies: the $[what] (a dict) travels to the browser and back in the `$[cookie]` cookie.

    $[api.dump|snake](session: dict) -> str   the session as $[b64.name] text
    $[api.load|snake](cookie: str) -> dict    the session back from a cookie value (raises if malformed)
"""
import base64
