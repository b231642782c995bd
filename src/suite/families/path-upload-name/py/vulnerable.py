import os


def $[fn|snake]($[sig.params]):
    """Write the uploaded bytes `data` to `upload_dir` under the client's `filename`; return the path written."""
    path = os.path.join(upload_dir, filename)
    with open(path, "wb") as f:
        f.write(data)
    return path
