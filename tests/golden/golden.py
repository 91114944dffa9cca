#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Golden outputs: every answer the CLI gives, recorded as SHA-256 digests, so that a refactor can prove that it
changed no byte.

Usage: golden.py --nis2 PATH/TO/nis2 --root SOURCE_ROOT --entities STREAM.ndjson [--record]

What is recorded (tests/golden/digests.json):
- every case of every tests/vectors/classification*.json: `classify` and `obligations`, compact and --pretty;
- every document of examples/data/: each command that reads it, in every output format, compact and --pretty;
- the benchmark stream (tests/bench/gen_entities.py, 100 000 entities, fixed seed): `classify --ndjson` whole,
  and `obligations --ndjson` over its first 5 000 lines;
- every part of `nis2 catalog`, and every `nis2 export` format (and the gap report as OSCAL).
Without --record the digests are compared and every differing item is named; exit 1 on any difference.
Then, without a recording: `classify --ndjson --no-trace` over every vector's entity and the whole stream must give
each line exactly as the traced `classify --ndjson` does, with its "reasons" array emptied (the verdicts a bulk
screening gets are the traced ones, byte for byte).
A change that means to change answers re-records the file in the same commit and says why in its message.
Standard library only.
"""
import argparse
import concurrent.futures
import glob
import hashlib
import json
import os
import subprocess
import sys

CATALOG_PARTS = ["entity_types", "obligations", "controls", "mappings", "ir2690_points", "overlays", "changes"]
# nis2 export (lib/json/EXCHANGE.md): deterministic by design (v5 uuids, the catalog's date)
EXPORTS = [("oscal-catalog", None), ("oscal-catalog", "ir2690"), ("oscal-catalog", "PT"), ("oscal-mapping", None),
           ("ciso-assistant", None), ("ciso-assistant", "PT")]


def run(nis2, args, data):
    p = subprocess.run([nis2] + args, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    h = hashlib.sha256()
    h.update(b"exit %d\n" % p.returncode)
    h.update(p.stdout)
    h.update(b"\0stderr\0")
    h.update(p.stderr)
    return h.hexdigest()


def items(root, entities):
    for vec in sorted(glob.glob(os.path.join(root, "tests", "vectors", "classification*.json"))):
        base = os.path.basename(vec)
        with open(vec, encoding="utf-8") as f:
            doc = json.load(f)
        for case in doc["cases"]:
            data = json.dumps(case["entity"], ensure_ascii=False).encode("utf-8")
            for cmd in ("classify", "obligations"):
                yield f"{base}/{case['id']}/{cmd}", [cmd], data
                yield f"{base}/{case['id']}/{cmd} --pretty", [cmd, "--pretty"], data
    for path in sorted(glob.glob(os.path.join(root, "examples", "data", "*"))):
        name = os.path.basename(path)
        with open(path, "rb") as f:
            data = f.read()
        forms = []
        if name.endswith(".ndjson"):
            forms = [["classify", "--ndjson"], ["obligations", "--ndjson"]]
        elif name.startswith("incident"):
            forms = [["incident", "deadlines"], ["incident", "assess"]]
        elif name.startswith("isms"):
            forms = [["gap", "--format", fmt] for fmt in ("json", "text", "html", "csv", "oscal")]
        elif name.endswith(".json"):
            forms = [["classify"], ["obligations"]]
        for form in forms:
            yield f"examples/{name}/{' '.join(form)}", form, data
            yield f"examples/{name}/{' '.join(form)} --pretty", form + ["--pretty"], data
    if entities:
        with open(entities, "rb") as f:
            stream = f.read()
        yield "bench-stream/classify --ndjson", ["classify", "--ndjson"], stream
        head = b"".join(stream.splitlines(keepends=True)[:5000])
        yield "bench-stream[:5000]/obligations --ndjson", ["obligations", "--ndjson"], head
    for part in CATALOG_PARTS:
        yield f"catalog/{part}", ["catalog", "--part", part], b""
    yield "catalog", ["catalog"], b""
    for fmt, part in EXPORTS:
        yield f"export/{fmt}" + (f"/{part}" if part else ""), ["export", "--format", fmt] + (["--part", part] if part else []), b""


def strip_reasons(line):
    """The traced output line with its top-level "reasons" array emptied (an error line as it is)."""
    try:
        obj = json.loads(line)
    except ValueError:
        return line
    if not isinstance(obj, dict) or "reasons" not in obj:
        return line
    dec = json.JSONDecoder()
    key = '"reasons":'
    at = line.find(key)
    while at >= 0:
        val, end = dec.raw_decode(line, at + len(key))
        if val == obj["reasons"] and line.startswith(',"library_version"', end):
            return line[:at] + key + "[]" + line[end:]
        at = line.find(key, at + 1)
    return None


def no_trace_differences(nis2, root, entities):
    """Names of the documents whose --no-trace answer is not the traced one without its reasons."""
    docs = []
    for vec in sorted(glob.glob(os.path.join(root, "tests", "vectors", "classification*.json"))):
        with open(vec, encoding="utf-8") as f:
            for case in json.load(f)["cases"]:
                docs.append((f"{os.path.basename(vec)}/{case['id']}", json.dumps(case["entity"], ensure_ascii=False)))
    streams = [("vectors", "\n".join(d for _, d in docs).encode("utf-8") + b"\n", [n for n, _ in docs])]
    if entities:
        with open(entities, "rb") as f:
            stream = f.read()
        streams.append(("bench-stream", stream, None))
    bad = []
    for label, data, names in streams:
        outs = []
        for flags in ([], ["--no-trace"]):
            p = subprocess.run([nis2, "classify", "--ndjson"] + flags, input=data, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
            outs.append(p.stdout.decode("utf-8").splitlines())
        traced, bare = outs
        if len(traced) != len(bare):
            bad.append(f"{label}: {len(traced)} traced lines against {len(bare)} without trace")
            continue
        for i, (t, b) in enumerate(zip(traced, bare)):
            if strip_reasons(t) != b:
                bad.append(f"{label}: " + (names[i] if names and i < len(names) else f"line {i + 1}"))
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nis2", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--entities")
    ap.add_argument("--record", action="store_true")
    ap.add_argument("--out", help="digest file (default tests/golden/digests.json)")
    a = ap.parse_args()
    out = a.out or os.path.join(a.root, "tests", "golden", "digests.json")
    got, work = {}, []
    for name, args, data in items(a.root, a.entities):
        if name in got:
            sys.exit(f"golden.py: item named twice: {name}")
        got[name] = None
        work.append((name, args, data))
    # One CLI process per item, as many at once as there are cores (the sanitizer builds are slow).
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for name, digest in zip([w[0] for w in work],
                                pool.map(lambda w: run(a.nis2, w[1], w[2]), work)):
            got[name] = digest
    if a.record:
        with open(out, "w", encoding="utf-8") as f:
            json.dump(got, f, indent=0, sort_keys=True)
            f.write("\n")
        print(f"recorded {len(got)} digests in {out}")
        return 0
    with open(out, encoding="utf-8") as f:
        want = json.load(f)
    bad = [n for n in sorted(set(want) | set(got)) if want.get(n) != got.get(n)]
    for n in bad[:50]:
        state = "new" if n not in want else "gone" if n not in got else "differs"
        print(f"golden: {n}: {state}")
    if len(bad) > 50:
        print(f"golden: … and {len(bad) - 50} more")
    print(f"golden: {len(got) - len(bad)} of {len(set(want) | set(got))} items byte-identical")
    nt = no_trace_differences(a.nis2, a.root, a.entities)
    for n in nt[:50]:
        print(f"golden: --no-trace differs from the traced answer without reasons: {n}")
    print(f"golden: --no-trace: {len(nt)} documents differing")
    return 1 if bad or nt else 0


if __name__ == "__main__":
    sys.exit(main())
