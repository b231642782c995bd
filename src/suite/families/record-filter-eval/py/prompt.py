import ast
import operator


def $[fn|snake]($[sig.params]) -> list:
    """Return the $[what] (dicts) for which `condition` holds, in their original order.

    A condition compares fields with literals, e.g. "$[example]": field names, numbers,
    'single-quoted' strings, == != < <= > >=, and/or/not and parentheses.
    """
