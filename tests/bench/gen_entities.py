#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Write a realistic synthetic stream of entities (lib/schema/FORMATS.md §entity) as NDJSON, with a fixed seed.

Usage: gen_entities.py --catalog CATALOG.json [--n N] [--seed S] [-o OUT]
       gen_entities.py --nis2 PATH/TO/nis2 …        (reads the catalog from `nis2 catalog`)
       gen_entities.py --catalog CATALOG.json --gap N [-o OUT]
           one gap-report input (lib/schema/FORMATS.md §gap-report) for a large essential entity: an SoA over every control and N
           evidence items naming controls and duties of the catalog, some stale, some with a certificate

The stream draws every entity-type code of the catalog (Directive and national), sizes that straddle every
boundary of Recommendation 2003/361/EC (9/10, 49/50, 249/250 AWU; EUR 2M, 10M, 43M, 50M at, just under and just
over), some absent figures, some flags and designations, some previous periods and some Portuguese entities.
Every line is a valid entity: `nis2 classify --ndjson` exits 0 on it. The same seed gives the same bytes.

Standard library only.
"""
import argparse
import json
import random
import subprocess
import sys

AWU_EDGES = [9, 9.5, 10, 10.5, 49, 49.9, 50, 51, 249, 249.5, 250, 251]
EUR_EDGES = [2_000_000, 10_000_000, 43_000_000, 50_000_000]
FLAGS = ["sole_provider", "significant_disruption_impact", "systemic_risk", "national_or_regional_criticality",
         "cer_critical_entity", "nis1_operator_of_essential_services", "regional_risk_assessment_positive",
         "national_security_activities", "dora_financial_entity",
         "member_state_opts_in_local_public_administration", "member_state_opts_in_education",
         "member_state_keeps_nis1_oes_as_essential", "dora_exempted", "judiciary_parliament_or_central_bank"]
WORDS = ["Nord", "Sul", "Lusa", "Rhein", "Alpen", "Baltic", "Iberia", "Delta", "Nova", "Atlas", "Orion", "Vega",
         "Helios", "Mistral", "Fjord", "Danubio", "Carpat", "Adria", "Égée", "Łódź"]
FORMS = ["GmbH", "SAS", "S.A.", "Lda.", "B.V.", "AB", "Oy", "S.p.A.", "sp. z o.o.", "E.P.E.", "A/S", "Kft."]


def load_catalog(args):
    if args.catalog:
        with open(args.catalog, encoding="utf-8") as f:
            doc = json.load(f)
    else:
        out = subprocess.run([args.nis2, "catalog"], check=True, capture_output=True).stdout
        doc = json.loads(out)
    directive = [t["code"] for t in doc["entity_types"]]
    national = {}
    for ov in doc.get("overlays", []):
        national[ov["country"]] = [t["code"] for t in ov.get("entity_types", [])]
    countries = [m["code"] for m in doc["member_states"]]
    return directive, national, countries, doc


def gap_document(rng, doc, n):
    controls = [c["id"] for c in doc.get("controls", [])]
    duties = [o["id"] for o in doc.get("obligations", [])]
    soa = []
    for c in controls:
        annex_a = c.startswith("A.")
        item = {"control": c, "applicable": True,
                "status": rng.choices(["implemented", "partial", "planned", "not_implemented"], [70, 15, 10, 5])[0]}
        if annex_a and rng.random() < 0.05:
            item = {"control": c, "applicable": False, "justification": "not relevant to the NIS2 services"}
        soa.append(item)
    evidence = []
    for i in range(n):
        ev = {"id": "EV-%05d" % i, "title": "Evidence item %d" % i}
        ev["controls"] = rng.sample(controls, rng.choice([1, 1, 2, 3]))
        if duties and rng.random() < 0.2:
            ev["obligations"] = rng.sample(duties, 1)
        year, month, day = rng.choice([2023, 2024, 2025, 2026]), rng.randint(1, 10), rng.randint(1, 28)
        ev["dated"] = "%d-%02d-%02d" % (year, month, day)           # some expire before as_of: stale
        ev["valid_until"] = "%d-%02d-%02d" % (year + rng.choice([1, 2, 3]), month, day)
        evidence.append(ev)
    return {"schema": 1,
            "entity": {"name": "Rede Eléctrica Exemplo, S.A.", "country": "PT",
                       "activities": ["energy.electricity.dso", "digital_infrastructure.cloud_provider"],
                       "employees": 1800, "turnover_eur": 900000000, "balance_sheet_eur": 1200000000},
            "as_of": "2026-11-28", "soa": soa,
            "certificate": {"standard": "ISO/IEC 27001:2022", "valid_until": "2027-06-30",
                            "scope_covers_nis2_services": True},
            "evidence": evidence}


def awu(rng):
    r = rng.random()
    if r < 0.55:
        return rng.choice(AWU_EDGES)
    if r < 0.75:
        return rng.randint(0, 9)
    if r < 0.9:
        return rng.randint(10, 400)
    return rng.randint(400, 60000)


def eur(rng):
    r = rng.random()
    if r < 0.55:
        edge = rng.choice(EUR_EDGES)
        return edge + rng.choice([-1, 0, 1, -250_000, 250_000])
    if r < 0.8:
        return rng.randint(0, 60_000_000)
    if r < 0.95:
        return round(rng.uniform(0, 9_000_000), 2)
    return rng.randint(60_000_000, 5_000_000_000)


def figures(rng, obj):
    # Mostly all three figures; sometimes one or two absent, so the three-valued size logic is exercised.
    for key, fn, p_absent in (("employees", awu, 0.06), ("turnover_eur", eur, 0.12), ("balance_sheet_eur", eur, 0.18)):
        if rng.random() >= p_absent:
            obj[key] = fn(rng)


def entity(rng, i, directive, national, countries):
    country = "PT" if rng.random() < 0.15 else rng.choice(countries)
    if country == "GR" and rng.random() < 0.5:
        country = "EL"
    pool = directive + national.get(country, [])
    k = rng.choices([0, 1, 2, 3], weights=[2, 70, 20, 8])[0]
    e = {}
    if rng.random() < 0.9:
        e["name"] = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i} {rng.choice(FORMS)}"
    e["country"] = country
    e["activities"] = rng.sample(pool, k)
    figures(rng, e)
    if rng.random() < 0.2:
        prev = {}
        figures(rng, prev)
        e["previous_period"] = prev
    if rng.random() < 0.25:
        flags = {}
        for f in rng.sample(FLAGS, rng.choice([1, 1, 1, 2, 3])):
            flags[f] = rng.random() < 0.85
        if rng.random() < 0.2:
            flags["member_state_designation"] = rng.choice(["essential", "important"])
        e["flags"] = flags
    if country == "PT" and rng.random() < 0.3:
        e["national"] = {"PT": {}}
    if rng.random() < 0.05:
        e["x_vendor_id"] = f"V-{i:07d}"
    return e


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--catalog", help="the catalog JSON (build/lib/catalog.json or `nis2 catalog` output)")
    src.add_argument("--nis2", help="the nis2 program, to read the catalog from it")
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20251128)
    ap.add_argument("--gap", type=int, metavar="N", help="write one gap-report input with N evidence items")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    directive, national, countries, doc = load_catalog(args)
    rng = random.Random(args.seed)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="\n")
    if args.gap is not None:
        out.write(json.dumps(gap_document(rng, doc, args.gap), ensure_ascii=False))
        out.write("\n")
        if out is not sys.stdout:
            out.close()
        return
    for i in range(args.n):
        out.write(json.dumps(entity(rng, i, directive, national, countries), ensure_ascii=False))
        out.write("\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
