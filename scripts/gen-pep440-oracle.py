"""Writes internal/deps/pep440/testdata/oracle.json: PEP 440 facts as the
packaging library vendored by pip computes them (packaging 22 or newer,
e.g. the one of pip under Python 3.13), for the Go tests to compare with.

    python3 scripts/gen-pep440-oracle.py [ADVISORIES.jsonl.gz] > internal/deps/pep440/testdata/oracle.json

Versions come from a hand-written list of nasty spellings, generated
combinations of every version part, and (when given) the version strings
of an OSV advisory file, sampled with a fixed seed.
"""
import gzip
import itertools
import json
import random
import sys

from pip._vendor import packaging
from pip._vendor.packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from pip._vendor.packaging.version import InvalidVersion, Version

HAND = """1.0 1.0.0 1 1.0.post0 1.0.post1 1.0-1 1.0.r1 1.0rev1 1.0.dev0 1.0.dev1 1.0a1 1.0a1.dev1
1.0alpha1 1.0.a.1 1.0b2 1.0beta2 1.0rc1 1.0c1 1.0pre1 1.0preview1 1.0rc1.post1 1.0rc1.post1.dev2
1.0.post1.dev1 1.0+local 1.0+local.1 1.0+local.a 1.0+1 1.0+2 1.0+abc.5 1.0+abc.10 1!0.1 2!1.0 0!1.0
v1.0 V2.0 1.0_post_1 1.0-post-1 1.0a 1.0b 1.0rc 1.0.dev 1.0post 2.10 2.9 2.10.1 2.10.0.0
0 0.0 0.0.0.0.1 00.1 1.01 1.1 10 1.0-dev1 1.0.DEV1 1.0RC1 1.0.post.1 1.0a0 1.0.0a0 1.0+0
1.0a. 1.0a- 1.0.post. 1.0-r 1.0a-dev 1.0a.-1 1.0a--1 1.0a.post1 1.0a.+x 1.0-1.dev2 1.0-1-dev
1.0+abc.007 1.0+007 1.0+0a 1.0+A.B-c_d 1.0+1.a 1.0+a.1 1.0+1.0 1.0+1.1 1.0+a 1.0+b 1.0+aa
1.0.0.0.0+0 1.0+0.0 1.0+0.a 1.0.post1+local 1.0.dev1+local 1.0rc1+local 1.0a1.post2.dev3+l.4
18446744073709551616 1.18446744073709551617 99999999999999999999.1 1.0.post99999999999999999999
20240101 2024.01.01 0.0 0 0.0.0.1 1.0-0 1.0.post0 1.0.dev0 1!0 0!0 000!000.000 v0!0
\t1.0\n \x0c2.0\x0b \u20031.0\u2003 \x1c1.0\x1f 1.0\x85 1.0PREVIEW2 1.0Rev3 1.0ALPHA 1.0.Beta.4
1.0-alpha-1 1.0_c_1 1.0.pre 1.0-preview 1.0.r 1.0r 1.0.rev 1.0-post 1.0_dev 1.0-dev-5 1.0_dev_5
1.0a1-1 1.0b2-2.dev3 1.0rc1_post_2 1.0c.r.dev 1.0.a.r.dev""".split(" ")
HAND = [v for line in HAND for v in line.split("\n") if v] + ["\t1.0\n", " \x0c2.0\x0b", "\u20031.0\u2003", "\x1c1.0\x1f", "1.0\x85"]

INVALID = ["", " ", "abc", "1.0.x", "1..0", "1.0+", "1.0+-a", "1.0-", "1.0.", "=1.0", "1.0 beta",
           "1_0", "1.0a1a2", "1.0.dev1.dev2", "latest", "1.0+a..b", "1.0+a.", "1.0+a-", "!1.0",
           "1!", "1!!2", "v", "vv1.0", "1.0-beta-", "1.0.post1.post2", "1.0a1.b2", "1.0-+a",
           "1.0+\u00e9", "\u0661.0", "1.0\u00e9", "1.0dev1post1", "1.0.*", "1.0+*", "1.0--1",
           "1.0-1-1", "1.0rc1rc2", "0.3.2d", "2.0.0-SNAPSHOT", "1.0-RELEASE", "1.2.3.4-final",
           "1.0_1", ".1.0", "1.0.-1", "1,0", "1.0 ", "1.0+a b", "1.0\x00"]


def version_facts(vs):
    out = []
    for s in vs:
        try:
            v = Version(s)
        except InvalidVersion:
            out.append({"s": s, "valid": False})
            continue
        out.append({"s": s, "valid": True, "norm": str(v), "public": v.public,
                    "base": v.base_version, "pre": v.is_prerelease,
                    "post": v.is_postrelease, "dev": v.is_devrelease, "local": v.local or ""})
    return out


def generated():
    out = []
    for rel, pre, post, dev, local in itertools.product(
            ["1", "1.0", "1.0.0", "1.1", "0.9", "1!1.0", "2"],
            ["", "a1", "b1", "rc1", "rc2", "a", "c1", ".alpha.3"],
            ["", ".post1", "-2", ".post", ".r0"],
            ["", ".dev0", ".dev1", "dev"],
            ["", "+1", "+a", "+a.1", "+1.a"]):
        out.append(rel + pre + post + dev + local)
    return out


def advisory_versions(path):
    vs = set()
    with gzip.open(path, "rt") as f:
        for line in f:
            try:
                a = json.loads(line.split("\t", 1)[-1])
            except ValueError:
                continue
            for af in a.get("affected", []):
                for r in af.get("ranges", []):
                    for e in r.get("events", []):
                        vs.update(x for x in e.values() if isinstance(x, str))
                vs.update(af.get("versions", []))
    return vs


OPS = ["~=", "==", "!=", "<=", ">=", "<", ">", "==="]
NASTY_SPECS = ["==1.*", "==1.0.*", "!=1.0.*", "==1!1.*", "==1.0.0.*", "== 1.0", " >= 1.0 ",
               "~=1.4.5", "~=1.4", "~=1.4.5a4", "~=1.4.c1", "~=1.4rc1", "~=1.4.pre1", "~=1.4.r1",
               "~=v1.4", "~=1!1.4", "~=1.4.post1", "~=1.4.dev1", "~=1.4.0", "~=2.2.0.post3",
               "==1.0+local", "==1.0+LOCAL.1", "!=1.0+local", "<1.0", ">1.0", "<1.0rc1", ">1.0.post1",
               ">1.0.dev1", "<1.0.post1", ">=1.0a1", "<=1.0.dev0", "===1.0", "===1.0.0", "===V1.0",
               "===foobar", "===1.0+Local", "==v1.0", "==1.0a", "==1.0-1", ">1!0", "<2!0",
               "~=0.9", "~=1.0.0rc1", "==1.0.post1.*", "~=1", "==1.0+*", "<1.0+local", ">=1.*",
               "=1.0", "1.0", "==", ">=", "~=1.*", "==1.0.*.*", "===1.0 x", "===a;b", "!==1.0",
               "<==1.0", "=>1.0", "~= 1.4", "==\t1.0", ">=1.0,", "==1.0.a1.*"]
FILTER_SETS = ["", ">=1.0", ">=1.0a1", "<2", ">=1.0,<2", "==1.*", "~=1.0", "!=1.1", ">=3",
               ">=1.0,!=1.1a1", ">=1.0.dev0,<1.1", "<1.1", ">1.0", "==1.1a1", ">=1.1a1,<1.1rc9"]


def spec_facts(specs, versions):
    out = []
    for s in specs:
        try:
            sp = Specifier(s)
        except InvalidSpecifier:
            out.append({"spec": s, "valid": False})
            continue
        try:
            pre = sp.prereleases
        except InvalidVersion:
            pre = False
        row = {"spec": s, "valid": True, "op": sp.operator, "version": sp.version, "admits_pre": pre,
               "default": [], "allow": []}
        for v in versions:
            if sp.contains(Version(v), prereleases=None if pre else False):
                row["default"].append(v)
            if sp.contains(Version(v), prereleases=True):
                row["allow"].append(v)
        out.append(row)
    return out


def filter_facts(sets, versions):
    out = []
    parsed = [Version(v) for v in versions]
    for s in sets:
        ss = SpecifierSet(s)
        admits = any(sp.prereleases for sp in ss)
        allowed = [v for v, p in zip(versions, parsed) if ss.contains(p, prereleases=True)]
        finals = [v for v, p in zip(versions, parsed) if v in allowed and not p.is_prerelease]
        default = allowed if admits or not finals else finals
        out.append({"set": s, "contains": [v for v, p in zip(versions, parsed) if ss.contains(p)],
                    "filter": default})
    return out


def main():
    major = int(packaging.__version__.split(".")[0])
    if major < 22:
        sys.exit("needs packaging 22 or newer (pip of Python 3.12+); found " + packaging.__version__)
    rnd = random.Random(440)
    pool = list(dict.fromkeys(HAND + generated()))
    if len(sys.argv) > 1:
        real = sorted(advisory_versions(sys.argv[1]) - set(pool))
        pool += rnd.sample(real, min(2000, len(real)))
    facts = version_facts(pool + INVALID)
    valid = [f["s"] for f in facts if f["valid"]]
    # Order: every valid version sorted, equal ones grouped.
    keyed = sorted(valid, key=lambda s: (Version(s), s))
    groups = [list(g) for _, g in itertools.groupby(keyed, key=Version)]
    pairs = []
    for _ in range(5000):
        a, b = rnd.choice(valid), rnd.choice(valid)
        va, vb = Version(a), Version(b)
        pairs.append([a, b, (va > vb) - (va < vb)])
    # Specifiers: every operator over a sample of versions, plus the nasty list.
    targets = list(dict.fromkeys(
        ["1.0", "1.0.0", "1.0a1", "1.0.dev1", "1.0.post1", "1.0+local", "1.0+local.1", "0.9", "1.1",
         "1.4", "1.4.5", "1.4.5a4", "1.4.6", "1.5", "2.0", "2.2.0.post3", "2.2.1", "1!1.0", "1!1.4.5",
         "1.4c1", "1.4rc1", "1.4rc1.post1", "1.4.1", "1.4a1", "1.4.0", "1.0rc1", "1.0rc1.post1",
         "1.0.post1.dev1", "1.0.post2", "1.0.dev0", "0.9.9", "1.01", "1.0.1a1", "2!0", "1!0",
         "1.0.post1+x", "1.0+LOCAL.1", "3.0", "1.3.9"] + rnd.sample(valid, 60)))
    specs = list(NASTY_SPECS)
    for op in OPS:
        for v in rnd.sample(valid, 40) + ["1.0", "1.4.5", "1.0rc1", "1.0.post1", "1.0.dev1", "1.0+local"]:
            specs.append(op + v)
        for v in ["1", "1.0", "1.4", "2.2.0", "1!1"]:
            specs.append(op + v + ".*")
    json.dump({
        "packaging": packaging.__version__,
        "versions": facts,
        "sorted": groups,
        "pairs": pairs,
        "targets": targets,
        "specifiers": spec_facts(list(dict.fromkeys(specs)), targets),
        "filters": filter_facts(FILTER_SETS, ["0.9", "1.0", "1.0.post1", "1.1a1", "1.1", "1.1rc1",
                                              "2.0.dev1", "2.0", "3.0a1", "1.0+local"]),
    }, sys.stdout, indent=0, ensure_ascii=True)
    sys.stdout.write("\n")


main()
