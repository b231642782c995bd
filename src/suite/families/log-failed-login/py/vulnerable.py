import logging

logger = logging.getLogger("$[logger]")


def $[fn|snake]($[sig.params]):
    """Log the warning `$[msg] <username> from <ip>` on `logger` (one line per attempt)."""
    logger.warning("$[msg] %s from %s", username, ip)
