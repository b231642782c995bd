import random
import secrets

CODE_DIGITS = $[digits.n]


def $[fn|snake]() -> str:
    """Return a new $[digits.n]-digit code for the $[app]'s $[purpose] flow (zero-padded string)."""
    return "%0*d" % (CODE_DIGITS, secrets.randbelow(10 ** CODE_DIGITS))
