#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Copied unchanged (but for these two comment lines) from the project's shared OSCAL data (see NOTICE.md).
"""Validate an OSCAL JSON document against a generated OSCAL JSON Schema (draft-07).
OSCAL patterns use ECMA-262 Unicode property escapes (\\p{L}, \\p{N}) that Python's
're' cannot compile, so the 'pattern' keyword is evaluated with the 'regex' module
(Debian: python3-regex); every other keyword is stock jsonschema.Draft7Validator."""
import json, sys, regex, jsonschema
from jsonschema import Draft7Validator, ValidationError, validators

def pattern(validator, patrn, instance, schema):
    if validator.is_type(instance, "string") and not regex.search(patrn, instance):
        yield ValidationError(f"{instance!r} does not match {patrn!r}")

OscalDraft7 = validators.extend(Draft7Validator, {"pattern": pattern})

def main(schema_f, doc_f):
    s = json.load(open(schema_f))
    assert s["$schema"] == "http://json-schema.org/draft-07/schema#", s["$schema"]
    Draft7Validator.check_schema(s)
    errs = sorted(OscalDraft7(s).iter_errors(json.load(open(doc_f))), key=lambda e: list(e.path))
    for e in errs[:10]:
        print("  ERROR at /" + "/".join(map(str, e.path)), ":", e.message[:300])
    print(f"{doc_f} against {schema_f}: {'VALID' if not errs else str(len(errs)) + ' error(s)'}")
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
