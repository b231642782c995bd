import json
import pickle

MAX_BODY = $[limit]


def $[api.enc|snake](task: str, args: list) -> bytes:
    """Serialize a job for the $[queue] workers (task name, JSON-compatible argument list) for $[broker]."""
