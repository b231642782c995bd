import subprocess


def $[fn|snake]($[sig.params]):
    """Compress `path` with gzip at `level` (keep the original, overwrite the archive); return the .gz path."""
    subprocess.run(["gzip", "-kf", f"-{level}", "--", path], check=True)
    return path + ".gz"
