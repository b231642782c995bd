import base64
import hashlib
import hmac
import json


def _b64url_decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def $[fn|snake]($[sig.params]) -> dict:
    """Return the claims of the HS256 JWT `token` ($[what], issued by $[issuer]) signed with `key` (bytes).

    Raise ValueError if the token is not valid.
    """
    try:
        header_b64, payload_b64, signature_b64 = token.split(".")
        header = json.loads(_b64url_decode(header_b64))
        claims = json.loads(_b64url_decode(payload_b64))
        signature = _b64url_decode(signature_b64)
        signing_input = (header_b64 + "." + payload_b64).encode("ascii")
    except (ValueError, TypeError) as exc:
        raise ValueError("malformed token") from exc
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise ValueError("unexpected token algorithm")
    expected = hmac.new(key, signing_input, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, signature):
        raise ValueError("bad token signature")
    return claims
