"""secplay's persistent bandit worker.

Imports bandit once (about 0.3 s) and then analyses files sent as JSON lines on stdin, one request
per line: {"id": 1, "files": [{"name": "a.py", "text": "..."}]}. Each answer is one JSON line on
stdout: {"id": 1, "results": [{"name": "a.py", "issues": [...], "skipped": null}]}. The file text
never touches the disk and is only parsed (ast), never executed. Anything bandit prints goes to
stderr so stdout stays a clean protocol channel.
"""

import io
import json
import logging
import sys
import textwrap


def scan(b_manager, conf, name, text):
    """Run bandit's tests on one file's text; returns (issues, skip reason or None)."""
    mgr = b_manager.BanditManager(conf, "file", quiet=True)
    data = io.BytesIO(text.encode("utf-8", "replace"))
    try:
        mgr._parse_file(name, data, [name])
    except BaseException as e:  # bandit bugs must not kill the worker
        return [], "bandit failed: %s" % e
    skipped = [reason for (fname, reason) in mgr.skipped if fname == name]
    issues = []
    for issue in mgr.results:
        d = issue.as_dict(with_code=False)
        issues.append(
            {
                "test_id": d.get("test_id"),
                "test_name": d.get("test_name"),
                "severity": d.get("issue_severity"),
                "confidence": d.get("issue_confidence"),
                "cwe": (d.get("issue_cwe") or {}).get("id"),
                "text": d.get("issue_text"),
                "line": d.get("line_number"),
                "line_range": d.get("line_range"),
                "col_offset": d.get("col_offset"),
                "end_col_offset": d.get("end_col_offset"),
            }
        )
    return issues, (skipped[0] if skipped else None)


def indent_removed(text, dedented):
    """Characters (= UTF-8 bytes: spaces and tabs) textwrap.dedent removed from each non-blank line."""
    for a, b in zip(text.splitlines(), dedented.splitlines()):
        if a.strip():
            return len(a) - len(b)
    return 0


def shifted(issue, shift):
    out = dict(issue)
    for key in ("col_offset", "end_col_offset"):
        if isinstance(out.get(key), int) and out[key] >= 0:
            out[key] += shift
    return out


def main() -> int:
    proto = sys.stdout
    sys.stdout = sys.stderr  # keep stray prints out of the protocol
    logging.disable(logging.CRITICAL)
    try:
        import bandit
        from bandit.core import config as b_config
        from bandit.core import manager as b_manager
    except Exception as e:  # bandit missing or broken: say so once and stop
        proto.write(json.dumps({"id": 0, "fatal": "cannot import bandit: %s" % e}) + "\n")
        proto.flush()
        return 2
    conf = b_config.BanditConfig()
    proto.write(json.dumps({"id": 0, "ready": True, "version": getattr(bandit, "__version__", "?")}) + "\n")
    proto.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            rid = req["id"]
            files = req["files"]
        except Exception as e:
            proto.write(json.dumps({"id": -1, "error": "bad request: %s" % e}) + "\n")
            proto.flush()
            continue
        results = []
        for f in files:
            name = f["name"]
            text = f["text"]
            issues, skipped = scan(b_manager, conf, name, text)
            if skipped is not None and "syntax" in skipped:
                # a method or nested function cut out of its class (SVEN/SafeCoder pairs, model
                # completions) is indented: analyse it dedented and shift the columns back
                dedented = textwrap.dedent(text)
                if dedented != text:
                    shift = indent_removed(text, dedented)
                    issues2, skipped2 = scan(b_manager, conf, name, dedented)
                    if skipped2 is None:
                        issues, skipped = [shifted(i, shift) for i in issues2], None
            results.append({"name": name, "issues": issues, "skipped": skipped})
        proto.write(json.dumps({"id": rid, "results": results}) + "\n")
        proto.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
