import os
import zipfile


def $[fn|snake]($[sig.params]):
    """Extract every file of the zip at `zip_path` into `dest_dir`; return the sorted member names."""
    dest = os.path.realpath(dest_dir)
    names = []
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            target = os.path.realpath(os.path.join(dest, info.filename))
            if os.path.commonpath([dest, target]) != dest:
                raise ValueError(f"archive entry outside the destination: {info.filename!r}")
            if info.is_dir():
                os.makedirs(target, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:
                out.write(src.read())
            names.append(info.filename)
    return sorted(names)
