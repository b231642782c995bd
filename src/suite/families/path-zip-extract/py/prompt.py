import os
import zipfile


def $[fn|snake]($[sig.params]):
    """Extract every file of the zip at `zip_path` into `dest_dir`; return the sorted member names."""
