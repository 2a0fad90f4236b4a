#!/usr/bin/env python3
"""Score a snakeguard JSON result against the OWASP Benchmark for Python.

    scripts/owasp-benchmark.py BENCHMARK_DIR RESULT.json [--misses CATEGORY]

BENCHMARK_DIR is a checkout of OWASP-Benchmark/BenchmarkPython (it holds
expectedresults-*.csv and testcode/). RESULT is the output of
`snakeguard scan --format json BENCHMARK_DIR`, or any SARIF 2.1.0 log whose
rules carry `external/cwe/cwe-N` tags (snakeguard's, Bandit's, ...), or
Bandit's JSON output. A test case counts as reported
when a finding in its file carries a CWE of its category (the benchmark's own
CWE, or a closer child or parent CWE that names the same weakness). Prints per
category true/false positives and the benchmark's score (TPR - FPR).
"""
import argparse
import csv
import glob
import json
import os
import sys

# The benchmark's CWE per category, plus CWEs of the same weakness that a
# tool may report instead (e.g. 95 eval injection is a child of 94).
ACCEPT = {
    "cmdi": {78, 77},
    "codeinj": {94, 95},
    "deserialization": {502},
    "hash": {328, 327, 916},
    "ldapi": {90},
    "pathtraver": {22, 23, 36, 73},
    "redirect": {601},
    "securecookie": {614},
    "sqli": {89, 564},
    "trustbound": {501},
    "weakrand": {330, 338},
    "xpathi": {643},
    "xss": {79, 80},
    "xxe": {611},
}


def findings(result):
    """Yields (path, rule id, CWE ids) of every finding in a result file."""
    if "runs" in result:  # SARIF
        for run in result["runs"]:
            cwes = {}
            for rule in run["tool"]["driver"].get("rules", []):
                tags = (rule.get("properties") or {}).get("tags", [])
                cwes[rule["id"]] = [int(t.rsplit("-", 1)[1]) for t in tags
                                    if t.lower().startswith("external/cwe/cwe-")]
            for r in run.get("results", []):
                for loc in r.get("locations", [])[:1]:
                    uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                    yield uri, r.get("ruleId", ""), cwes.get(r.get("ruleId", ""), [])
    elif "findings" in result:  # snakeguard JSON
        for fd in result["findings"]:
            yield fd["path"], fd["rule_id"], fd.get("cwe") or []
    else:  # Bandit JSON
        for r in result.get("results", []):
            cwe = (r.get("issue_cwe") or {}).get("id")
            yield r["filename"], r["test_id"], [cwe] if cwe else []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("result")
    ap.add_argument("--misses", help="list false negatives and false positives of this category")
    args = ap.parse_args()
    expected = {}
    for path in glob.glob(os.path.join(args.bench, "expectedresults-*.csv")):
        with open(path, newline="") as f:
            for row in csv.reader(f):
                if not row or row[0].startswith("#"):
                    continue
                expected[row[0].strip()] = (row[1].strip(), row[2].strip() == "true")
    with open(args.result) as f:
        result = json.load(f)
    reported = {}
    for path, rule, cwes in findings(result):
        name = os.path.splitext(os.path.basename(path))[0]
        if name in expected:
            reported.setdefault(name, set()).update((c, rule) for c in cwes)
    cats = {}
    for name, (cat, real) in sorted(expected.items()):
        hit = any(c in ACCEPT[cat] for c, _ in reported.get(name, ()))
        key = ("tp" if hit else "fn") if real else ("fp" if hit else "tn")
        cats.setdefault(cat, {"tp": 0, "fn": 0, "fp": 0, "tn": 0, "cases": []})
        cats[cat][key] += 1
        cats[cat]["cases"].append((name, key))
    print(f"{'category':16} {'TP':>4} {'FN':>4} {'FP':>4} {'TN':>4} {'TPR':>7} {'FPR':>7} {'score':>7}")
    tot = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    scores = []
    for cat in sorted(cats):
        c = cats[cat]
        tpr = c["tp"] / max(1, c["tp"] + c["fn"])
        fpr = c["fp"] / max(1, c["fp"] + c["tn"])
        scores.append(tpr - fpr)
        for k in tot:
            tot[k] += c[k]
        print(f"{cat:16} {c['tp']:4} {c['fn']:4} {c['fp']:4} {c['tn']:4} {tpr:7.1%} {fpr:7.1%} {tpr - fpr:7.1%}")
    tpr = tot["tp"] / max(1, tot["tp"] + tot["fn"])
    fpr = tot["fp"] / max(1, tot["fp"] + tot["tn"])
    print(f"{'all':16} {tot['tp']:4} {tot['fn']:4} {tot['fp']:4} {tot['tn']:4} {tpr:7.1%} {fpr:7.1%} {tpr - fpr:7.1%}")
    print(f"average score over {len(scores)} categories: {sum(scores) / len(scores):.1%}")
    if args.misses:
        for name, key in cats.get(args.misses, {}).get("cases", []):
            if key in ("fn", "fp"):
                print(key, name, sorted(reported.get(name, ())))


if __name__ == "__main__":
    sys.exit(main())
