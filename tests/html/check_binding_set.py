#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The gap report's binding duties are the set `nis2 obligations` gives for the same entity (issue 13): for every
in-scope entity of every classification vector file and every ISMS example, each duty of the obligations list
appears in the report with "binds": true (a national duty may be attached to the Directive duty it details), and
summary.binding is the length of that list."""
import argparse
import glob
import json
import os
import subprocess
import sys


def cli(nis2, args, doc):
    p = subprocess.run([nis2] + args, input=json.dumps(doc).encode(), capture_output=True)
    return json.loads(p.stdout) if p.returncode == 0 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nis2", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    entities = []
    for vec in sorted(glob.glob(os.path.join(a.root, "tests", "vectors", "classification*.json"))):
        with open(vec, encoding="utf-8") as f:
            entities += [(os.path.basename(vec) + "/" + c["id"], c["entity"]) for c in json.load(f)["cases"]]
    for ex in sorted(glob.glob(os.path.join(a.root, "examples", "data", "isms*.json"))):
        with open(ex, encoding="utf-8") as f:
            entities.append((os.path.basename(ex), json.load(f)["entity"]))
    bad = checked = 0
    for name, ent in entities:
        obl = cli(a.nis2, ["obligations"], ent)
        if not obl or obl.get("category") not in ("essential", "important"):
            continue
        rep = cli(a.nis2, ["gap"], {"schema": 1, "entity": ent, "as_of": "2026-11-28"})
        if rep is None:
            print("FAIL %s: the gap report failed" % name)
            bad += 1
            continue
        checked += 1
        binds = set()
        for o in rep["obligations"]:
            if o.get("binds"):
                binds.add(o["id"])
                binds.update(o.get("national", []))
        want = [o["id"] for o in obl["obligations"]]
        missing = [i for i in want if i not in binds]
        if missing or rep["summary"]["binding"] != len(want):
            print("FAIL %s: obligations lists %d duties, the report binds %d; not in the report: %s"
                  % (name, len(want), rep["summary"]["binding"], missing[:6]))
            bad += 1
    print("%s: %d in-scope entities checked" % ("FAIL" if bad else "ok", checked))
    return 1 if bad or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
