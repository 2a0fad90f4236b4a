"""Writes sorted.txt: versions in PEP 440 order, as pip's vendored
`packaging` sorts them; versions on one line (tab-separated) are equal.
Also writes invalid.txt: strings packaging rejects.

    python3 oracle.py
"""
import gzip
import itertools
import json
import random
import sys

from pip._vendor.packaging.version import InvalidVersion, Version

HAND = """1.0 1.0.0 1 1.0.post0 1.0.post1 1.0-1 1.0.r1 1.0rev1 1.0.dev0 1.0.dev1 1.0a1 1.0a1.dev1
1.0alpha1 1.0.a.1 1.0b2 1.0beta2 1.0rc1 1.0c1 1.0pre1 1.0preview1 1.0rc1.post1 1.0rc1.post1.dev2
1.0.post1.dev1 1.0+local 1.0+local.1 1.0+local.a 1.0+1 1.0+2 1.0+abc.5 1.0+abc.10 1!0.1 2!1.0 0!1.0
v1.0 V2.0 1.0_post_1 1.0-post-1 1.0a 1.0b 1.0rc 1.0.dev 1.0post 2.10 2.9 2.10.1 2.10.0.0
0 0.0 0.0.0.0.1 00.1 1.01 1.1 10 1.0-dev1 1.0.DEV1 1.0RC1 1.0.post.1 1.0a0 1.0.0a0 1.0+0""".split()
INVALID = ["", "abc", "1.0.x", "1..0", "1.0+", "1.0+-a", "1.0.post-", "1.0-beta-", "=1.0", "1.0 beta", "1_0", "1.0a1a2", "1.0.dev1.dev2", "latest", "1.0+a..b"]

def main(data):
    vs = set(HAND)
    for line in gzip.open(data, "rt"):
        a = json.loads(line)
        for af in a["affected"]:
            for r in af.get("ranges", []):
                if r["type"] == "ECOSYSTEM":
                    for e in r["events"]:
                        vs.update(e.values())
            vs.update(af.get("versions", []))
    good = {}
    for v in vs:
        try:
            good[v] = Version(v)
        except InvalidVersion:
            INVALID.append(v)
    rnd = random.Random(1)
    keep = sorted(HAND) + rnd.sample(sorted(set(good) - set(HAND)), 3000)
    keep.sort(key=lambda v: (good[v], v))
    with open("sorted.txt", "w") as f:
        for _, group in itertools.groupby(keep, key=lambda v: good[v]):
            f.write("\t".join(group) + "\n")
    with open("invalid.txt", "w") as f:
        for v in sorted(set(INVALID)):
            if "\n" not in v and "\t" not in v:
                f.write(v + "\n")

main(sys.argv[1])
