import subprocess


def $[fn|snake]($[sig.params]):
    """Return the number of lines of `path` that contain `word` (a fixed string), counted by grep."""
    proc = subprocess.run(f"grep -cF '{word}' \"{path}\"", shell=True, capture_output=True, text=True)
    if proc.returncode > 1:
        raise OSError(f"grep failed on {path}: {proc.stderr.strip()}")
    return int(proc.stdout.strip() or 0)
