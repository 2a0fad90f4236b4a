"""Prints the token stream of CPython's tokenize module for each file named
on stdin (one path a line), as one JSON line per file:
    {"path": P, "tokens": [[TYPE, LINE, COL, END_LINE, END_COL], ...]}
or {"path": P, "error": MSG} when tokenize rejects the file; "valid" says
whether ast.parse accepts it.
Columns count characters, as tokenize reports them. The ENCODING token is
left out. Used by the scanner's conformance test."""
import ast
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
        try:
            ast.parse(data)
            valid = True
        except (SyntaxError, ValueError):
            valid = False
        out = {"path": path, "tokens": toks, "valid": valid}
    except Exception as e:  # SyntaxError, UnicodeDecodeError, ...
        out = {"path": path, "error": "%s: %s" % (type(e).__name__, e)}
    sys.stdout.write(json.dumps(out) + "\n")
