#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A national law loaded at run time (nis2 --catalog-extend FILE), with no rebuild.

1. mt-fictitious.json, a fictitious law for Malta (whose real law is not encoded), departs from the Directive by a
   national category by headcount (20-49 employees), a national sector (a national-only activity code) and an
   exclusion (a national fact): every rule is checked at, below and above its boundaries.
2. Portugal built from its own files (lib/catalog/overlays/pt/*.json, merged as embed.py does) and laid over the
   catalog at run time answers every Portuguese vector exactly as the embedded overlay does, byte for byte.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

FAILS = []


def classify(nis2, entities, extend=None):
    args = [nis2] + (["--catalog-extend", extend] if extend else []) + ["classify", "--ndjson"]
    text = "".join(json.dumps(e) + "\n" for e in entities)
    p = subprocess.run(args, input=text.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if p.returncode not in (0, 1):
        sys.exit("nis2 failed (%d): %s" % (p.returncode, p.stderr.decode()))
    return p.stdout.decode().splitlines()


def check(what, got, want):
    if got != want:
        FAILS.append("%s: got %r, want %r" % (what, got, want))


def mt_cases():
    small = {"turnover_eur": 1e6, "balance_sheet_eur": 1e6}
    med = "manufacturing.medical_devices"
    return [
        # (id, entity, category, decided_by, authority, missing)
        ("ferry-any-size", {"activities": ["mt.national_sector.ferry_operator"], "employees": 1, **small},
         "important", "FTA art. 4", "Fictitious Test Authority", []),
        ("headcount-19-below", {"activities": [med], "employees": 19, **small}, "out_of_scope", "FTA art. 2", None, []),
        ("headcount-20-at", {"activities": [med], "employees": 20, **small},
         "priority_small_entity", "FTA art. 5", "Fictitious Test Authority", []),
        ("headcount-49-at-top", {"activities": [med], "employees": 49, **small},
         "priority_small_entity", "FTA art. 5", "Fictitious Test Authority", []),
        ("headcount-50-above", {"activities": [med], "employees": 50, **small},
         "important", "FTA art. 6(2)", "Fictitious Test Authority", []),
        ("headcount-not-annex", {"activities": ["mt.national_sector.ferry_operator", "research.research_organisation"],
                                 "employees": 30, **small}, "important", "FTA art. 4", "Fictitious Test Authority", []),
        ("directive-essential", {"activities": ["banking.credit_institution"], "employees": 300, **small},
         "essential", "FTA art. 6(1)", "Fictitious Test Authority", []),
        ("exclusion-beats-all", {"activities": ["banking.credit_institution"], "employees": 300, **small,
                                 "national": {"MT": {"exempt_body": True}}}, "out_of_scope", "FTA art. 3(2)", None, []),
        ("exclusion-false", {"activities": ["banking.credit_institution"], "employees": 300, **small,
                             "national": {"MT": {"exempt_body": False}}}, "essential", "FTA art. 6(1)",
         "Fictitious Test Authority", []),
        ("figures-missing", {"activities": [med]}, "undetermined", "FTA art. 6", None,
         ["employees", "turnover_eur", "balance_sheet_eur"]),
    ]


PT_EXT = {"name": "pt-from-files", "version": "1"}


def without_extensions(line):
    """The result line with its catalog_extensions member cut out, bytes otherwise untouched."""
    key = ',"catalog_extensions":'
    i = line.find(key)
    if i < 0:
        return line
    depth, j = 0, i + len(key)
    while True:
        ch = line[j]
        depth += ch in "[{"
        depth -= ch in "]}"
        j += 1
        if depth == 0:
            return line[:i] + line[j:]


def merged_overlay(folder):
    ov = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as f:
            for k, v in json.load(f).items():
                if k in ov and ov[k] != v:
                    sys.exit("%s: key %s defined twice" % (path, k))
                ov[k] = v
    return ov


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nis2", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    here = os.path.join(a.root, "tests", "overlays")
    mt = os.path.join(here, "mt-fictitious.json")

    # 1. the fictitious law
    cases = mt_cases()
    ents = [dict({"country": "MT", "name": c[0]}, **c[1]) for c in cases]
    # without the file (national.MT facts would be an input error: no MT overlay then, so they are left out)
    before = [json.loads(l) for l in classify(a.nis2, [{k: v for k, v in e.items() if k != "national"} for e in ents])]
    after = [json.loads(l) for l in classify(a.nis2, ents, mt)]
    check("cases answered", len(after), len(cases))
    for c, b, r in zip(cases, before, after):
        cid, _, cat, dec, auth, missing = c
        if "mt.national_sector.ferry_operator" in c[1]["activities"]:      # the national sector exists only in the file
            check(cid + ": without the file the national code is unknown", b.get("error", {}).get("code"), "unknown_code")
        else:
            check(cid + ": without the file the law is not encoded", b["national"].get("encoded"), False)
        check(cid + ": law", r["law"], "MT Fictitious Test Act")
        check(cid + ": category", r["category"], cat)
        check(cid + ": national.category", r["national"]["category"], cat)
        check(cid + ": decided_by", r["decided_by"], dec)
        check(cid + ": authority", r["national"]["authority"], auth)
        check(cid + ": missing", r["missing"], missing)
    check("headcount reason names the figure",
          any(x["text"].startswith("20 employees in an Annex sector") for x in after[2]["reasons"]), True)

    # 2. Portugal from its own files
    pt = merged_overlay(os.path.join(a.root, "lib", "catalog", "overlays", "pt"))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(dict(PT_EXT, overlays=[pt]), f, ensure_ascii=False)
        pt_file = f.name
    try:
        ents = []
        for vf in sorted(glob.glob(os.path.join(a.root, "tests", "vectors", "classification*.json"))):
            with open(vf, encoding="utf-8") as f:
                ents += [c["entity"] for c in json.load(f)["cases"] if c["entity"].get("country") == "PT"]
        for emp in (0, 74, 75, 249, 249.5, 250, 251):         # the art. 7 boundaries, for every public type
            for code in pt["classification"]["sets"]["pt_public_types"] + ["pt.higher_education"]:
                ents.append({"country": "PT", "activities": [code], "employees": emp,
                             "national": {"PT": {"higher_education_sector": "public"}}})
        emb = classify(a.nis2, ents)
        run = classify(a.nis2, ents, pt_file)
        check("Portuguese entities answered", len(run), len(ents))
        # an extended catalog names its extensions in every result; the rest is byte for byte the embedded answer
        names = [json.loads(l).get("catalog_extensions") for l in run]
        check("results name the run-time extension", all(n == [PT_EXT] for n in names), True)
        run = [without_extensions(l) for l in run]
        diff = [i for i, (x, y) in enumerate(zip(emb, run)) if x != y]
        check("Portugal at run time differs from the embedded overlay at entities", diff[:5], [])
        check("Portugal entities checked (at least the vectors)", len(ents) > 150, True)
        # the file is really what answers: the same overlay with one threshold moved answers differently
        moved = json.loads(json.dumps(pt))
        for r in moved["classification"]["rules"]:
            if r.get("id") == "7-pt.public_administration.state_direct":
                r["first"][0]["when"]["gte"] = 300
        with open(pt_file, "w", encoding="utf-8") as f:
            json.dump(dict(PT_EXT, overlays=[moved]), f, ensure_ascii=False)
        probe = {"country": "PT", "activities": ["pt.public_administration.state_direct"], "employees": 260}
        check("moved threshold: embedded", json.loads(classify(a.nis2, [probe])[0])["national"]["category"],
              "relevant_public_entity_group_a")
        check("moved threshold: from the file", json.loads(classify(a.nis2, [probe], pt_file)[0])["national"]["category"],
              "undetermined")
    finally:
        os.unlink(pt_file)

    for m in FAILS:
        print("FAIL " + m)
    print("runtime-overlay: %d checks failed" % len(FAILS))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
