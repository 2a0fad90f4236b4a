#!/usr/bin/env python3
"""Compares snakeguard's syntax trees with CPython's own ast module.

    python3 scripts/conformance.py --impl "snakeguard debug ast --format=cpython-json" [--floor FILE] DIR...

For every *.py file under the directories, CPython's tree (this interpreter's
ast.parse) is encoded as the JSON that `snakeguard debug ast
--format=cpython-json` prints, and the two are compared as parsed JSON. A file
counts as matching when both trees are equal, or when both reject it. The
last line is "conformance: M/N files" and the exit status is 1 when M is
below the number in the floor file.
"""
import argparse, ast, json, multiprocessing, os, subprocess, sys, warnings
from concurrent.futures import ThreadPoolExecutor

POS = ("lineno", "col_offset", "end_lineno", "end_col_offset")


def constant(v):
    if isinstance(v, bool):
        return {"bool": v}
    if v is None:
        return {"none": None}
    if v is Ellipsis:
        return {"ellipsis": None}
    if isinstance(v, str):
        if any(0xD800 <= ord(c) <= 0xDFFF for c in v):
            return {"str_codepoints": [ord(c) for c in v]}
        return {"str": v}
    if isinstance(v, bytes):
        return {"bytes": v.decode("latin-1")}
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, complex):
        return {"complex": repr(v)}
    raise TypeError(type(v))


def node(n):
    if isinstance(n, list):
        return [node(x) for x in n]
    if not isinstance(n, ast.AST):
        return n
    out = {"_type": type(n).__name__}
    for f in n._fields:
        v = getattr(n, f, None)
        if f == "value" and type(n).__name__ in ("Constant", "MatchSingleton"):
            out[f] = constant(v)
        else:
            out[f] = node(v)
    for a in POS:
        if a in n._attributes:
            out[a] = getattr(n, a)
    return out


def reference(path):
    try:
        with open(path, "rb") as f:
            src = f.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(src, path)
        return {"ast": node(tree)}
    except SyntaxError as e:
        return {"error": e.lineno}
    except (ValueError, RecursionError, MemoryError) as e:
        return {"error": None}


def check(item):
    path, have = item
    want = reference(path)
    ok = have is not None and (("ast" in want and want == have) or ("error" in want and "error" in have))
    return ok, "ast" in want, have is not None and "ast" in have


def impl(cmd, paths):
    out = subprocess.run(cmd + paths, capture_output=True, text=True, errors="surrogateescape").stdout
    res = {}
    for line in out.splitlines():
        try:
            d = json.loads(line)
        except ValueError:
            continue
        res[d.get("path")] = {"ast": d["ast"]} if "ast" in d else {"error": d.get("error", {}).get("lineno")}
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--impl", required=True)
    ap.add_argument("--floor")
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    sys.setrecursionlimit(20000)
    files = []
    for d in args.dirs:
        for root, _, names in os.walk(d):
            files += [os.path.join(root, n) for n in names if n.endswith(".py")]
    files.sort()
    cmd = args.impl.split()
    got = {}
    batches = [files[i:i + 300] for i in range(0, len(files), 300)]
    with ThreadPoolExecutor(max_workers=2) as ex:
        for part in ex.map(lambda b: impl(cmd, b), batches):
            got.update(part)
    match, shown = 0, 0
    with multiprocessing.Pool(os.cpu_count() or 2) as pool:
        results = pool.map(check, [(path, got.get(path)) for path in files], chunksize=50)
    for path, (ok, want, have) in zip(files, results):
        if ok:
            match += 1
        elif shown < args.show:
            shown += 1
            kind = "accept-mismatch" if want != have else "tree differs"
            print(f"{kind}: {path}")
    print(f"conformance: {match}/{len(files)} files")
    if args.floor:
        with open(args.floor) as f:
            floor = int(f.read().split()[0])
        if match < floor:
            print(f"below the floor of {floor} files", file=sys.stderr)
            return 1
    return 0 if args.floor else (0 if match == len(files) else 1)


sys.exit(main())
