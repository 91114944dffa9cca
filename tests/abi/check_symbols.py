#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The exported symbols of libnis2 are exactly those of lib/libnis2.map (README, "ABI policy").

usage: check_symbols.py NM MAPFILE SHARED_LIB [STATIC_LIB]

- every name in a version node of the map file is exported, with that node as its version, and nothing else is;
- nothing outside the nis2_ prefix is exported from the shared library;
- the static library defines no global name outside nis2_ (public) and nis2i_ (internal), so that linking it
  statically cannot clash with the host program.
"""
import re
import subprocess
import sys


def map_nodes(path):
    text = re.sub(r"/\*.*?\*/", "", open(path, encoding="utf-8").read(), flags=re.S)
    text = re.sub(r"#[^\n]*", "", text)
    nodes = {}
    for m in re.finditer(r"(\w[\w.]*)\s*\{(.*?)\}\s*([\w.]*)\s*;", text, flags=re.S):
        node, body = m.group(1), m.group(2)
        glob = re.search(r"global:(.*?)(?:local:|$)", body, flags=re.S)
        names = re.findall(r"([A-Za-z_]\w*)\s*;", glob.group(1) if glob else "")
        nodes[node] = names
    return nodes


def nm(nm_prog, args, lib):
    out = subprocess.run([nm_prog] + args + [lib], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            rows.append((parts[1], parts[2]))
        elif len(parts) == 2 and not line.startswith(" "):
            rows.append((parts[0], parts[1]))
    return rows


def main():
    nm_prog, mapfile, shared = sys.argv[1:4]
    static = sys.argv[4] if len(sys.argv) > 4 else None
    problems = []
    nodes = map_nodes(mapfile)
    if not nodes:
        problems.append(f"{mapfile}: no version node found")
    want = {}
    for node, names in nodes.items():
        for n in names:
            if n in want:
                problems.append(f"{n} is listed in both {want[n]} and {node}")
            want[n] = node
    got = {}
    for kind, name in nm(nm_prog, ["-D", "--defined-only", "--with-symbol-versions"], shared):
        base, _, version = name.partition("@")
        version = version.lstrip("@")
        if kind == "A" and base in nodes:          # the version node itself
            continue
        got[base] = version
    for n, node in sorted(want.items()):
        if n not in got:
            problems.append(f"{n}: in {mapfile} ({node}) but not exported (missing definition or NIS2_API)")
        elif got[n] != node:
            problems.append(f"{n}: exported with version '{got[n]}', the map file says {node}")
    for n in sorted(set(got) - set(want)):
        problems.append(f"{n}: exported but not in {mapfile}")
    for n in sorted(got):
        if not n.startswith("nis2_"):
            problems.append(f"{n}: exported name outside the nis2_ prefix")
    if static:
        for kind, name in nm(nm_prog, ["--defined-only", "-g"], static):
            if name.startswith(("__odr_asan", "__asan", "__sanitizer", "__tsan", "__ubsan")):
                continue                            # sanitizer bookkeeping in an instrumented build
            if kind in "TDBRVWGSC" and not (name.startswith("nis2_") or name.startswith("nis2i_")):
                problems.append(f"{name}: global name in the static library outside nis2_/nis2i_")
    for p in problems:
        print(p)
    print(f"{len(want)} symbols in {len(nodes)} version node(s); {len(got)} exported; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
