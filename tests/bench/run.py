#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Run the benchmarks and print the table of figures for the README.

Usage: python3 tests/bench/run.py [-C BUILD] [--no-run] [BENCHMARK …]

Runs `meson test -C BUILD --benchmark [BENCHMARK …]` (BUILD defaults to build-bench, a release build), then reads
the BENCH lines every benchmark prints from BUILD/meson-logs/testlog.json and prints one Markdown row per figure,
with skipped benchmarks listed as such. --no-run only formats the log of the last run.
"""
import argparse
import json
import os
import platform
import subprocess
import sys


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d logical CPUs, %s %s" % (cpu, os.cpu_count() or 0, platform.system(), platform.release())


def fmt(v):
    if v >= 1e5:
        return "{:,.0f}".format(v)
    if v >= 100:
        return "%.0f" % v
    return "%.3g" % v


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-C", dest="build", default="build-bench")
    ap.add_argument("--no-run", action="store_true")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    if not args.no_run:
        subprocess.run(["meson", "test", "-C", args.build, "--benchmark", "--num-processes", "1"] + args.names,
                       check=False, stdout=sys.stderr)
    log = os.path.join(args.build, "meson-logs", "testlog.json")
    rows, skipped, failed = [], [], []
    with open(log, encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            if t.get("result") == "SKIP":
                reason = [l for l in t.get("stdout", t.get("stdo", "")).splitlines() if "SKIPPED" in l]
                skipped.append((t["name"], reason[0] if reason else ""))
                continue
            if t.get("result") not in ("OK", "EXPECTEDFAIL"):
                failed.append((t["name"], t.get("result")))
            for l in t.get("stdout", t.get("stdo", "")).splitlines():
                if l.startswith("BENCH "):
                    rows.append((t["name"], json.loads(l[6:])))
    print("Machine: %s" % machine())
    print()
    print("| benchmark | figure | value | target | met |")
    print("|---|---|---|---|---|")
    for bench, d in rows:
        met = "" if "met" not in d else ("yes" if d["met"] else "**no**")
        print("| %s | %s | %s %s | %s | %s |" % (bench, d["name"], fmt(d["value"]), d["unit"], d.get("target", ""),
                                                met))
    for name, reason in skipped:
        print("| %s | — | skipped | | %s |" % (name, reason))
    for name, result in failed:
        print("| %s | — | %s | | |" % (name, result))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
