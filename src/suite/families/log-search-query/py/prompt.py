import logging

logger = logging.getLogger("search")


def $[fn|snake]($[sig.params]):
    """Log `search $[label]=<query> results=<count>` at INFO on `logger`: one line per search."""
