import subprocess


def $[fn|snake]($[sig.params]):
    """Compress `path` with gzip at `level` (keep the original, overwrite the archive); return the .gz path."""
    subprocess.run(f"gzip -kf -{level} {path}", shell=True, check=True)
    return path + ".gz"
