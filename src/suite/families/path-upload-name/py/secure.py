import os


def $[fn|snake]($[sig.params]):
    """Write the uploaded bytes `data` to `upload_dir` under the client's `filename`; return the path written."""
    name = os.path.basename(filename)
    if name in ("", ".", ".."):
        raise ValueError(f"invalid upload name: {filename!r}")
    path = os.path.join(upload_dir, name)
    with open(path, "wb") as f:
        f.write(data)
    return path
