#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""No C file of lib/ is about one country (issue 12): national law is data under lib/catalog/.

Outside comments, a .c or .h file under lib/ may not contain
- a string literal with a Member State code (the 27 ISO 3166-1 codes and EL) as an upper-case word ("PT",
  "$.national.DE"), or a literal that is a lower-case code or starts with one and a dot ("pt", "de.art30");
- a string literal naming a country (English names and adjectives, native names), the short name of a national
  law the catalog encodes (the first word of each overlay's ref_prefix, e.g. RJC) or a category that only a
  national overlay declares (e.g. relevant_public_entity_group_a);
- an identifier with a Member State code or a country name as one of its _-separated parts (NIS2I_OBCAT_PT_X,
  overlay_pt, portugal_rules);
and no file of lib/ outside lib/catalog/ is named after a country.
ALLOW lists what is genuinely not about a country, each with its reason. Standard library only.

Usage: check_no_country.py LIBDIR                check (exit 1 on a finding)
       check_no_country.py LIBDIR --self-test    prove the check fails on planted findings
"""
import glob
import json
import os
import re
import shutil
import sys
import tempfile

CODES = ("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE EL").split()
NAMES = ("austria austrian belgium belgian bulgaria bulgarian croatia croatian cyprus cypriot czechia czech denmark "
         "danish estonia estonian finland finnish france french germany german deutsch greece greek hellenic "
         "hungary hungarian ireland irish italy italian latvia latvian lithuania lithuanian luxembourg malta maltese "
         "netherlands dutch poland polish portugal portuguese portugues romania romanian slovakia slovak slovenia "
         "slovenian spain spanish espana sweden swedish").split()
# Parts of identifiers and whole literals that spell a code but mean something else (each with its reason).
ALLOW_ID_PARTS = {
    "at": "the English preposition (occurred_at, report_at, NIS2I_NOP_AT_LEAST)",
    "AT": "the English preposition (NIS2I_FACT_OCCURRED_AT, AT_LEAST)",
    "LT": "the rule language's less-than operator (NIS2I_OP_LT)",
    "RO": "a rule outcome (NIS2I_RO_MATCH, …)",
    "LV": "an evidence level (NIS2I_LV_FULL, …)",
}
ALLOW_LITERALS = {
    "lt": "the rule language's less-than operator",
    "es": "an English plural ending (\"do\" + \"es\")",
}
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')
IDENT = re.compile(r'\b[A-Za-z_][A-Za-z0-9_]*\b')
UPPER_CODE = re.compile(r'(?<![A-Za-z0-9])(' + "|".join(CODES) + r')(?![A-Za-z0-9])')
LOWER_CODE = re.compile(r'^(' + "|".join(c.lower() for c in CODES) + r')(\..*)?$', re.S)


def national_words(lib):
    """Law short names and national-only category names from the overlays the catalog holds."""
    words, dir_cats = set(), {"essential", "important", "domain_registration_only", "member_state_option",
                              "out_of_scope", "undetermined"}
    for path in sorted(glob.glob(os.path.join(lib, "catalog", "overlays", "*", "overlay.json"))):
        with open(path, encoding="utf-8") as f:
            ov = json.load(f)
        prefix = (ov.get("ref_prefix") or "").split()
        if prefix and len(prefix[0]) >= 3:
            words.add(prefix[0])
        for c in ov.get("categories", []):
            if c.get("id") and c["id"] not in dir_cats:
                words.add(c["id"])
    return sorted(words)


def blank(m):
    return re.sub(r'[^\n]', ' ', m.group(0))


def check(lib):
    lib = os.path.abspath(lib)
    words = national_words(lib)
    word_re = re.compile("|".join([re.escape(w) for w in words] + NAMES), re.I) if words else re.compile("|".join(NAMES), re.I)
    out = []
    for d, subdirs, files in os.walk(lib):
        subdirs[:] = sorted(s for s in subdirs if s != "catalog")
        for f in sorted(files):
            rel = os.path.relpath(os.path.join(d, f), lib)
            stem = re.split(r'[._\-]', os.path.splitext(f)[0])
            if any(p in CODES or p.upper() in CODES and p not in ALLOW_ID_PARTS or p.lower() in NAMES for p in stem):
                out.append(f"{rel}: the file is named after a country")
            if not f.endswith((".c", ".h")):
                continue
            text = COMMENT.sub(blank, open(os.path.join(d, f), encoding="utf-8").read())
            for m in STRING.finditer(text):
                s = m.group(0)[1:-1]
                line = text.count("\n", 0, m.start()) + 1
                if s in ALLOW_LITERALS:
                    continue
                hit = UPPER_CODE.search(s) or LOWER_CODE.match(s) or word_re.search(s)
                if hit:
                    out.append(f"{rel}:{line}: string literal names a country ({hit.group(0)!r}): \"{s[:60]}\"")
            code = STRING.sub(lambda m: '""', text)
            for m in IDENT.finditer(code):
                w = m.group(0)
                parts = w.split("_")
                bad = [p for p in parts if p not in ALLOW_ID_PARTS and
                       ((p in CODES or p.upper() in CODES and p.islower() and len(w) > 2) or p.lower() in NAMES)]
                if bad:
                    line = code.count("\n", 0, m.start()) + 1
                    out.append(f"{rel}:{line}: identifier {w} names a country ({bad[0]})")
    return sorted(set(out))


def self_test(lib):
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "lib")
        shutil.copytree(lib, copy)
        before = set(check(copy))
        target = os.path.join(copy, "rules", "planted.c")
        with open(target, "w", encoding="utf-8") as fh:
            fh.write('/* SPDX-License-Identifier: Apache-2.0 */\n/* "PT" in a comment is fine */\n'
                     'static const char *a = "PT";\nstatic const char *b = "de.art30";\n'
                     'static const char *c = "Portugal";\nstatic int NIS2I_OBCAT_PT_REP = 1;\n'
                     'static int overlay_pt(void) { return 0; }\n')
        open(os.path.join(copy, "rules", "overlay_de.h"), "w").close()
        words = national_words(copy)
        if words:
            with open(target, "a", encoding="utf-8") as fh:
                fh.write(f'static const char *d = "{words[0]} art. 1";\n')
        after = set(check(copy)) - before
        want = ['"PT"', "'de.art30'", "'Portugal'", "NIS2I_OBCAT_PT_REP", "overlay_pt", "overlay_de.h"]
        if words:
            want.append(repr(words[0]))
        missing = [w for w in want if not any(w in line for line in after)]
        if missing or any("comment" in line for line in after):
            print("self-test: the check did not report planted findings: " + ", ".join(missing))
            return 1
        print(f"self-test: {len(after)} planted findings reported")
        return 0


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    if "--self-test" in args:
        return self_test(args[0])
    found = check(args[0])
    for v in found:
        print("no-country: " + v)
    print(f"no-country: {len(found)} finding(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
