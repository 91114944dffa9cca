#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Install libnis2 into a temporary folder and use it as a user would, with pkg-config alone.

Usage: check_install.py BUILD_DIR SOURCE_ROOT VERSION CC PKG_CONFIG

1. `meson install -C BUILD_DIR --destdir TMP --no-rebuild`; the files a user needs are there (headers,
   libnis2.so.1, nis2.pc, the nis2 program, the JSON Schemas and their format reference under share/nis2/schema/).
2. `pkg-config --modversion nis2` is VERSION; `cc examples/classify.c $(pkg-config --cflags --libs nis2)` builds,
   and the program runs against the installed library (LD_LIBRARY_PATH, as after `ldconfig`), giving the right
   answer. pkg-config reads the installed nis2.pc through PKG_CONFIG_SYSROOT_DIR=TMP (the prefix inside it is the
   configured one, e.g. /usr/local).
3. The Python binding loads the installed library by its soname.
4. Without installing: PKG_CONFIG_PATH=BUILD_DIR/meson-uninstalled builds the same program against the build tree,
   and the Python binding finds the build's library through that pkg-config file alone (NIS2_LIBRARY unset).
"""
import glob
import os
import shlex
import subprocess
import sys
import tempfile

build, root, version, cc, pkgconfig = sys.argv[1:6]
failures = []


def run(cmd, env=None, **kw):
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit("FAIL: %s exited %d\nstdout: %s\nstderr: %s" % (shlex.join(cmd), r.returncode, r.stdout,
                                                                          r.stderr))
    return r.stdout


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("NIS2_LIBRARY", "LD_LIBRARY_PATH", "PKG_CONFIG_PATH", "PKG_CONFIG_SYSROOT_DIR",
                        "PKG_CONFIG_LIBDIR", "PYTHONPATH")}
    env.update(extra)
    return env


# examples/classify.c: a German cloud provider, medium-sized, under Germany's embedded BSIG overlay
EXPECT = ["category:   important", "decided by: BSIG § 28(2) Nr. 3", "size class: medium"]
PY = ("import nis2, nis2._ffi as f\n"
      "r = nis2.classify({'country': 'DE', 'activities': ['digital_infrastructure.cloud_provider'],\n"
      "                   'employees': 120, 'turnover_eur': 18e6, 'balance_sheet_eur': 9e6})\n"
      "print(r.category, r.decided_by, r.size_class)\n"
      "print(f.load().path)\n")

with tempfile.TemporaryDirectory(prefix="nis2-install-") as tmp:
    dest = os.path.join(tmp, "dest")
    run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", dest])
    pcs = glob.glob(os.path.join(dest, "**", "pkgconfig", "nis2.pc"), recursive=True)
    check(len(pcs) == 1, "one nis2.pc installed (%s)" % pcs)
    if not pcs:
        raise SystemExit(1)
    pcdir = os.path.dirname(pcs[0])
    libdir = os.path.dirname(pcdir)
    prefix_dir = libdir
    while not os.path.isdir(os.path.join(prefix_dir, "include")) and prefix_dir != dest:
        prefix_dir = os.path.dirname(prefix_dir)
    check(os.path.exists(os.path.join(libdir, "libnis2.so.1")), "libnis2.so.1 in %s" % libdir)
    check(os.path.exists(os.path.join(libdir, "libnis2.so")), "the libnis2.so link for -lnis2")
    for h in ("nis2.h", "common.h", "context.h", "entity.h", "classify.h", "obligations.h", "incident.h",
              "evidence.h", "version.h"):
        check(os.path.exists(os.path.join(prefix_dir, "include", "nis2", h)), "include/nis2/" + h)
    check(os.access(os.path.join(prefix_dir, "bin", "nis2"), os.X_OK), "bin/nis2")
    sdir = os.path.join(prefix_dir, "share", "nis2", "schema")
    want = sorted(os.path.basename(p) for p in glob.glob(os.path.join(root, "lib", "schema", "*.schema.json")))
    have = sorted(os.path.basename(p) for p in glob.glob(os.path.join(sdir, "*.schema.json")))
    check(want and have == want, "share/nis2/schema/ holds every schema of lib/schema/ (%d)" % len(want))
    check(os.path.exists(os.path.join(sdir, "FORMATS.md")), "share/nis2/schema/FORMATS.md")

    env = clean_env(PKG_CONFIG_PATH=pcdir, PKG_CONFIG_SYSROOT_DIR=dest)
    mv = run([pkgconfig, "--modversion", "nis2"], env=env).strip()
    check(mv == version, "pkg-config --modversion nis2 = %s (want %s)" % (mv, version))
    flags = shlex.split(run([pkgconfig, "--cflags", "--libs", "nis2"], env=env))
    check(any(f.startswith("-I" + dest) for f in flags) and "-lnis2" in flags,
          "pkg-config flags point into the installed tree: %s" % flags)
    exe = os.path.join(tmp, "classify")
    run([cc, os.path.join(root, "examples", "classify.c"), "-o", exe] + flags, env=env)
    rt = clean_env(LD_LIBRARY_PATH=libdir)
    out = run([exe], env=rt)
    for line in EXPECT:
        check(line in out, "installed: classify.c prints %r" % line)
    ldd = run(["ldd", exe], env=rt)
    check(os.path.join(libdir, "libnis2.so.1") in ldd, "the program loads the installed libnis2.so.1")
    out = run([os.path.join(prefix_dir, "bin", "nis2"), "--version"], env=rt)
    check(version in out, "installed nis2 --version names %s" % version)

    py = run([sys.executable, "-c", PY], env=clean_env(LD_LIBRARY_PATH=libdir,
                                                       PYTHONPATH=os.path.join(root, "bindings", "python")))
    check(py.splitlines()[0] == "important BSIG § 28(2) Nr. 3 medium", "Python binding, installed library: %r" % py)
    check(py.splitlines()[1] == "libnis2.so.1", "Python binding loaded by soname: %r" % py.splitlines()[1:])

    # Without installing: the build tree through meson's uninstalled pkg-config file.
    uenv = clean_env(PKG_CONFIG_PATH=os.path.join(build, "meson-uninstalled"))
    uflags = shlex.split(run([pkgconfig, "--cflags", "--libs", "nis2"], env=uenv))
    uexe = os.path.join(tmp, "classify-uninstalled")
    run([cc, os.path.join(root, "examples", "classify.c"), "-o", uexe] + uflags, env=uenv)
    out = run([uexe], env=clean_env(LD_LIBRARY_PATH=os.path.join(build, "lib")))
    for line in EXPECT:
        check(line in out, "build tree: classify.c prints %r" % line)
    py = run([sys.executable, "-c", PY], env=dict(uenv, PYTHONPATH=os.path.join(root, "bindings", "python")))
    want_lib = os.path.join(os.path.abspath(build), "lib", "libnis2.so.1")
    check(py.splitlines()[0] == "important BSIG § 28(2) Nr. 3 medium", "Python binding, build tree: %r" % py)
    check(os.path.realpath(py.splitlines()[1]) == os.path.realpath(want_lib),
          "Python binding found %s through the uninstalled nis2.pc" % want_lib)

if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("all install checks passed")
