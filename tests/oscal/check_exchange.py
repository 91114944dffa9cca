#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The exchange formats (include/nis2/exchange.h, lib/json/EXCHANGE.md), checked from the outside:

- every OSCAL export (the catalogs of NIS2 duties, of IR 2024/2690 Annex points and of each overlay's national
  duties; the mapping-collection; the gap report as assessment-results) is valid against the OSCAL 1.2.2 JSON
  Schemas in this folder, and says what the catalog says (every duty, point and pair once, relationships in OSCAL's
  vocabulary, ENISA's attribution kept, no ISO text);
- the CISO Assistant library (YAML) has the structure that project publishes: top-level urn, locale, ref_id, name,
  version (an integer), provider, dependencies, objects; a framework (urn, ref_id, requirement_nodes with urn,
  parent_urn resolving) and requirement_mapping_sets[] (urn, name, source_framework_urn, target_framework_urn,
  requirement_mappings[] of source_requirement_urn, target_requirement_urn, relationship in its vocabulary), the
  ISO side in CISO Assistant's own URN scheme (urn:intuitem:risk:req_node:iso27001-2022:<lower-case id>);
- every output is deterministic (two runs give the same bytes).

Runs with Debian's /usr/bin/python3 (python3-jsonschema, python3-regex, python3-yaml); exits 77 (skip) without them.
Usage: check_exchange.py --nis2 PATH --root SOURCE_ROOT
"""
import argparse
import json
import os
import re
import subprocess
import sys

try:
    import yaml
    import jsonschema  # noqa: F401  (validate.py needs it)
    import regex  # noqa: F401
except ImportError as e:  # pragma: no cover
    print("skip: %s (Debian python3-yaml, python3-jsonschema, python3-regex)" % e)
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import validate  # noqa: E402

FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL:", what)


def run(nis2, args, data=None):
    p = subprocess.run([nis2] + args, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr


def schema_errors(schema_name, doc):
    s = json.load(open(os.path.join(HERE, schema_name), encoding="utf-8"))
    return list(validate.OscalDraft7(s).iter_errors(doc))


def export(nis2, args):
    rc, out, err = run(nis2, ["export"] + args)
    check(rc == 0, "nis2 export %s exits 0 (%d: %s)" % (" ".join(args), rc, err[:200]))
    rc2, out2, _ = run(nis2, ["export"] + args)
    check(out == out2, "nis2 export %s is deterministic" % " ".join(args))
    return out


def origin(risk):
    return [p["value"] for p in risk.get("props", []) if p["name"] == "origin"][0]


def controls_of(node):
    for c in node.get("controls", []):
        yield c
        yield from controls_of(c)
    for g in node.get("groups", []):
        yield from controls_of(g)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nis2", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    nis2 = a.nis2
    rc, out, _ = run(nis2, ["catalog"])
    cat = json.loads(out)
    iso_ids = {c["id"] for c in cat["controls"]}
    iso_titles = {c["id"]: c["title"] for c in cat["controls"]}

    # --- OSCAL catalogs
    parts = {"nis2": cat["obligations"], "ir2690": cat["ir2690_points"]}
    for ov in cat["overlays"]:
        if ov.get("obligations"):
            parts[ov["country"].lower()] = ov["obligations"]
    for part, entries in parts.items():
        doc = json.loads(export(nis2, ["--format", "oscal-catalog", "--part", part]))
        errs = schema_errors("oscal_catalog_schema.json", doc)
        check(not errs, "catalog %s is valid OSCAL 1.2.2: %s" % (part, [e.message[:200] for e in errs[:3]]))
        c = doc["catalog"]
        check(c["metadata"]["oscal-version"] == "1.2.2" and c["metadata"]["version"] == cat["catalog_version"],
              "catalog %s: metadata names OSCAL 1.2.2 and the catalog version" % part)
        ids = [x["id"] for x in controls_of(c)]
        check(sorted(ids) == sorted(e["id"] for e in entries),
              "catalog %s: every entry exactly once (%d controls, %d entries)" % (part, len(ids), len(entries)))
        byid = {x["id"]: x for x in controls_of(c)}
        for e in entries:
            x = byid.get(e["id"], {})
            label = [p["value"] for p in x.get("props", []) if p["name"] == "label"]
            check(label == [e["ref"]], "catalog %s: %s carries its reference %r as label" % (part, e["id"], e["ref"]))
            check(x.get("title") == e["title"], "catalog %s: %s keeps its title" % (part, e["id"]))
        if part != "ir2690":
            # grouped by article: every control of a group names that article
            for g in c["groups"]:
                for x in g["controls"]:
                    ref = [p["value"] for p in x["props"] if p["name"] == "label"][0]
                    check(g["title"] == "Other provisions" and not re.search(r"(Art\.|art\.|§) \d", ref) or
                          ref.startswith(g["title"]) and not ref[len(g["title"]):][:1].isdigit(),
                          "catalog %s: %s (%s) sits in group %s" % (part, x["id"], ref, g["title"]))
        else:
            for p in cat["ir2690_points"]:
                x = byid[p["id"]]
                kids = [k["id"] for k in x.get("controls", [])]
                check(kids == p.get("children", []), "catalog ir2690: %s nests its children %s" % (p["id"], p.get("children")))
    rc, _, err = run(nis2, ["export", "--format", "oscal-catalog", "--part", "xx"])
    check(rc == 2 and b"unknown or empty catalog part 'xx'" in err, "an unknown part is a usage error naming it")
    rc, _, err = run(nis2, ["export", "--format", "oscal"])
    check(rc == 2 and b"--format must be" in err, "an unknown format is a usage error")

    # --- OSCAL mapping collection
    doc = json.loads(export(nis2, ["--format", "oscal-mapping"]))
    errs = schema_errors("oscal_mapping_schema.json", doc)
    check(not errs, "mapping-collection is valid OSCAL 1.2.2: %s" % [e.message[:200] for e in errs[:3]])
    mc = doc["mapping-collection"]
    rel = {"equal": "equal-to", "subset_of": "subset-of", "superset_of": "superset-of",
           "intersects_with": "intersects-with", "no_relationship": "no-relationship"}
    got = []
    for m in mc["mappings"]:
        src = [p["value"] for p in m.get("props", []) if p["name"] == "source"]
        check(len(src) == 1, "mapping %s names one source" % m["uuid"])
        for x in m["maps"]:
            check(len(x["sources"]) == 1 and len(x["targets"]) == 1, "map %s is one pair" % x["uuid"])
            got.append((x["sources"][0]["id-ref"], x["targets"][0]["id-ref"], x["relationship"], x.get("remarks"), src[0]))
        for p in m.get("props", []):
            if p["name"] == "unmapped":
                got.append((p["value"], None, "no-relationship", p.get("remarks"), src[0]))
                check(p["value"] in m["source-gap-summary"]["unmapped-controls"][0]["with-ids"],
                      "unmapped %s is in the gap summary" % p["value"])
    want = [(e["from"], e["to"], rel[e["relationship"]], e["rationale"], e["source"]) for e in cat["mappings"]]
    check(sorted(got, key=str) == sorted(want, key=str),
          "mapping-collection: every pair once with its relationship, rationale and source (%d vs %d)" % (len(got), len(want)))
    uuids = [x["uuid"] for m in mc["mappings"] for x in m["maps"]]
    check(len(uuids) == len(set(uuids)), "map uuids are unique")
    text = json.dumps(doc, ensure_ascii=False)
    check("CC BY 4.0" in mc["provenance"]["mapping-description"] and "ENISA" in mc["provenance"]["mapping-description"],
          "provenance keeps ENISA's CC BY 4.0 attribution")
    res = [r for r in mc["back-matter"]["resources"] if r["title"] == "ENISA TIG 2025"]
    check(len(res) == 1 and "CC BY 4.0" in res[0]["citation"]["text"] and
          {"name": "licence-url", "ns": "urn:libnis2:ns:oscal", "value": "https://creativecommons.org/licenses/by/4.0/"}
          in res[0]["props"], "the ENISA source is a back-matter resource with its attribution and licence")
    # ISO by identifier only: no ISO title appears in the mapping export beyond what rationales (libnis2's) say
    check(all(t in iso_ids for (_, t, _, _, _) in got if t and not t.startswith("ir2690.")), "targets are ISO ids of the catalog")

    # --- CISO Assistant library
    ytext = export(nis2, ["--format", "ciso-assistant"])
    lib = yaml.safe_load(ytext)
    for k in ("urn", "locale", "ref_id", "name", "version", "provider", "dependencies", "objects", "description"):
        check(k in lib, "CISO library has top-level %s" % k)
    check(isinstance(lib["version"], int), "CISO library version is an integer")
    check(re.fullmatch(r"urn:[a-z0-9-]+:risk:library:[a-z0-9._-]+", lib["urn"]) is not None, "library urn follows the scheme")
    check(lib["dependencies"] == ["urn:intuitem:risk:library:iso27001-2022"], "it depends on CISO Assistant's ISO library")
    fw = lib["objects"]["framework"]
    for k in ("urn", "ref_id", "name", "requirement_nodes"):
        check(k in fw, "framework has %s" % k)
    nodes = fw["requirement_nodes"]
    urns = [n["urn"] for n in nodes]
    check(len(urns) == len(set(urns)) and all(u == u.lower() for u in urns), "node urns are unique and lower case")
    check(all(n.get("parent_urn") in set(urns) for n in nodes if "parent_urn" in n), "every parent_urn resolves")
    prefix = fw["urn"].replace(":framework:", ":req_node:") + ":"
    duty_nodes = [n for n in nodes if n.get("assessable")]
    check(sorted(n["urn"][len(prefix):] for n in duty_nodes) == sorted(o["id"] for o in cat["obligations"]),
          "framework: one assessable node per NIS2 duty, urn = framework prefix + duty id")
    check(all(isinstance(n["depth"], int) and isinstance(n["assessable"], bool) for n in nodes), "depth/assessable typed")
    sets = lib["objects"]["requirement_mapping_sets"]
    check(len(sets) == 1, "one requirement mapping set")
    s = sets[0]
    for k in ("urn", "ref_id", "name", "source_framework_urn", "target_framework_urn", "requirement_mappings"):
        check(k in s, "mapping set has %s" % k)
    check(s["source_framework_urn"] == fw["urn"] and s["target_framework_urn"] == "urn:intuitem:risk:framework:iso27001-2022",
          "mapping set goes from this framework to CISO Assistant's ISO/IEC 27001:2022 framework")
    crel = {"equal": "equal", "subset_of": "subset", "superset_of": "superset", "intersects_with": "intersect"}
    duties = {o["id"] for o in cat["obligations"]}
    want = sorted((prefix + e["from"], "urn:intuitem:risk:req_node:iso27001-2022:" + e["to"].lower(), crel[e["relationship"]])
                  for e in cat["mappings"] if e["from"] in duties and e["to"] in iso_ids)
    got = sorted((m["source_requirement_urn"], m["target_requirement_urn"], m["relationship"]) for m in s["requirement_mappings"])
    check(got == want, "requirement_mappings: every direct duty -> ISO pair, relationship in CISO's vocabulary (%d vs %d)"
          % (len(got), len(want)))
    check(all(set(m) >= {"source_requirement_urn", "target_requirement_urn", "relationship"} for m in s["requirement_mappings"]),
          "each mapping has source/target urn and relationship")
    for ov in cat["overlays"]:
        if ov.get("obligations"):
            olib = yaml.safe_load(export(nis2, ["--format", "ciso-assistant", "--part", ov["country"]]))
            onodes = [n for n in olib["objects"]["framework"]["requirement_nodes"] if n["assessable"]]
            check(len(onodes) == len(ov["obligations"]), "CISO framework of %s: one node per national duty" % ov["country"])
    # ISO/IEC 27001 by identifier only: the library defines no ISO node of its own, it points at CISO Assistant's
    check(not any(n["urn"].startswith("urn:intuitem:") for n in nodes), "the CISO export defines no ISO node")

    # --- import through the CLI: --catalog-extend with the exports gives back the same graph
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in (("map.json", ["--format", "oscal-mapping"]), ("lib.yaml", ["--format", "ciso-assistant"])):
            f = os.path.join(tmp, name)
            with open(f, "wb") as fh:
                fh.write(export(nis2, args))
            rc, out, err = run(nis2, ["--catalog-extend", f, "catalog", "--part", "mappings"])
            check(rc == 0, "--catalog-extend %s exits 0 (%s)" % (name, err[:300]))
            got = json.loads(out)["mappings"]
            key = lambda e: (e["from"], e["to"] or "")
            check(sorted(map(key, got)) == sorted(map(key, cat["mappings"])), "--catalog-extend %s: the same pairs" % name)
            if name == "map.json":
                check(sorted(got, key=str) == sorted(cat["mappings"], key=str), "the OSCAL round trip is exact")
        bad = os.path.join(tmp, "bad.yaml")
        with open(bad, "w") as fh:
            fh.write("urn: urn:v:risk:library:x\nobjects:\n  requirement_mapping_sets:\n  - name: S\n"
                     "    requirement_mappings:\n    - source_requirement_urn: urn:v:risk:req_node:x:nis2.art99.none\n"
                     "      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.1\n"
                     "      relationship: equal\n")
        rc, out, err = run(nis2, ["--catalog-extend", bad, "catalog", "--part", "mappings"])
        e = json.loads(err)["error"] if err.startswith(b"{") else {}
        check(rc == 3 and e.get("code") == "catalog_error" and
              e.get("path") == "$.objects.requirement_mapping_sets[0].requirement_mappings[0]",
              "an unresolved CISO mapping is a catalog error naming the map: %r" % err[:300])

    # --- the gap report as OSCAL assessment-results
    for path in sorted(os.listdir(os.path.join(a.root, "examples", "data"))):
        if not path.startswith("isms"):
            continue
        f = os.path.join(a.root, "examples", "data", path)
        data = open(f, "rb").read()
        rc, out, err = run(nis2, ["gap", "--format", "oscal", f])
        check(rc == 0, "gap --format oscal %s exits 0 (%s)" % (path, err[:200]))
        doc = json.loads(out)
        errs = schema_errors("oscal_assessment-results_schema.json", doc)
        check(not errs, "%s: assessment-results valid OSCAL 1.2.2: %s" % (path, [e.message[:200] for e in errs[:3]]))
        _, rep, _ = run(nis2, ["gap", f])
        rep = json.loads(rep)
        r = doc["assessment-results"]["results"][0]
        byduty = {x["target"]["target-id"]: x for x in r["findings"]}
        check(sorted(byduty) == sorted(o["id"] for o in rep["obligations"]), "%s: one finding per duty" % path)
        obs = {o["uuid"]: o["title"] for o in r.get("observations", [])}
        inp = json.loads(data)
        check(sorted(obs.values()) == sorted(e["id"] for e in inp.get("evidence", [])), "%s: one observation per evidence item" % path)
        risks = {x["uuid"]: x for x in r.get("risks", [])}
        for o in rep["obligations"]:
            x = byduty[o["id"]]
            st = x["target"]["status"]["state"]
            check((st == "satisfied") == (o["status"] in ("covered", "not_applicable")),
                  "%s: %s status %s -> %s" % (path, o["id"], o["status"], st))
            check([p["value"] for p in x["props"] if p["name"] == "status"] == [o["status"]], "%s: %s keeps its status" % (path, o["id"]))
            ev = set(o["evidence"]) | {e for c in o["controls"] for e in c["evidence"]}
            check(sorted(obs[ro["observation-uuid"]] for ro in x.get("related-observations", [])) == sorted(ev),
                  "%s: %s's observations are its evidence items" % (path, o["id"]))
            mine = [risks[rr["risk-uuid"]] for rr in x.get("related-risks", [])]
            check([y["description"] for y in mine if origin(y) == "open-item"] == o["open"],
                  "%s: %s's open items are its risks" % (path, o["id"]))
        # the prioritised actions: each exactly once, as a recommendation of a risk of a duty it names (its first
        # open item) or of a risk of its own; its due date is that risk's deadline
        rems = [(x, m) for x in risks.values() for m in x.get("remediations", [])]
        check(sorted(m["description"] for _, m in rems) == sorted(x["action"] for x in rep["actions"]),
              "%s: every action is one remediation" % path)
        check(all(m["lifecycle"] == "recommendation" for _, m in rems), "%s: remediations are recommendations" % path)
        for act in rep["actions"]:
            rk = [x for x, m in rems if m["description"] == act["action"]][0]
            duty_risks = [i for i in act["ids"] if i in byduty and any(
                origin(risks[rr["risk-uuid"]]) == "open-item" for rr in byduty[i].get("related-risks", []))]
            if duty_risks:
                first = [risks[rr["risk-uuid"]] for rr in byduty[duty_risks[0]]["related-risks"]
                         if origin(risks[rr["risk-uuid"]]) == "open-item"][0]
                check(rk is first, "%s: action %s is a recommendation of %s's first open item" % (path, act["rank"], duty_risks[0]))
            else:
                check(origin(rk) == "action" and rk["description"] == act["finding"],
                      "%s: action %s is a risk of its own" % (path, act["rank"]))
            if act["due"]:
                check(rk.get("deadline", "")[:10] <= act["due"], "%s: action %s's due date bounds its risk" % (path, act["rank"]))
        stale = {s["id"] for s in rep["stale_evidence"]}
        marked = {o["title"] for o in r.get("observations", []) if any(p["name"] == "stale" for p in o.get("props", []))}
        check(marked == stale, "%s: stale evidence is marked (%s)" % (path, sorted(stale)))
        rc2, out2, _ = run(nis2, ["gap", "--format", "oscal", f])
        check(out == out2, "%s: deterministic" % path)
    rc, out, err = run(nis2, ["gap", "--format", "oscal"], b'{"schema":1}')
    check(rc == 1 and not out and b'"missing_field"' in err, "gap --format oscal on a bad input gives the gap report's error")

    print("%d failure(s)" % len(FAILS))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
