#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Licence checks: LICENSE holds the Apache License 2.0, every source file starts with its SPDX line, the ENISA
data keeps its CC BY 4.0 notice, and the pkg-config file carries no placeholder URL.

Usage: check_licence.py SOURCE_ROOT BUILD_ROOT

Source files are the code and build files (C, headers, C++, Python, shell, Meson, the map and template files, the
.ci scripts): the SPDX line (`SPDX-License-Identifier: Apache-2.0`) must be in the first three lines. Data (JSON,
CSV, NDJSON, the ABI baseline, the fuzz dictionary), documents (Markdown) and git's own files carry none.
"""
import os
import re
import sys

root, build = sys.argv[1], sys.argv[2]
SPDX = "SPDX-License-Identifier: Apache-2.0"
SOURCE_EXT = (".c", ".h", ".cc", ".py", ".sh", ".in", ".map", ".toml")
SOURCE_NAMES = ("meson.build", "meson_options.txt")
SKIP_DIRS = {".git", "__pycache__", "node_modules"}
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


def is_build_dir(path):
    return os.path.exists(os.path.join(path, "meson-private")) or os.path.exists(os.path.join(path, "build.ninja"))


checked = 0
for top in ("lib", "include", "examples", "bindings", "tests", ".ci", "."):
    base = os.path.join(root, top)
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not is_build_dir(os.path.join(dirpath, d))
                       and not d.endswith(".egg-info") and not (top == "." and dirpath == base and d != ".ci")]
        if top == "." and dirpath != base:
            continue
        for fn in filenames:
            p = os.path.join(dirpath, fn)
            rel = os.path.relpath(p, root)
            is_ci = rel.startswith(".ci" + os.sep)
            if not (fn.endswith(SOURCE_EXT) or fn in SOURCE_NAMES or is_ci):
                continue
            with open(p, encoding="utf-8", errors="replace") as f:
                head = [f.readline() for _ in range(3)]
            checked += 1
            if not any(SPDX in line for line in head):
                fail("%s: no '%s' line in its first three lines" % (rel, SPDX))
if checked < 100:
    fail("only %d source files found under %s" % (checked, root))

with open(os.path.join(root, "LICENSE"), encoding="utf-8") as f:
    lic = f.read()
for needle in ("Apache License", "Version 2.0, January 2004", "http://www.apache.org/licenses/",
               "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION", "9. Accepting Warranty or Additional "
               "Liability", "END OF TERMS AND CONDITIONS", "APPENDIX: How to apply the Apache License to your work."):
    if needle not in lic:
        fail("LICENSE: the Apache License 2.0 text lacks %r" % needle)
if len(lic) < 10000:
    fail("LICENSE is %d bytes: not the full Apache License 2.0 text" % len(lic))

with open(os.path.join(root, "lib", "catalog", "ATTRIBUTION.md"), encoding="utf-8") as f:
    att = f.read()
for needle in ("ENISA", "CC BY 4.0", "creativecommons.org/licenses/by/4.0"):
    if needle not in att:
        fail("lib/catalog/ATTRIBUTION.md: the ENISA CC BY 4.0 notice lacks %r" % needle)
with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
    readme = f.read()
if "Apache-2.0" not in readme or "CC BY 4.0" not in readme:
    fail("README.md: the licence section names Apache-2.0 and the ENISA data's CC BY 4.0")

pcs = [os.path.join(build, "meson-private", "nis2.pc"), os.path.join(build, "meson-uninstalled", "nis2-uninstalled.pc")]
for pc in pcs:
    if not os.path.exists(pc):
        fail("%s was not generated" % pc)
        continue
    with open(pc, encoding="utf-8") as f:
        text = f.read()
    for line in text.splitlines():
        if line.startswith("URL:") and re.search(r"\.(invalid|example|test)\b|example\.(com|org)", line):
            fail("%s: placeholder %s" % (os.path.basename(pc), line))
print("%d source files checked, %d problems" % (checked, len(failures)))
sys.exit(1 if failures else 0)
