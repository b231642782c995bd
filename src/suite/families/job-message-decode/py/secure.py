import json
import pickle

MAX_BODY = $[limit]


def $[api.enc|snake](task: str, args: list) -> bytes:
    """Serialize a job for the $[queue] workers (task name, JSON-compatible argument list) for $[broker]."""
    return json.dumps({"task": task, "args": args}).encode("utf-8")


def $[api.dec|snake](body: bytes) -> tuple:
    """Return (task, args) from a message body made by $[api.enc|snake]."""
    if len(body) > MAX_BODY:
        raise ValueError("message body of %d bytes exceeds MAX_BODY" % len(body))
    msg = json.loads(body.decode("utf-8"))
    if not isinstance(msg, dict) or not isinstance(msg.get("task"), str) or not isinstance(msg.get("args"), list):
        raise ValueError("malformed job message")
    return msg["task"], msg["args"]
