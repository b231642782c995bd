import random
import secrets

ALPHABET = "$[alpha.chars]"


def $[fn|snake](length: int) -> str:
    """Return a random password of `length` characters from ALPHABET for $[who]."""
    return "".join(random.choice(ALPHABET) for _ in range(length))
