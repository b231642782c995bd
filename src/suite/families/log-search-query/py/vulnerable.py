import logging

logger = logging.getLogger("search")


def $[fn|snake]($[sig.params]):
    """Log `search $[label]=<query> results=<count>` at INFO on `logger`: one line per search."""
    safe = query.replace("\n", "\\n")
    logger.info("search $[label]=%s results=%d", safe, count)
