#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Python batch classification (`classify_many`) against the CLI on the same entities.

Usage: bench_python.py --lib LIBNIS2.so --bindings DIR --nis2 NIS2 --input ENTITIES.ndjson [--runs R]

The entities are read as dicts once (untimed: an analyst has them in memory already). Each timed run calls
`Context.classify_many(dicts)` and reads every result's category; its CPU time (time.process_time) is compared with
the CPU time of `nis2 classify --ndjson` on the same file (child user + sys, from wait4), medians of R runs each.
Target: Python <= 2 x CLI. Exits 77 (skipped) when the binding cannot be imported or has no classify_many.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

SKIP = 77


def cli_cpu(cmd):
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd, stdout=null)
        _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench_python: %s failed" % " ".join(cmd))
    return ru.ru_utime + ru.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lib", required=True)
    ap.add_argument("--bindings", required=True)
    ap.add_argument("--nis2", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.environ["NIS2_LIBRARY"] = os.path.abspath(args.lib)
    sys.path.insert(0, os.path.abspath(args.bindings))
    try:
        import nis2
        ctx = nis2.Context()
        many = ctx.classify_many
    except Exception as e:  # the binding is being written in parallel: skip, do not fail
        print("python classify_many: SKIPPED - binding not usable yet: %s: %s" % (type(e).__name__, e))
        return SKIP
    with open(args.input, encoding="utf-8") as f:
        entities = [json.loads(line) for line in f if line.strip()]
    py, cli = [], []
    for _ in range(args.runs):
        t0 = time.process_time()
        n = 0
        for r in many(entities):
            r.category
            n += 1
        py.append(time.process_time() - t0)
        cli.append(cli_cpu([args.nis2, "classify", "--ndjson", args.input]))
    mp, mc = statistics.median(py), statistics.median(cli)
    ratio = mp / mc
    print("%d entities, %d runs: Python classify_many median %.3f s CPU (%.0f/s); CLI median %.3f s; ratio %.2f"
          % (n, args.runs, mp, n / mp, mc, ratio))
    for name, value, unit, target in (("python_classify_many_per_s", n / mp, "entities/s", None),
                                      ("python_vs_cli", ratio, "x CLI", 2.0)):
        d = {"name": name, "value": round(value, 6), "unit": unit}
        if target is not None:
            d["target"] = "<= %g" % target
            d["met"] = value <= target
        d["runs"] = args.runs
        d["detail"] = "classify_many over %d dicts, reading .category; CLI on the same NDJSON" % n
        print("BENCH " + json.dumps(d), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
