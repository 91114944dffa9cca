#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""NDJSON classification against its floor, side by side in the same run.

Usage: bench_ndjson.py --nis2 NIS2 --floor FLOOR --input ENTITIES.ndjson [--runs R]

Runs `nis2 classify --ndjson INPUT` and `floor INPUT` alternately R times each, output to /dev/null, and takes
the CPU time (user + system) of each child from wait4(): on a machine shared with other work that is far steadier
than wall time, and it is what "on one core" means for a single-threaded program. Prints the medians, the ratio
CLI / floor (target: <= 1.25) and one BENCH line per figure (see bench_util.h). The CLI must exit 0: every line
of the generated stream is valid.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def run(cmd):
    """CPU seconds (user + sys) and wall seconds of one run of cmd, stdout to /dev/null."""
    with open(os.devnull, "wb") as null:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=null)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit("bench_ndjson: %s exited with %d" % (" ".join(cmd), p.returncode))
    return ru.ru_utime + ru.ru_stime, wall


def report(name, value, unit, op=None, target=None, runs=0, detail=""):
    d = {"name": name, "value": round(value, 6), "unit": unit}
    if op:
        d["target"] = "%s %g" % (op, target)
        d["met"] = value >= target if op == ">=" else value <= target
    d["runs"] = runs
    d["detail"] = detail
    print("BENCH " + json.dumps(d), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nis2", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with open(args.input, "rb") as f:
        lines = sum(1 for line in f if line.strip())
    cli_cmd = [args.nis2, "classify", "--ndjson", args.input]
    bare_cmd = cli_cmd + ["--no-trace"]
    floor_cmd = [args.floor, args.input]
    cli, floor, cli_wall, floor_wall, ratios, bare_ratios = [], [], [], [], [], []
    run(floor_cmd)                       # warm the page cache for both
    for _ in range(args.runs):
        c, cw = run(cli_cmd)
        f, fw = run(floor_cmd)
        b, _ = run(bare_cmd)
        bare_ratios.append(b / f)
        cli.append(c)
        floor.append(f)
        cli_wall.append(cw)
        floor_wall.append(fw)
        ratios.append(c / f)
    mc, mf = statistics.median(cli), statistics.median(floor)
    print("%d lines, %d runs each (CPU seconds, user + sys)" % (lines, args.runs))
    print("  nis2 classify --ndjson  median %.3f s  (%.0f lines/s; wall median %.3f s)"
          % (mc, lines / mc, statistics.median(cli_wall)))
    print("  floor (jansson only)    median %.3f s  (%.0f lines/s; wall median %.3f s)"
          % (mf, lines / mf, statistics.median(floor_wall)))
    print("  ratio (median of per-pair ratios) %.3f" % statistics.median(ratios))
    report("ndjson_lines_per_s", lines / mc, "lines/s", runs=args.runs,
           detail="nis2 classify --ndjson, %d lines, median CPU %.3f s" % (lines, mc))
    report("floor_lines_per_s", lines / mf, "lines/s", runs=args.runs,
           detail="jansson parse + read fields + json_dumps of a small object, median CPU %.3f s" % mf)
    report("ndjson_vs_floor", statistics.median(ratios), "x floor", "<=", 1.25, args.runs,
           detail="median of per-pair CPU-time ratios CLI / floor")
    report("ndjson_no_trace_vs_floor", statistics.median(bare_ratios), "x floor", "<=", 1.0, args.runs,
           detail="nis2 classify --ndjson --no-trace (bulk screening: verdicts without the reasoning trace) / floor")


if __name__ == "__main__":
    main()
