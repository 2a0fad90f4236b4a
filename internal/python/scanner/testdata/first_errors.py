"""Reads file paths on stdin (one a line) and prints, for each, how CPython
parses its bytes: "OK" or "KIND<TAB>LINE<TAB>OFFSET<TAB>MESSAGE", one line
per file. Used by the scanner's mutation test."""
import ast
import sys

for path in sys.stdin.read().splitlines():
    with open(path, "rb") as f:
        data = f.read()
    try:
        ast.parse(data)
        out = "OK"
    except SyntaxError as e:
        out = "%s\t%s\t%s\t%s" % (type(e).__name__, e.lineno, e.offset, e.msg.replace("\n", " "))
    except Exception as e:
        out = "OTHER\t%s" % type(e).__name__
    sys.stdout.write(out + "\n")
