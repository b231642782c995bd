import ast
import operator


def $[fn|snake](expression: str) -> float:
    """Return the value of the arithmetic $[what] typed into the $[app], e.g. "$[example]".

    Numbers, + - * /, unary minus and parentheses are supported; anything else is an error.
    """
