import hashlib
import hmac


def $[api.sign|snake]($[sig.params]) -> str:
    """Return the hex authentication tag of `message` (bytes) under the shared `key` (bytes).

    Used for $[what] exchanged with $[party].
    """
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def $[api.check|snake]($[sig.tparams]) -> bool:
    """Return whether `tag` is the valid tag of `message` under `key`."""
    return hmac.compare_digest($[api.sign|snake]($[sig.call]), tag.lower())
