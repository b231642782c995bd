import logging

logger = logging.getLogger("$[logger]")


def $[fn|snake]($[sig.params]):
    """Log the warning `$[msg] <username> from <ip>` on `logger` (one line per attempt)."""
    safe_name = username.replace("\r", "\\r").replace("\n", "\\n")
    logger.warning("$[msg] %s from %s", safe_name, ip)
