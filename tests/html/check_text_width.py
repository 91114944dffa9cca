#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The text form of the gap report keeps its promise: no line longer than 110 columns (counted in characters,
UTF-8 decoded), for every ISMS example and for a report with every section filled. Also checks that the text and
the CSV open with / hold the seven questions and the action list in the order of the JSON."""
import argparse
import csv
import glob
import io
import json
import os
import subprocess
import sys

WIDTH = 110


def run(nis2, fmt, doc):
    p = subprocess.run([nis2, "gap", "--format", fmt], input=doc, capture_output=True)
    if p.returncode != 0:
        raise SystemExit("nis2 gap --format %s failed: %s" % (fmt, p.stderr.decode()))
    return p.stdout.decode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nis2", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    examples = sorted(glob.glob(os.path.join(a.root, "examples", "data", "isms*.json")))
    if not examples:
        print("FAIL: no examples/data/isms*.json")
        return 1
    bad = 0
    for ex in examples:
        with open(ex, "rb") as f:
            doc = f.read()
        text = run(a.nis2, "text", doc)
        for n, line in enumerate(text.split("\n"), 1):
            if len(line) > WIDTH:
                print("FAIL %s line %d: %d columns: %s" % (os.path.basename(ex), n, len(line), line))
                bad += 1
        rep = json.loads(run(a.nis2, "json", doc))
        qs = rep["questions"]
        if [q["id"] for q in qs] != ["scope", "obligations", "measures", "incident_handling",
                                     "management_accountability", "risk_decisions", "supply_chain"]:
            print("FAIL %s: questions out of order: %s" % (ex, [q["id"] for q in qs]))
            bad += 1
        # the text shows the seven questions before the detail, in order, each with its status
        pos = [text.find("%d. %s" % (i + 1, q["question"][:40])) for i, q in enumerate(qs)]
        if min(pos) < 0 or pos != sorted(pos) or pos[-1] > text.find("\nDETAIL\n"):
            print("FAIL %s: the text does not open with the seven questions in order: %s" % (ex, pos))
            bad += 1
        rows = list(csv.reader(io.StringIO(run(a.nis2, "csv", doc), newline="")))
        if rows[0] != ["rank", "weight", "question", "provision", "action", "finding", "concerns", "due"]:
            print("FAIL %s: CSV header %s" % (ex, rows[0]))
            bad += 1
        if [r[4] for r in rows[1:]] != [x["action"] for x in rep["actions"]]:
            print("FAIL %s: the CSV rows are not the action list of the JSON" % ex)
            bad += 1
        print("ok %s: %d lines, longest %d columns; %d actions" % (
            os.path.basename(ex), text.count("\n"), max(len(l) for l in text.split("\n")), len(rep["actions"])))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
