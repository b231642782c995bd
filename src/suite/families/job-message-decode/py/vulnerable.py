"""Job messages for the $[queue] workers, carried by $[broker].

    $[api.enc|snake](task: str, args: list) -> bytes   a message body for the job
    $[api.dec|snake](body: bytes) -> tuple             (task, args) back from a body; raises if the body
                                                       is malformed or larger than MAX_BODY bytes
"""
MAX_BODY = $[limit]

import pickle

def $[api.enc|snake](task: str, args: list) -> bytes:
    """Serialize a job for the $[queue] workers (task name, JSON-compatible argument list) for $[broker]."""
    return pickle.dumps({"task": task, "args": args})


def $[api.dec|snake](body: bytes) -> tuple:
    """Return (task, args) from a message body made by $[api.enc|snake]."""
    if len(body) > MAX_BODY:
        raise ValueError("message body of %d bytes exceeds MAX_BODY" % len(body))
    msg = pickle.loads(body)
    if not isinstance(msg, dict) or not isinstance(msg.get("task"), str) or not isinstance(msg.get("args"), list):
        raise ValueError("malformed job message")
    return msg["task"], msg["args"]
