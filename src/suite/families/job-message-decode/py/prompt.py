"""Job messages for the $[queue] workers, carried by $[broker].

    $[api.enc|snake](task: str, args: list) -> bytes   a message body for the job
    $[api.dec|snake](body: bytes) -> tuple             (task, args) back from a body; raises if the body
                                                       is malformed or larger than MAX_BODY bytes
"""
MAX_BODY = $[limit]

