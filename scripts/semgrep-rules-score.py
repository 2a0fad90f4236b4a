#!/usr/bin/env python3
"""Measure snakeguard on the annotated Python tests of the Semgrep rules
repository (semgrep/semgrep-rules, folder python/).

    scripts/semgrep-rules-score.py RULES_DIR RESULT.json [--cwe N] [--show fn|fp]

RULES_DIR is that python/ folder (rule YAML files with a test .py beside
each); RESULT.json is `snakeguard scan --format json RULES_DIR` run from
inside RULES_DIR. Only rules whose metadata says `category: security` and
names a CWE are used. A line annotated `# ruleid: R` is a vulnerable case: it
is found when snakeguard reports a finding with one of R's CWEs (or a CWE of
the same weakness, see RELATED) that starts on it or on the lines after it,
up to the next annotation or definition (a rule may match a block that
starts where the data enters). A line annotated `# ok: R` is a safe case,
reported when such a finding starts in its lines. Prints recall and
false-positive rate per CWE, most cases first.
"""
import argparse
import json
import os
import re
import sys

import yaml

# CWEs that name the same weakness at another level of MITRE's tree.
RELATED = [
    {78, 77, 88}, {94, 95, 96}, {89, 564}, {79, 80, 116}, {276, 732}, {327, 328, 326, 916, 338, 330},
    {611, 776, 827}, {502}, {22, 23, 36, 73}, {918}, {601}, {1336, 94}, {295, 297},
    {798, 259, 321, 522}, {489, 215, 94}, {614, 1004, 1275, 539},
]


def related(cwe):
    out = {cwe}
    for group in RELATED:
        if cwe in group:
            out |= group
    return out


def load_rules(root):
    rules = {}
    for d, _, names in os.walk(root):
        for n in names:
            if not n.endswith((".yaml", ".yml")):
                continue
            try:
                with open(os.path.join(d, n)) as f:
                    doc = yaml.safe_load(f)
            except Exception:
                continue
            for r in (doc or {}).get("rules", []) if isinstance(doc, dict) else []:
                md = r.get("metadata") or {}
                if md.get("category") != "security":
                    continue
                cwes = md.get("cwe") or []
                if isinstance(cwes, str):
                    cwes = [cwes]
                ids = {int(m) for c in cwes for m in re.findall(r"CWE-(\d+)", str(c))}
                if ids:
                    rules[r["id"]] = ids
    return rules


ANNOT = re.compile(r"#\s*(ruleid|ok|todoruleid|todook)\s*:\s*([\w.,\- ]+)")


def cases(root, rules):
    """Yields (path, first line, last line, vulnerable, rule id) for each
    annotated case: the lines from the annotated one up to the next
    annotation or definition (at most 15), since a rule may match a whole
    block that starts where the untrusted value enters."""
    for d, _, names in os.walk(root):
        for n in sorted(names):
            # *.fixed.py files hold the text after Semgrep's autofix, with
            # the annotations of the file before it.
            if not n.endswith(".py") or n.endswith(".fixed.py"):
                continue
            path = os.path.join(d, n)
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")
            found = []
            for i, text in enumerate(lines):
                m = ANNOT.search(text)
                if not m:
                    continue
                # The annotation names the next line that is not a comment,
                # or its own line when it follows code.
                j = i
                if text.strip().startswith("#"):
                    j = i + 1
                    while j < len(lines) and (not lines[j].strip() or lines[j].strip().startswith("#")):
                        j += 1
                found.append((i, j, m))
            for k, (i, j, m) in enumerate(found):
                end = min(j + 15, len(lines) - 1)
                if k + 1 < len(found):
                    end = min(end, found[k + 1][0] - 1)
                for e in range(j + 1, end + 1):
                    if DEF.match(lines[e]):
                        end = e - 1
                        break
                if m.group(1) not in ("ruleid", "ok"):
                    continue
                for rid in re.split(r"[,\s]+", m.group(2).strip()):
                    if rid in rules:
                        yield os.path.relpath(path, root), j + 1, max(j, end) + 1, m.group(1) == "ruleid", rid


DEF = re.compile(r"\s*(async\s+def|def|class)\s|\S")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("result")
    ap.add_argument("--cwe", type=int, help="list the misses of this CWE")
    ap.add_argument("--show", choices=["fn", "fp"], default="fn")
    args = ap.parse_args()
    rules = load_rules(args.root)
    with open(args.result) as f:
        result = json.load(f)
    found = {}
    for fd in result["findings"]:
        found.setdefault((os.path.normpath(fd["path"]), fd["line"]), set()).update(fd.get("cwe") or [])
    per = {}
    for path, line, last, vulnerable, rid in cases(args.root, rules):
        cwe = min(rules[rid])
        want = set().union(*(related(c) for c in rules[rid]))
        hit = any(found.get((os.path.normpath(path), n), set()) & want for n in range(line, last + 1))
        c = per.setdefault(cwe, {"tp": 0, "fn": 0, "fp": 0, "tn": 0, "miss": []})
        key = ("tp" if hit else "fn") if vulnerable else ("fp" if hit else "tn")
        c[key] += 1
        if key == args.show:
            c["miss"].append(f"{path}:{line} {rid}")
    tot = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    print(f"{'CWE':>6} {'found':>9} {'recall':>7} {'ok reported':>12} {'FP rate':>8}")
    for cwe, c in sorted(per.items(), key=lambda kv: -(kv[1]["tp"] + kv[1]["fn"] + kv[1]["fp"] + kv[1]["tn"])):
        v, s = c["tp"] + c["fn"], c["fp"] + c["tn"]
        for k in tot:
            tot[k] += c[k]
        print(f"{cwe:6} {c['tp']:4}/{v:<4} {c['tp'] / max(v, 1):7.1%} {c['fp']:5}/{s:<6} {c['fp'] / max(s, 1):8.1%}")
    v, s = tot["tp"] + tot["fn"], tot["fp"] + tot["tn"]
    print(f"{'all':>6} {tot['tp']:4}/{v:<4} {tot['tp'] / max(v, 1):7.1%} {tot['fp']:5}/{s:<6} {tot['fp'] / max(s, 1):8.1%}")
    if args.cwe:
        for m in per.get(args.cwe, {}).get("miss", []):
            print(args.show, m)


if __name__ == "__main__":
    sys.exit(main())
