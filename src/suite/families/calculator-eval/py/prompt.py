import ast
import operator


def $[fn|snake](expression: str) -> float:
    """Return the value of the arithmetic $[what] `expression`, e.g. "$[example]".

    Numbers, + - * /, unary minus and parentheses are supported; anything else is an error.
    """
