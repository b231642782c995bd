import os


def $[fn|snake](config_path: str) -> str:
    """Return the Authorization header value for the $[service.name] API (key: `$[keyname]` in config_path)."""
    key = None
    if os.path.exists(config_path):
        with open(config_path, encoding="utf-8") as f:
            for line in f:
                name, sep, value = line.partition("$[sep]")
                if sep and name.strip() == "$[keyname]":
                    key = value.strip()
    if not key:
        key = "$[service.fallback]"
    return "Bearer " + key
