#!/usr/bin/env python3
"""Writes internal/python/parser/testdata/invalid.json: invalid snippets with
the message, line and column CPython reports. Run it with CPython 3.13:
    PYENV_VERSION=3.13.0 python3 scripts/gen-invalid-corpus.py
"""
import ast, json, os, sys, warnings

SNIPPETS = [
    "print 'hello'", "print x", "exec 'code'", "if x\n    pass\n", "while x\n    pass\n",
    "for x in y\n    pass\n", "def f()\n    pass\n", "class C\n    pass\n", "with x\n    pass\n",
    "try\n    pass\n", "if x:\npass\n", "def f():\nreturn 1\n", "for x in y:\nbreak\n",
    "class C:\nx = 1\n", "while 1:\npass\n", "with a:\npass\n", "try:\npass\n",
    "try:\n    pass\nexcept:\npass\n", "try:\n    pass\nfinally:\npass\n", "if x:\n    pass\nelse:\npass\n",
    "if x:\n    pass\nelif y:\npass\n", "match x:\n    case 1:\n    pass\n", "  x = 1\n", "x = 1\n    y = 2\n",
    "if x:\n        a\n    b\n", "def f():\n\tif x:\n        return 1\n", "x = (1, 2\n", "x = [1, 2\ny = 3\n",
    "x = {1: 2\n", "x = 1)\n", "x = [1, 2)\n", "f(a, b]\n", "x = 'abc\n", 'x = "abc\n', "x = '''abc\n",
    'x = """abc\n\n', "f(**x, *y)", "f(a=1, b)", "f(**k, a)", "f(x for x in y, 1)", "1 = x", "f() = 1",
    "a + 1 = 2", "None = 1", "True = 1", "(a, 1) = x", "[a, f()] = y", "x.y() = 1", "for 1 in x: pass",
    "for f() in x: pass", "with a as 1: pass", "del 1", "del f()", "del (a, 1)", "x += 1, 2\n(a, b) += 1",
    "f() += 1", "[a] += 1", "lambda: 1 = 1", "a if b else c = 1", "a < b = 1", "not a = 1", "x: int, y: int = 1, 2",
    "(x, y): int", "[x]: int", "def f(a=1, b): pass", "def f(*, **k): pass", "def f(*): pass", "def f(/, a): pass",
    "def f(a, /, b, /): pass", "def f(*a, /): pass", "def f(**k, a): pass", "def f(*a=1): pass",
    "def f(**k=1): pass", "def f(*a, *b): pass", "lambda a=1, b: 0", "lambda *: 0", "x = yield = 1",
    "a = 1 if b", "x = 1 +", "x = (", "x = ]", "x = }", ")", "f(", "f(a,", "import", "from x import",
    "from x import a,", "from import x", "import a.", "from . import *, a", "x = 5 6", "x = [1 2]",
    "f(a b)", "{1 2}", "(a b)", "x = 1 if 2", "if x = 1: pass", "while x = 1: pass", "a b c",
    "def f:\n    pass\n", "class C(:\n    pass\n", "x = 0777", "x = 1_", "x = 1__0", "x = 0b2", "x = 0o8",
    "x = 0x", "x = 1e", "x = 1.2.3", "x = 5abc", "x = 1if 2 else 3", "x = $y", "x = a ? b : c", "x = `y`",
    "x = a <> b", "f'{'", "f'{}'", "f'{x!}'", "f'{x!z}'", "f'{x'", "f'}'", "f'{x:{y}'", "f'{x=!}'",
    "f'{!r}'", "f'{x!r'", "f'{lambda x: 1}'", "f'{yield}'", "x = b'a' 'b'", "x = 'a' b'b'",
    "x = b'\u00e9'", "x = '\\x1'", "x = '\\N{NOPE}'", "x = '\\U11111111'", "x = b'\\x1'",
    "nonlocal x", "def f(): nonlocal x", "return", "break", "continue", "async = 1", "await = 1",
    "x = a.1", "x = a.[b]", "x = {**a: 1}", "x = {a: *b}", "x = {*a: 1}", "x = [*a for a in b]",
    "x = {**a for a in b}", "(*a)", "x = *a", "*a = 1", "print(*a for a in b)", "x = [i for i in]",
    "x = [for i in y]", "x = (i for)", "def f(x, x): pass", "class C: def f(self): pass",
    "try:\n    pass\n", "try:\n    pass\nelse:\n    pass\n", "try:\n    pass\nexcept* :\n    pass\n",
    "try:\n    pass\nexcept A:\n    pass\nexcept* B:\n    pass\n", "match x:\ncase 1: pass\n",
    "match x:\n    case 1 + 1: pass\n", "match x:\n    case f(): pass\n", "match x:\n    case a.b(): pass\n    case {1: _, **r, 2: _}: pass\n",
    "match x:\n    case _ as _: pass\n", "match x:\n    case C(a=1, b): pass\n", "type X = ", "type X[] = int",
    "def f[](): pass", "class C[T: int = ](): pass", "if True:\n    x = 1\n  y = 2\n", "if x:\n\ty\n        z\n",
    "def f():\n    x = 1\n     y = 2\n", "x = 1 \\\n\\\n", "x = 1 \\ y", "a = 1\n\\", "x = (1,\n2,\n3\n",
    "x = [\n1,\n2\n", "\"\"\"unterminated\n\nmore\n", "f(a=)", "f(a.b=1)", "f(1=2)", "f(**)", "f(*)",
    "import a as b.c", "from a import b as c.d", "global", "global x,", "assert", "raise from x", "del",
    "del x,,", "with:\n    pass\n", "with (a as b:\n    pass\n", "for x in:\n    pass\n", "for in y:\n    pass\n",
    "while:\n    pass\n", "if:\n    pass\n", "elif x:\n    pass\n", "else:\n    pass\n", "except:\n    pass\n",
    "finally:\n    pass\n", "@\ndef f(): pass\n", "@d\nx = 1\n", "def f() -> : pass", "class C(metaclass=): pass",
    "x = [1, 2,, 3]", "x = (,)", "x = {,}", "x = a[]", "x = a[1:2:3:4]", "x = a if b else", "x = not",
    "x = 1 + * 2", "x = lambda x: yield", "def f(): x = yield from", "x = {'a' 1}", "x = {'a': 1 'b': 2}",
]

def main():
    out = []
    warnings.simplefilter("ignore")
    for src in SNIPPETS:
        try:
            ast.parse(src)
        except SyntaxError as e:
            out.append({"src": src, "msg": e.msg, "lineno": e.lineno, "offset": e.offset,
                        "kind": type(e).__name__})
        except ValueError:
            pass
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "internal", "python", "parser", "testdata", "invalid.json")
    with open(path, "w") as f:
        json.dump({"python": sys.version.split()[0], "cases": out}, f, indent=1, ensure_ascii=True)
        f.write("\n")
    print(f"{len(out)} invalid snippets of {len(SNIPPETS)} written", file=sys.stderr)

main()
