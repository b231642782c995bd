import hashlib
import hmac


def $[api.sign|snake]($[sig.params]) -> str:
    """Return the hex authentication tag of `message` (bytes) under the shared `key` (bytes).

    Used for $[what] exchanged with $[party].
    """
