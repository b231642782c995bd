import base64
import json
import pickle


def $[api.dump|snake](session: dict) -> str:
    """Encode the $[what] as $[b64.name] text for the `$[cookie]` cookie."""
