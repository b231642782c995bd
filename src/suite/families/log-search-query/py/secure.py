import logging

logger = logging.getLogger("search")


def $[fn|snake]($[sig.params]):
    """Log `search $[label]=<query> results=<count>` at INFO on `logger`: one line per search."""
    safe = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in query)
    logger.info("search $[label]=%s results=%d", safe, count)
