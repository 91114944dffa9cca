#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The layers of lib/ point one way (README, "Source layout").

Bottom up: util → model → compile → rules → api → json. A file may include the headers of its own layer and of
the layers below it, and call functions defined there; never above. Only the catalog compiler (lib/compile/) and
the JSON edge (lib/json/) may see <jansson.h>, directly or through any header they include.

Usage: check_layers.py LIBDIR [--allow FILE]    check the tree (exit 1 on a violation)
       check_layers.py LIBDIR --self-test        prove the check fails on planted violations

FILE lists violations that are known and being removed, one per line exactly as this script prints them;
a listed line that no longer occurs is itself an error, so the list can only shrink. Standard library only.
"""
import os
import re
import shutil
import sys
import tempfile

LAYERS = ["util", "model", "compile", "rules", "api", "json"]
JANSSON_OK = {"compile", "json"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
# A function definition: a line starting at column 0 with a return type, the name, "(" and no ";" on the line.
DEFN = re.compile(r'^(?!static\b)(?:[A-Za-z_][\w \t\*]*?[\s\*])(nis2i?_\w+)\s*\([^;]*$', re.M)
CALL = re.compile(r'\b(nis2i?_\w+)\s*\(')
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')


def layer_of(lib, path):
    rel = os.path.relpath(path, lib).split(os.sep)
    return rel[0] if len(rel) > 1 and rel[0] in LAYERS else None


def sources(lib):
    for d, subdirs, files in os.walk(lib):
        subdirs[:] = sorted(s for s in subdirs if s != "catalog")
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                yield os.path.join(d, f)


def strip(text):
    return STRING.sub('""', COMMENT.sub(" ", text))


def resolve(lib, src, name):
    for base in (os.path.dirname(src), lib):
        p = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(p):
            return p
    return None


def check(lib):
    lib = os.path.abspath(lib)
    out = []
    files = list(sources(lib))
    texts = {f: open(f, encoding="utf-8").read() for f in files}
    rel = {f: os.path.relpath(f, lib) for f in files}
    includes = {}
    for f in files:
        lay = layer_of(lib, f)
        if lay is None:
            out.append(f"{rel[f]}: outside the layer folders ({', '.join(LAYERS)})")
        inc = []
        for kind, name in INCLUDE.findall(texts[f]):
            if kind == "<":
                inc.append(("<", name))
                continue
            target = resolve(lib, f, name)
            if target is None:
                continue                        # a generated or public header (include/nis2/…)
            inc.append(('"', target))
            tl = layer_of(lib, target)
            if lay and tl and LAYERS.index(tl) > LAYERS.index(lay):
                out.append(f"{rel[f]}: includes {rel[target]} ({tl} is above {lay})")
        includes[f] = inc

    def sees_jansson(f, seen):
        if f in seen:
            return False
        seen.add(f)
        for kind, t in includes.get(f, []):
            if kind == "<" and t == "jansson.h":
                return True
            if kind == '"' and sees_jansson(t, seen):
                return True
        return False

    for f in files:
        lay = layer_of(lib, f)
        if lay and lay not in JANSSON_OK and sees_jansson(f, set()):
            out.append(f"{rel[f]}: sees <jansson.h> (only compile/ and json/ may)")

    defined = {}
    for f in files:
        if f.endswith(".c"):
            for name in DEFN.findall(strip(texts[f])):
                defined.setdefault(name, f)
    for f in files:
        lay = layer_of(lib, f)
        if not lay or not f.endswith(".c"):
            continue
        seen = set()
        for name in CALL.findall(strip(texts[f])):
            target = defined.get(name)
            if not target or target == f or name in seen:
                continue
            seen.add(name)
            tl = layer_of(lib, target)
            if tl and LAYERS.index(tl) > LAYERS.index(lay):
                out.append(f"{rel[f]}: calls {name} of {rel[target]} ({tl} is above {lay})")
    return sorted(set(out))


def self_test(lib):
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "lib")
        shutil.copytree(lib, copy, ignore=shutil.ignore_patterns("catalog"))
        low = next(f for f in sources(copy) if layer_of(copy, f) == "util" and f.endswith(".c"))
        high_h = next(f for f in sources(copy) if layer_of(copy, f) == "json" and f.endswith(".h"))
        high_fn = next(n for f in sources(copy) if layer_of(copy, f) == "json" and f.endswith(".c")
                       for n in DEFN.findall(strip(open(f, encoding="utf-8").read())))
        before = set(check(copy))
        with open(low, "a", encoding="utf-8") as fh:
            fh.write(f'\n#include "{os.path.relpath(high_h, os.path.dirname(low))}"\n'
                     f'void nis2i_planted_upcall(void);\nvoid nis2i_planted_upcall(void) {{ {high_fn}(); }}\n')
        after = set(check(copy)) - before
        want = ["includes", "calls " + high_fn, "sees <jansson.h>"]
        missing = [w for w in want if not any(w in line for line in after)]
        if missing:
            print("self-test: the check did not report planted violations: " + ", ".join(missing))
            return 1
        print(f"self-test: {len(after)} planted violations reported")
        return 0


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    lib = args[0]
    if "--self-test" in args:
        return self_test(lib)
    allow = set()
    if "--allow" in args:
        with open(args[args.index("--allow") + 1], encoding="utf-8") as f:
            allow = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    found = check(lib)
    bad = [v for v in found if v not in allow]
    stale = sorted(allow - set(found))
    for v in bad:
        print("layering: " + v)
    for v in stale:
        print("layering: listed as known but no longer found (remove it from the list): " + v)
    print(f"layering: {len(found)} known violation(s) listed, {len(bad)} new, {len(stale)} stale")
    return 1 if bad or stale else 0


if __name__ == "__main__":
    sys.exit(main())
