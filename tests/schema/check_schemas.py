#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The JSON Schemas of lib/schema/ against the documents the project ships and the answers the library gives.

Usage: check_schemas.py SOURCE_ROOT NIS2_CLI

1. Every schema is a valid draft 2020-12 schema; references resolve between the files.
2. Every example document (examples/data/) and every test-vector entity (tests/vectors/*.json) is valid.
3. A sample of every output form is valid: classify and obligations over every vector entity (NDJSON; the lines the
   library refuses are error objects with their line number), incident deadlines and assess, gap --format json,
   the whole catalog and every part of `nis2 catalog --part`, and the error objects of bad documents.
4. The schemas name what the code reads: the entity flags (lib/model/names.c), the impact facts
   (lib/model/incident.c), the status names (lib/util/error.c), the top-level keys of each input and the
   national keys of each overlay (lib/catalog/overlays/*/overlay.json).
5. A table of bad documents: each is rejected by the schema AND by the library, whose error names the field
   (its JSON path).
Needs Debian's python3-jsonschema (4.x).
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("SKIP: %s has no jsonschema module (Debian: python3-jsonschema)" % sys.executable)
    sys.exit(77)

ROOT, CLI = sys.argv[1], sys.argv[2]
SDIR = os.path.join(ROOT, "lib", "schema")
failures = []
checks = 0


def ok(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL " + what)


STORE = {}
for p in sorted(glob.glob(os.path.join(SDIR, "*.schema.json"))):
    with open(p, encoding="utf-8") as f:
        s = json.load(f)
    jsonschema.Draft202012Validator.check_schema(s)
    ok(s.get("$schema") == "https://json-schema.org/draft/2020-12/schema", "%s: draft 2020-12" % p)
    ok(s["$id"].endswith("/" + os.path.basename(p)), "%s: $id ends with the file name" % p)
    STORE[s["$id"]] = s
BY_NAME = {sid.rsplit("/", 1)[1][:-len(".schema.json")]: s for sid, s in STORE.items()}
print("%d schemas" % len(BY_NAME))


def validator(name):
    s = BY_NAME[name]
    return jsonschema.Draft202012Validator(s, resolver=jsonschema.RefResolver(s["$id"], s, store=STORE),
                                           format_checker=jsonschema.FormatChecker())


V = {n: validator(n) for n in BY_NAME}


def errors(name, doc):
    return sorted(V[name].iter_errors(doc), key=lambda e: list(e.absolute_path))


def unwrap(d):
    """A nullable member's schema without its null alternative."""
    if "anyOf" in d and "properties" not in d:
        alts = [x for x in d["anyOf"] if x.get("type") != "null"]
        if len(alts) == 1:
            return alts[0]
    return d


def valid(name, doc, what):
    errs = errors(name, doc)
    ok(not errs, "%s is valid against %s: %s" % (what, name, "; ".join(
        "%s: %s" % ("/".join(map(str, e.absolute_path)), e.message[:300]) for e in errs[:3])))


def cli(args, inp=None):
    r = subprocess.run([CLI] + args, input=inp, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def load(p):
    with open(p, encoding="utf-8") as f:
        return json.load(f)


def with_(base, path, value):
    d = copy.deepcopy(base)
    cur = d
    for k in path[:-1]:
        cur = cur[k]
    if value is KeyError:
        del cur[path[-1]]
    else:
        cur[path[-1]] = value
    return d


# ---------------------------------------------------------------- 2. inputs the project ships
EX = os.path.join(ROOT, "examples", "data")
examples = {}
for p in sorted(glob.glob(os.path.join(EX, "*.json"))):
    d = load(p)
    n = os.path.basename(p)
    if "as_of" in d:
        kinds = ["gap-report-input"]
    elif "aware_at" in d or "impact" in d:
        kinds = (["incident-deadlines-input"] if "aware_at" in d else []) + (
            ["incident-assessment-input"] if "impact" in d else [])
    else:
        kinds = ["entity"]
    examples[n] = (d, kinds)
    for k in kinds:
        valid(k, d, "examples/data/" + n)
# The NDJSON example holds a deliberately bad line: each line is valid exactly when the library accepts it.
with open(os.path.join(EX, "suppliers.ndjson"), encoding="utf-8") as f:
    sup = [ln for ln in f.read().splitlines() if ln.strip()]
sup_out = subprocess.run([CLI, "classify", "--ndjson"], input="\n".join(sup) + "\n", capture_output=True,
                         text=True).stdout.splitlines()
ok(len(sup_out) == len(sup), "suppliers.ndjson: one answer per line")
for i, (line, res) in enumerate(zip(sup, sup_out)):
    refused = "error" in json.loads(res)
    ok(bool(errors("entity", json.loads(line))) == refused,
       "examples/data/suppliers.ndjson line %d: the schema %s it as the library does" % (
           i + 1, "rejects" if refused else "accepts"))
ok(sum("error" in json.loads(r) for r in sup_out) == 1, "suppliers.ndjson has its one bad line")
ok(any("gap-report-input" in k for _, k in examples.values()), "an example gap-report input exists")
ok(any("incident-assessment-input" in k for _, k in examples.values()), "an example incident input exists")

entities = []
for p in sorted(glob.glob(os.path.join(ROOT, "tests", "vectors", "*.json"))):
    d = load(p)
    for c in d.get("cases", []):
        if "entity" in c:
            valid("entity", c["entity"], "%s case %s" % (os.path.basename(p), c.get("id")))
            entities.append(c["entity"])
ok(len(entities) > 300, "vector entities found (%d)" % len(entities))
print("inputs checked: %d examples, %d vector entities" % (len(examples), len(entities)))

# ---------------------------------------------------------------- 3. outputs
def ndjson(cmd, docs, ok_schema):
    rc, out, err = cli(cmd + ["--ndjson"], "".join(json.dumps(d) + "\n" for d in docs))
    lines = out.splitlines()
    ok(len(lines) == len(docs), "%s --ndjson: one line per document (%d/%d)" % (" ".join(cmd), len(lines), len(docs)))
    n_err = 0
    for i, line in enumerate(lines):
        v = json.loads(line)
        if "error" in v:
            n_err += 1
            valid("error", v, "%s line %d (error object)" % (" ".join(cmd), i + 1))
            ok(v["error"].get("line") == i + 1, "%s: error object of line %d names it" % (" ".join(cmd), i + 1))
        else:
            valid(ok_schema, v, "%s --ndjson line %d" % (" ".join(cmd), i + 1))
    return n_err


bad_line = {"country": "PT", "activities": ["health.healthcare_provider"], "employees": -1}
n = ndjson(["classify"], entities + [bad_line], "classification")
ok(n >= 1, "classify --ndjson gave at least one error line (%d)" % n)
ndjson(["obligations"], entities + [bad_line], "obligations")
# Error objects of every kind: a malformed line, a scalar, a document over a limit, a file that cannot be read.
rc, out, _ = cli(["classify", "--ndjson"], '{"country": "PT", "activities": [}\n7\n{"country": "PT", "activities": '
                 '["health.healthcare_provider"], "name": "%s"}\n\n{"country": "PT", "activities": []}\n' % ("x" * 5000))
lines = [json.loads(x) for x in out.splitlines()]
ok([("error" in x) for x in lines] == [True, True, True, False], "NDJSON: three error lines, then a result: %s" % out)
for i, x in enumerate(lines):
    valid("error" if "error" in x else "classification", x, "NDJSON line %d of the error sample" % (i + 1))
ok([x["error"]["code"] for x in lines[:3]] == ["parse_error", "parse_error", "limit_exceeded"],
   "NDJSON error codes: %s" % [x.get("error", {}).get("code") for x in lines])
ok(lines[2]["error"]["line"] == 3 and "line" not in lines[3], "the error lines carry their line number")
rc, out, err = cli(["classify", os.path.join(ROOT, "no-such-file.json")])
ok(rc == 1, "a missing file exits 1")
valid("error", json.loads(err.splitlines()[-1]), "the error object for a missing file")

for f in ("pt-hospital.json", "hospital-pt.json"):
    rc, out, _ = cli(["classify", "--pretty", os.path.join(EX, f)])
    valid("classification", json.loads(out), "classify --pretty " + f)

dl = [{"schema": 1, "entity": e, "aware_at": "2026-05-04T09:30:00+01:00"} for e in entities[::3]]
dl += [{"entity": e, "aware_at": "2026-12-24T23:30:00Z", "notified_at": "2026-12-25T10:00:00Z",
        "impact_ended_at": "2027-02-01T00:00:00+02:00", "end_of_impact_notified_at": "2027-02-02T00:00:00Z"}
       for e in entities[1::7]]
dl += [d for d, k in examples.values() if "incident-deadlines-input" in k]
for d in dl:
    valid("incident-deadlines-input", d, "constructed incident-deadlines input")
ndjson(["incident", "deadlines"], dl, "incident-deadlines")
impact = {"occurred_at": "2026-05-04T09:00:00Z", "root_cause": "misconfiguration", "financial_loss_eur": 600000,
          "unavailable_minutes": 45, "users_in_union": 100000, "users_affected_unavailable": 9000,
          "suspected_malicious": True,
          "related_incidents": [{"occurred_at": "2026-03-01T00:00:00Z", "root_cause": "misconfiguration",
                                 "financial_loss_eur": 10}]}
asx = [{"schema": 1, "entity": e, "impact": impact} for e in entities[::3]]
asx += [{"entity": e, "impact": {"deaths": 1}} for e in entities[1::11]]
asx += [{"entity": e, "impact": {"scheduled_maintenance": True}} for e in entities[2::40]]
asx += [d for d, k in examples.values() if "incident-assessment-input" in k]
for d in asx:
    valid("incident-assessment-input", d, "constructed incident-assessment input")
ndjson(["incident", "assess"], asx, "incident-assessment")

gaps = [d for d, k in examples.values() if "gap-report-input" in k]
gaps += [{"entity": e, "as_of": "2026-11-28"} for e in entities[::25]]
for i, g in enumerate(gaps):
    valid("gap-report-input", g, "gap input %d" % i)
    rc, out, err = cli(["gap", "--format", "json"], json.dumps(g))
    if rc == 0:
        valid("gap-report", json.loads(out), "gap --format json of input %d" % i)
    else:
        valid("error", json.loads(err), "gap error of input %d" % i)

# A result computed with a catalog extension (it may list the extension in catalog_extensions).
with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as tf:
    json.dump({"name": "schema-test", "version": "1", "x_purpose": "tests/schema"}, tf)
E0 = {"country": "PT", "activities": ["health.healthcare_provider"], "employees": 300}
try:
    for cmd, doc, name in [(["classify"], E0, "classification"),
                           (["obligations"], E0, "obligations"),
                           (["gap"], {"entity": E0, "as_of": "2026-11-28"}, "gap-report")]:
        rc, out, err = cli(["--catalog-extend", tf.name] + cmd, json.dumps(doc))
        ok(rc == 0, "nis2 --catalog-extend %s exits 0 (%s)" % (" ".join(cmd), err.strip()))
        if rc == 0:
            v = json.loads(out)
            valid(name, v, "nis2 --catalog-extend … " + " ".join(cmd))
            if "catalog_extensions" in v:
                ok(v["catalog_extensions"] == [{"name": "schema-test", "version": "1"}],
                   "%s names the extension: %s" % (" ".join(cmd), v["catalog_extensions"]))
    rc, out, err = cli(["--catalog-extend", tf.name, "catalog"])
    ok(rc == 0, "nis2 --catalog-extend … catalog exits 0 (%s)" % err.strip())
    if rc == 0:
        valid("catalog", json.loads(out), "the extended catalog")
finally:
    os.unlink(tf.name)

rc, out, _ = cli(["catalog"])
valid("catalog", json.loads(out), "nis2 catalog")
catalog = json.loads(out)
PARTS = ["entity_types", "obligations", "controls", "mappings", "overlays", "member_states", "sme_thresholds",
         "ir2690_points", "sources"]
for part in PARTS:
    rc, out, err = cli(["catalog", "--part", part])
    ok(rc == 0, "nis2 catalog --part %s exits 0 (%s)" % (part, err.strip()))
    if rc == 0:
        valid("catalog-part", json.loads(out), "nis2 catalog --part " + part)
rc, out, err = cli(["catalog", "--part", "changes"])
if rc == 0:
    valid("catalog-part", json.loads(out), "nis2 catalog --part changes")
for ov in catalog.get("overlays", []):
    valid("overlay", ov, "catalog overlay %s" % ov.get("country"))
# Overlay data as it is in the repository: each file of lib/catalog/overlays/<cc>/ holds some members of an overlay
# (also a folder that has no overlay.json yet), and the files of a folder merged (as lib/catalog/embed.py does) are a
# whole overlay once it has its country and law.
part_id = BY_NAME["overlay"]["$id"].replace("overlay.schema.json", "overlay-file")
part_schema = {"$id": part_id, "$ref": "overlay.schema.json#/$defs/part"}
V["overlay-part"] = jsonschema.Draft202012Validator(
    part_schema, resolver=jsonschema.RefResolver(part_id, part_schema, store=STORE),
    format_checker=jsonschema.FormatChecker())
n_ov = 0
for d in sorted(glob.glob(os.path.join(ROOT, "lib", "catalog", "overlays", "*", ""))):
    merged = {}
    for p in sorted(glob.glob(os.path.join(d, "*.json"))):
        doc = load(p)
        valid("overlay-part", doc, os.path.relpath(p, ROOT))
        n_ov += 1
        for k, v in doc.items():
            merged.setdefault(k, v)
    if "country" in merged:
        valid("overlay", merged, "the merged overlay " + os.path.relpath(d, ROOT))
ok(n_ov >= 4, "overlay files checked (%d)" % n_ov)
# the overlays the tests load at run time (nis2 --catalog-extend)
for p in sorted(glob.glob(os.path.join(ROOT, "tests", "overlays", "*.json"))):
    for ov in load(p).get("overlays", []):
        valid("overlay", ov, "the run-time overlay %s of %s" % (ov.get("country"), os.path.relpath(p, ROOT)))


def rules_with(rule):
    return {"classification": {"language": 1, "rules": [rule]}}

# The output schemas are not vacuous: a real answer with one thing broken is rejected.
_, out, _ = cli(["classify", os.path.join(EX, "pt-hospital.json")])
cls = json.loads(out)
_, out, _ = cli(["gap", os.path.join(EX, "isms-example.json")])
gapo = json.loads(out)
_, out, _ = cli(["incident", "deadlines", os.path.join(EX, "incident-cloud-lisbon.json")])
dlo = json.loads(out)
for name, doc, what in [
        ("classification", with_(cls, ["category"], KeyError), "no category"),
        ("classification", with_(cls, ["size_class"], "huge"), "size_class huge"),
        ("classification", with_(cls, ["directive", "category"], "relevant_public_entity_group_a"),
         "a national category as the Directive's"),
        ("classification", with_(cls, ["schema"], 2), "schema 2"),
        ("classification", with_(cls, ["reasons"], [{"ref": "x"}]), "a reason without text"),
        ("gap-report", with_(gapo, ["obligations", 0, "status"], "done"), "obligation status done"),
        ("gap-report", with_(gapo, ["questions"], gapo["questions"][:6]), "six questions"),
        ("gap-report", with_(gapo, ["summary"], KeyError), "no summary"),
        ("incident-deadlines", with_(dlo, ["reports", 0, "due"], "2026-04-02T10:20:00+01:00"), "a due time not in UTC"),
        ("incident-deadlines", with_(dlo, ["reports", 0, "relative_to"], "yesterday"), "relative_to yesterday"),
        ("catalog-part", {"schema": 1, "colours": []}, "an unknown catalog part"),
        ("catalog-part", {"schema": 1, "mappings": [{"from": "nis2.x", "to": "A.5.1", "relationship": "similar",
                                                    "rationale": "r", "source": "s"}]}, "relationship similar"),
        ("error", {"error": {"code": "oops", "path": "$", "message": "m"}}, "an unknown error code"),
        ("overlay-part", {"obligations": [{"id": "de.bsig30.x"}]}, "an obligation without ref, title, group"),
        ("overlay-part", {"national_keys": {"k": {"type": "enum"}}}, "an enum national key without values"),
        ("overlay", {"country": "DE"}, "an overlay without its law"),
        ("overlay-part", rules_with({"when": {"colour": "red"}, "outcome": "match", "category": "c", "ref": "r"}),
         "a rule with an unknown primitive"),
        ("overlay-part", rules_with({"outcome": "maybe", "ref": "r"}), "a rule with an unknown outcome"),
        ("overlay-part", rules_with({"outcome": "unknown", "category": "c", "ref": "r"}),
         "an unknown rule that names no missing fact"),
        ("overlay-part", rules_with({"when": {"figure": "employees", "gt": 1, "gte": 2}, "outcome": "floor", "ref": "r"}),
         "a figure with two lower bounds"),
        ("overlay-part", rules_with({"outcome": "note", "first": [{"outcome": "note", "reason": "x"}]}),
         "a chain with an outcome of its own"),
        ("overlay-part", rules_with({"outcome": "exclude", "ref": "r"}), "an exclusion that does not say why"),
        ("overlay-part", {"classification": {"rules": []}}, "rules without their language version")]:
    ok(errors(name, doc), "the %s schema rejects an answer with %s" % (name, what))

# ---------------------------------------------------------------- 4. the schemas name what the code reads
def src(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


ent = BY_NAME["entity"]
flag_props = set(unwrap(ent["properties"]["flags"])["properties"])
code_flags = set(re.findall(r'\{"([a-z0-9_]+)", NIS2_FLAG_', src("lib/model/names.c"))) | {"member_state_designation"}
ok(flag_props == code_flags, "entity flags = lib/model/names.c flags (+member_state_designation): %s" %
   sorted(flag_props ^ code_flags))
m = re.search(r"top_keys\[\] = \{([^}]*)\}", src("lib/json/entity_json.c"))
top = set(re.findall(r'"([a-z_]+)"', m.group(1)))
ok(set(ent["properties"]) == top, "entity keys = entity_json.c top_keys: %s" % sorted(set(ent["properties"]) ^ top))
sig = src("lib/json/incident_json.c")      # the request keys (the JSON edge of incidents)
facts = set(re.findall(r'\{"([a-z0-9_]+)", NIS2I_FT_', src("lib/model/incident.c")))
imp = set(BY_NAME["incident-assessment-input"]["$defs"]["impact"]["properties"])
ok(imp == facts, "impact facts = model/incident.c facts: %s" % sorted(imp ^ facts))
m = re.search(r"assess_keys\[\] = \{([^}]*)\}", sig)
ak = set(re.findall(r'"([a-z_]+)"', m.group(1)))
ok(set(BY_NAME["incident-assessment-input"]["properties"]) == ak, "assess input keys = incident_json.c assess_keys")
m = re.search(r"deadline_keys\[\] = \{([^}]*)\}", sig)
dk = set(re.findall(r'"([a-z_]+)"', m.group(1)))
ok(set(BY_NAME["incident-deadlines-input"]["properties"]) == dk, "deadlines input keys = incident_json.c deadline_keys")
gr = src("lib/json/gap_report.c")
m = re.search(r'static const char \*const keys\[\] = \{"schema",([^}]*)\}', gr)
gk = set(re.findall(r'"([a-z_]+)"', m.group(1))) | {"schema"}
ok(set(BY_NAME["gap-report-input"]["properties"]) == gk, "gap input keys = gap_report.c keys")
names = set(re.findall(r'\{"([a-z_]+)", "[^"]*"\}', src("lib/util/error.c"))) - {"ok"}

def c_list(text, pattern):
    """The string literals of the first C array initialiser after `pattern` (a regular expression)."""
    m = re.search(pattern + r"[^{]*\{([^}]*)\}", text)
    ok(m is not None, "the code still has %s" % pattern)
    return set(re.findall(r'"([a-z0-9_]+)"', m.group(1))) if m else set()


def walk(schema, *path):
    d = BY_NAME[schema]
    for k in path:
        d = unwrap(d)[k]
    return unwrap(d)


def props(schema, *path):
    return set(walk(schema, *path).get("properties", {}))


def enum_of(schema, *path):
    d = walk(schema, *path)
    if d.get("type") == "array" or (isinstance(d.get("type"), list) and "array" in d["type"]):
        d = unwrap(d["items"])
    return set(x for x in d["enum"] if x is not None)


gj = src("lib/json/gap_json.c")
gc = src("lib/rules/gap_checks.c")
G = "gap-report-input"
for what, code, schema in [
        ("soa entry", c_list(gr, r"soa_entry[^{]*\{\s*static const char \*const keys\[\] ="), props(G, "$defs", "soa_entry")),
        ("certificate", c_list(gr, r"parse_certificate[^{]*\{\s*static const char \*const keys\[\] ="),
         props(G, "$defs", "certificate")),
        ("evidence item", c_list(gr, r"static const char \*const keys\[EK_N\] ="), props(G, "$defs", "evidence")),
        ("management_body", c_list(gj, r"parse_management[^{]*\{\s*static const char \*const k\[\] ="),
         props(G, "$defs", "management_body")),
        ("member", c_list(gj, r"static const char \*const km\[\] ="),
         props(G, "$defs", "management_body", "properties", "members", "items")),
        ("approval", c_list(gj, r"static const char \*const kap\[\] ="),
         props(G, "$defs", "management_body", "properties", "approvals", "items")),
        ("risk", c_list(gj, r"parse_risk[^{]*\{\s*static const char \*const k\[\] ="), props(G, "$defs", "risk")),
        ("risk decision", c_list(gj, r"static const char \*const kd\[\] ="),
         props(G, "$defs", "risk", "properties", "decision")),
        ("supplier", c_list(gj, r"parse_supplier[^{]*\{\s*static const char \*const k\[\] ="),
         props(G, "$defs", "supplier")),
        ("approval what", c_list(gc, r"nis2i_mb_what_names\[NIS2I_MB_N\] ="),
         enum_of(G, "$defs", "management_body", "properties", "approvals", "items", "properties", "what")),
        ("risk level", c_list(gc, r"nis2i_risk_level_names\[4\] ="), enum_of(G, "$defs", "risk", "properties", "level")),
        ("risk treatment", c_list(gc, r"nis2i_treatment_names\[4\] ="),
         enum_of(G, "$defs", "risk", "properties", "treatment")),
        ("decided by", c_list(gc, r"nis2i_decider_names\[5\] =") - {"none"},
         enum_of(G, "$defs", "risk", "properties", "decision", "properties", "by")),
        ("contract clause", c_list(gc, r"nis2i_clause_names\[NIS2I_CL_N\] ="),
         enum_of(G, "$defs", "supplier", "properties", "contract_clauses")),
        ("finding weight", c_list(gc, r"nis2i_weight_names\[NIS2I_W_N\] ="),
         enum_of("gap-report", "properties", "actions", "items", "properties", "weight")),
        ("question id", c_list(gc, r"q_ids\[NIS2I_Q_N\] ="),
         enum_of("gap-report", "properties", "questions", "items", "properties", "id")),
        ("entity-type role", set(re.findall(r'\{"([a-z_]+)", NIS2I_ROLE_', src("lib/model/names.c"))),
         enum_of("catalog", "$defs", "entity_type", "properties", "role")),
        ("directive category", c_list(src("lib/model/names.c"), r"category_names\[\] =")
         - {"national", "relevant_public_entity_group_a", "relevant_public_entity_group_b"},
         enum_of("common", "$defs", "directive_category")),
        ("obligation role", c_list(src("lib/model/obligations.c"), r"nis2i_obrole_names\[NIS2I_OBROLE_COUNT\] ="),
         enum_of("catalog", "$defs", "obligation", "properties", "applies_to", "properties", "roles")),
        ("incident report from", c_list(src("lib/model/incident.c"), r"nis2i_inc_from_names\[NIS2I_FROM_COUNT\] ="),
         enum_of("catalog", "$defs", "incident_report", "properties", "from")),
        ("mapping relationship", c_list(src("lib/model/mapping.c"), r"rel_names\[\] ="),
         enum_of("catalog", "$defs", "mapping", "properties", "relationship")),
        ("control kind", c_list(src("lib/compile/mapping_load.c"), r"kind_names\[\] ="),
         enum_of("catalog", "$defs", "control", "properties", "kind")),
        ("control theme", c_list(src("lib/compile/mapping_load.c"), r"themes\[\] ="),
         enum_of("catalog", "$defs", "control", "properties", "theme"))]:
    ok(code == schema and code, "%s: the schema names what the code reads (%s)" % (what, sorted(code ^ schema)))

codes = set(BY_NAME["error"]["properties"]["error"]["properties"]["code"]["enum"]) - {"error"}
ok(names == codes, "error codes = lib/util/error.c status names: %s" % sorted(names ^ codes))
for p in sorted(glob.glob(os.path.join(ROOT, "lib", "catalog", "overlays", "*", "overlay.json"))):
    cc = os.path.basename(os.path.dirname(p)).upper()
    keys = set(load(p).get("national_keys", {}))
    d = ent["$defs"].get("national_" + cc, {})
    if "properties" in d or cc == "PT":
        ok(set(d.get("properties", {})) == keys, "entity national.%s keys = %s national_keys: %s" %
           (cc, os.path.relpath(p, ROOT), sorted(set(d.get("properties", {})) ^ keys)))
ok(set(catalog) - {"schema"} <= set(BY_NAME["catalog"]["properties"]) | {"transposition_note", "applies_from", "counting",
                                                                           "groups", "roles", "applies_to_semantics",
                                                                           "penalty_rules", "unresolved"},
   "every top-level member of the embedded catalog is described")

# Citations: the code, headers, docs and tests cite the repository's format reference, and every section they name
# exists in it (an anchor of lib/schema/FORMATS.md); nothing cites the old out-of-tree "contract §N".
with open(os.path.join(SDIR, "FORMATS.md"), encoding="utf-8") as f:
    sections = set(re.findall(r'<a id="([a-z-]+)"></a>', f.read()))
ok({"general", "entity", "classification", "obligations", "incident-deadlines", "incident-assessment", "gap-report",
    "errors", "catalog", "overlay", "cli"} <= sections, "FORMATS.md has every section: %s" % sorted(sections))
n_cites = 0
for top in ("lib", "include", "examples", "bindings", "tests", "README.md"):
    base = os.path.join(ROOT, top)
    paths = [base] if os.path.isfile(base) else [os.path.join(d, f) for d, _, fs in os.walk(base) for f in fs]
    for p in paths:
        if not p.endswith((".c", ".h", ".cc", ".py", ".md", ".json", ".build", ".in")) or "__pycache__" in p:
            continue
        with open(p, encoding="utf-8", errors="replace") as f:
            text = f.read()
        rel = os.path.relpath(p, ROOT)
        if rel == os.path.join("tests", "schema", "check_schemas.py"):
            continue
        ok("contract §" not in text, "%s cites no 'contract §N' (cite lib/schema/FORMATS.md)" % rel)
        for m in re.finditer(r"FORMATS\.md(?:#| §)([a-z][a-z-]*)((?:(?:,| and| →) §[a-z][a-z-]*)*)", text):
            for name in [m.group(1)] + re.findall(r"§([a-z][a-z-]*)", m.group(2)):
                n_cites += 1
                ok(name in sections, "%s cites FORMATS.md §%s, a section that exists" % (rel, name))
ok(n_cites > 80, "the tree cites FORMATS.md sections (%d)" % n_cites)

# ---------------------------------------------------------------- 5. bad documents: the schema and the library refuse
E = {"country": "PT", "activities": ["health.healthcare_provider"], "employees": 300}


GAP = examples["isms-example.json"][0]
INC = examples["incident-cloud-lisbon.json"][0]
BAD = [  # schema, command, document, code, the field the error must name
    ("entity", ["classify"], with_(E, ["country"], KeyError), "missing_field", "$.country"),
    ("entity", ["classify"], with_(E, ["country"], "XX"), "unknown_code", "$.country"),
    ("entity", ["classify"], with_(E, ["country"], 7), "invalid_field", "$.country"),
    ("entity", ["classify"], with_(E, ["activities"], KeyError), "missing_field", "$.activities"),
    ("entity", ["classify"], with_(E, ["activities"], "health.healthcare_provider"), "invalid_field", "$.activities"),
    ("entity", ["classify"], with_(E, ["activities"], [3]), "invalid_field", "$.activities[0]"),
    ("entity", ["classify"], with_(E, ["activities"], ["Energy.Electricity.Supplier"]), "unknown_code", "$.activities[0]"),
    ("entity", ["classify"], with_(E, ["employees"], -1), "invalid_field", "$.employees"),
    ("entity", ["classify"], with_(E, ["employees"], "300"), "invalid_field", "$.employees"),
    ("entity", ["classify"], with_(E, ["employees"], 1e9), "invalid_field", "$.employees"),
    ("entity", ["classify"], with_(E, ["turnover_eur"], 2e15), "invalid_field", "$.turnover_eur"),
    ("entity", ["classify"], with_(E, ["schema"], 2), "invalid_field", "$.schema"),
    ("entity", ["classify"], with_(E, ["name"], 5), "invalid_field", "$.name"),
    ("entity", ["classify"], with_(E, ["employes"], 5), "unknown_key", "$.employes"),
    ("entity", ["classify"], with_(E, ["previous_period"], {"employees": 3, "staff": 1}), "unknown_key",
     "$.previous_period.staff"),
    ("entity", ["classify"], with_(E, ["previous_period"], []), "invalid_field", "$.previous_period"),
    ("entity", ["classify"], with_(E, ["flags"], {"sole_provider": 1}), "invalid_field", "$.flags.sole_provider"),
    ("entity", ["classify"], with_(E, ["flags"], {"critical": True}), "unknown_key", "$.flags.critical"),
    ("entity", ["classify"], with_(E, ["flags"], {"member_state_designation": "yes"}), "invalid_field",
     "$.flags.member_state_designation"),
    ("entity", ["classify"], with_(E, ["national"], {"ZZ": {}}), "unknown_code", "$.national.ZZ"),
    ("entity", ["classify"], with_(E, ["national"], {"PT": []}), "invalid_field", "$.national.PT"),
    ("entity", ["classify"], with_(E, ["national"], {"PT": {"colour": 1}}), "unknown_key", "$.national.PT.colour"),
    ("entity", ["classify"], with_(E, ["national"], {"PT": {"excluded_body": "army"}}), "invalid_field",
     "$.national.PT.excluded_body"),
    ("entity", ["classify"], with_(E, ["national"], {"PT": {"started_activity_on": "2026-13-01"}}), "invalid_field",
     "$.national.PT.started_activity_on"),
    ("entity", ["classify"], with_(E, ["national"], {"FR": {"anything": True}}), "unknown_key", "$.national.FR"),
    ("entity", ["obligations"], with_(E, ["activities"], ["healthcare"]), "unknown_code", "$.activities[0]"),
    ("incident-deadlines-input", ["incident", "deadlines"], with_(INC, ["aware_at"], KeyError), "missing_field",
     "$.aware_at"),
    ("incident-deadlines-input", ["incident", "deadlines"], with_(INC, ["aware_at"], "2026-04-01 10:20"),
     "invalid_field", "$.aware_at"),
    ("incident-deadlines-input", ["incident", "deadlines"], with_(INC, ["aware_at"], "2026-04-01T10:20:00"),
     "invalid_field", "$.aware_at"),
    ("incident-deadlines-input", ["incident", "deadlines"], with_(INC, ["entity"], KeyError), "missing_field",
     "$.entity"),
    ("incident-deadlines-input", ["incident", "deadlines"], with_(INC, ["entity", "employees"], -5), "invalid_field",
     "$.entity.employees"),
    ("incident-deadlines-input", ["incident", "deadlines"], with_(INC, ["when"], "now"), "unknown_key", "$.when"),
    ("incident-deadlines-input", ["incident", "deadlines"],
     with_(with_(INC, ["end_of_impact_notified_at"], "2026-04-02T00:00:00Z"), ["impact_ended_at"], KeyError),
     "missing_field", "$.impact_ended_at"),
    ("incident-deadlines-input", ["incident", "deadlines"], with_(INC, ["impact", "colour"], 1), "unknown_key",
     "$.impact.colour"),
    ("incident-assessment-input", ["incident", "assess"], with_(INC, ["impact"], KeyError), "missing_field",
     "$.impact"),
    ("incident-assessment-input", ["incident", "assess"], with_(INC, ["impact", "unavailable_minutes"], -3),
     "invalid_field", "$.impact.unavailable_minutes"),
    ("incident-assessment-input", ["incident", "assess"], with_(INC, ["impact", "deaths"], 1.5), "invalid_field",
     "$.impact.deaths"),
    ("incident-assessment-input", ["incident", "assess"], with_(INC, ["impact", "data_compromised"], "no"),
     "invalid_field", "$.impact.data_compromised"),
    ("incident-assessment-input", ["incident", "assess"], with_(INC, ["impact", "root_cause"], ""), "invalid_field",
     "$.impact.root_cause"),
    ("incident-assessment-input", ["incident", "assess"], with_(INC, ["impact", "occurred_at"], "yesterday"),
     "invalid_field", "$.impact.occurred_at"),
    # (related_incidents without root_cause or occurred_at is assessed from what is given: IR 2024/2690 Art. 4, i14)
    ("incident-assessment-input", ["incident", "assess"],
     with_(INC, ["impact", "related_incidents"], [{"occurred_at": "2026-03-01T00:00:00Z", "root_cause": "x",
                                                   "cost": 1}]), "unknown_key", "$.impact.related_incidents[0].cost"),
    ("gap-report-input", ["gap"], with_(GAP, ["as_of"], KeyError), "missing_field", "$.as_of"),
    ("gap-report-input", ["gap"], with_(GAP, ["as_of"], "2026-02-30"), "invalid_field", "$.as_of"),
    ("gap-report-input", ["gap"], with_(GAP, ["entity"], KeyError), "missing_field", "$.entity"),
    ("gap-report-input", ["gap"], with_(GAP, ["entity", "country"], "US"), "unknown_code", "$.entity.country"),
    ("gap-report-input", ["gap"], with_(GAP, ["soa"], [{"control": "A.5.24", "status": "done"}]), "invalid_field",
     "$.soa[0].status"),
    ("gap-report-input", ["gap"], with_(GAP, ["soa"], [{"control": "A.5.24"}]), "missing_field", "$.soa[0].status"),
    ("gap-report-input", ["gap"], with_(GAP, ["soa"], [{"control": "A.5.24", "applicable": False,
                                                        "status": "implemented"}]), "invalid_field",
     "$.soa[0].status"),
    ("gap-report-input", ["gap"], with_(GAP, ["soa"], [{"control": "9.3", "applicable": False}]), "invalid_field",
     "$.soa[0].applicable"),
    ("gap-report-input", ["gap"], with_(GAP, ["soa"], [{"control": "Z.1", "status": "implemented"}]),
     "invalid_field", "$.soa[0].control"),
    ("gap-report-input", ["gap"], with_(GAP, ["soa"], [{"control": "A.5.24", "status": "implemented", "who": 1}]),
     "unknown_key", "$.soa[0].who"),
    ("gap-report-input", ["gap"], with_(GAP, ["certificate", "scope_covers_nis2_services"], KeyError),
     "missing_field", "$.certificate.scope_covers_nis2_services"),
    ("gap-report-input", ["gap"], with_(GAP, ["evidence"], [{"id": "E1", "dated": "2026-01-01"}]), "invalid_field",
     "$.evidence[0]"),
    ("gap-report-input", ["gap"], with_(GAP, ["evidence"], [{"id": "E1", "controls": ["A.5.1"]}]), "missing_field",
     "$.evidence[0].dated"),
    ("gap-report-input", ["gap"], with_(GAP, ["evidence"], [{"id": "E1", "dated": "2026-01-01",
                                                             "obligations": ["NIS2.Art21"]}]), "unknown_code",
     "$.evidence[0].obligations[0]"),
    ("gap-report-input", ["gap"], with_(GAP, ["evidence"], [{"id": "", "dated": "2026-01-01",
                                                             "controls": ["A.5.1"]}]), "invalid_field",
     "$.evidence[0].id"),
    ("gap-report-input", ["gap"], with_(GAP, ["management_body"], {"members": [{"role": "CEO"}]}), "missing_field",
     "$.management_body.members[0].id"),
    ("gap-report-input", ["gap"], with_(GAP, ["management_body"], {"approvals": [{"what": "budget",
                                                                                  "date": "2026-01-01"}]}),
     "invalid_field", "$.management_body.approvals[0].what"),
    ("gap-report-input", ["gap"], with_(GAP, ["management_body"], {"board": []}), "unknown_key",
     "$.management_body.board"),
    ("gap-report-input", ["gap"], with_(GAP, ["risks"], [{"id": "R1", "title": "t", "level": "extreme",
                                                          "treatment": "mitigate"}]), "invalid_field",
     "$.risks[0].level"),
    ("gap-report-input", ["gap"], with_(GAP, ["risks"], [{"id": "R1", "title": "t", "level": "high",
                                                          "treatment": "accept",
                                                          "decision": {"by": "ceo", "date": "2026-01-01"}}]),
     "invalid_field", "$.risks[0].decision.by"),
    ("gap-report-input", ["gap"], with_(GAP, ["suppliers"], [{"id": "S1", "name": "n", "service": "s"}]),
     "missing_field", "$.suppliers[0].critical"),
    ("gap-report-input", ["gap"], with_(GAP, ["suppliers"], [{"id": "S1", "name": "n", "service": "s",
                                                              "critical": True,
                                                              "contract_clauses": ["confidentiality"]}]),
     "invalid_field", "$.suppliers[0].contract_clauses[0]"),
]
for i, (schema, cmd, doc, code, path) in enumerate(BAD):
    what = "bad document %d (%s, %s)" % (i, code, path)
    ok(errors(schema, doc), what + ": the schema %s rejects it" % schema)
    rc, out, err = cli(cmd, json.dumps(doc))
    ok(rc == 1, what + ": nis2 %s exits 1 (got %d)" % (" ".join(cmd), rc))
    try:
        e = json.loads(err)
    except ValueError:
        ok(False, what + ": the error is one JSON object: %r" % err)
        continue
    valid("error", e, what + ": error object")
    ok(e["error"]["code"] == code, what + ": code %s (got %s: %s)" % (code, e["error"]["code"], e["error"]["message"]))
    ok(e["error"]["path"] == path, what + ": path %s (got %s)" % (path, e["error"]["path"]))
    ok(path in e["error"]["message"] or path.rsplit(".", 1)[-1] in e["error"]["message"],
       what + ": the message names the field: %s" % e["error"]["message"])

# Bad catalogs (nis2 --catalog FILE): the catalog schema and the loader refuse them; the error names the entry (its
# JSON path) and the message the field.
_, out, _ = cli(["catalog"])
CAT = json.loads(out)
BAD_CATALOGS = [  # path into the catalog, new value (KeyError: delete), the entry the error names, a word of the message
    (["entity_types", 3, "annex"], "III", "$.entity_types[3]", "annex"),
    (["entity_types", 0, "role"], "ruler", "$.entity_types[0]", "role"),
    (["entity_types", 1, "code"], KeyError, "$.entity_types[1]", "code"),
    (["obligations", 2, "title"], KeyError, "$.obligations[2]", "title"),
    (["obligations", 2, "applies_to", "roles"], ["king"], "$.obligations[2]", "applies_to.roles[0]"),
    (["obligations", 4, "effective_from"], "2026-13-01", "$.obligations[4]", "effective_from"),
    (["controls", 7, "theme"], "magic", "$.controls[7]", "theme"),
    (["controls", 7, "kind"], "annex_b", "$.controls[7]", "kind"),
    (["mappings", 5, "relationship"], "similar", "$.mappings[5]", "relationship"),
    (["mappings", 5, "rationale"], KeyError, "$.mappings[5]", "rationale"),
    (["incident_reports", 0, "hours"], 0, "$.incident_reports[0]", "hours"),
    (["incident_reports", 0, "from"], "breakfast", "$.incident_reports[0]", "from"),
    (["sme_thresholds", "micro", "employees_below"], -1, "$.sme_thresholds.micro", "employees_below"),
    (["member_states"], [], "$.member_states", "member_states"),
    (["catalog_version"], KeyError, "$", "catalog_version"),
]
for i, (path, value, where, word) in enumerate(BAD_CATALOGS):
    what = "bad catalog %d (%s = %r)" % (i, ".".join(map(str, path)), value)
    bad = with_(CAT, path, value)
    ok(errors("catalog", bad), what + ": the catalog schema rejects it")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as tf:
        json.dump(bad, tf)
    try:
        rc, out, err = cli(["--catalog", tf.name, "classify"], json.dumps(E))
    finally:
        os.unlink(tf.name)
    ok(rc == 3, what + ": nis2 --catalog exits 3 (got %d)" % rc)
    try:
        e = json.loads(err)["error"]
    except (ValueError, KeyError):
        ok(False, what + ": one error object on standard error: %r" % err)
        continue
    ok(e["code"] == "catalog_error" and e["path"] == where and word in e["message"],
       what + ": catalog_error at %s naming %s (got %s %s: %s)" % (where, word, e["code"], e["path"], e["message"]))

# Vendor extensions: x_ keys are accepted by both.
for schema, cmd, doc in [("entity", ["classify"], with_(E, ["x_crm_id"], 12)),
                         ("entity", ["classify"], with_(E, ["flags"], {"x_note": "a"})),
                         ("gap-report-input", ["gap"], with_(GAP, ["x_tool"], {"v": 1})),
                         ("incident-assessment-input", ["incident", "assess"], with_(INC, ["impact", "x_ticket"], "T-1"))]:
    ok(not errors(schema, doc), "x_ keys are valid against %s" % schema)
    rc, _, err = cli(cmd, json.dumps(doc))
    ok(rc == 0, "x_ keys are accepted by nis2 %s (%s)" % (" ".join(cmd), err.strip()))

print("%d checks, %d failed" % (checks, len(failures)))
sys.exit(1 if failures else 0)
