"""Prints the token stream of CPython's tokenize module for each file named
on stdin (one path a line), as one JSON line per file:
    {"path": P, "tokens": [[TYPE, LINE, COL, END_LINE, END_COL], ...]}
or {"path": P, "error": MSG} when tokenize rejects the file.
Columns count characters, as tokenize reports them. The ENCODING token is
left out. Used by the scanner's conformance test."""
import io
import json
import sys
import tokenize

for path in sys.stdin.read().splitlines():
    try:
        with open(path, "rb") as f:
            data = f.read()
        toks = []
        for t in tokenize.tokenize(io.BytesIO(data).readline):
            if t.type == tokenize.ENCODING:
                continue
            toks.append([tokenize.tok_name[t.exact_type], t.start[0], t.start[1], t.end[0], t.end[1]])
        out = {"path": path, "tokens": toks}
    except Exception as e:  # SyntaxError, UnicodeDecodeError, ...
        out = {"path": path, "error": "%s: %s" % (type(e).__name__, e)}
    sys.stdout.write(json.dumps(out) + "\n")
