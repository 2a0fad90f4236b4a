"""Prints, for every errors/*.py file, how CPython rejects it when parsing
its bytes: "NAME<TAB>KIND<TAB>LINE<TAB>OFFSET<TAB>MESSAGE", one line each,
sorted by name. The scanner's tests compare errors.golden with this output
when CPython 3.13 is installed:
    python3 errors_golden.py > errors.golden"""
import ast
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
d = os.path.join(here, "errors")
for name in sorted(os.listdir(d)):
    if not name.endswith(".py"):
        continue
    with open(os.path.join(d, name), "rb") as f:
        data = f.read()
    try:
        ast.parse(data)
        line = "%s\tOK" % name[:-3]
    except SyntaxError as e:
        line = "%s\t%s\t%s\t%s\t%s" % (name[:-3], type(e).__name__, e.lineno, e.offset, e.msg)
    sys.stdout.write(line + "\n")
