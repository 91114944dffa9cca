# SPDX-License-Identifier: Apache-2.0
"""Shared helpers of the Python binding tests (run by `meson test`, or by hand with the variables below).

Environment (set by tests/meson.build):
  NIS2_LIBRARY      the freshly built libnis2.so
  PYTHONPATH        bindings/python
  NIS2_CLI          the freshly built examples/nis2 (optional: CLI comparisons are skipped without it)
  NIS2_VECTORS      tests/vectors
  NIS2_SOURCE_ROOT  the source tree
"""

import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.environ.get("NIS2_SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
VECTORS = os.environ.get("NIS2_VECTORS") or os.path.join(SOURCE_ROOT, "tests", "vectors")
CLI = os.environ.get("NIS2_CLI") or ""
EXAMPLES = os.path.join(SOURCE_ROOT, "examples")

if os.path.join(SOURCE_ROOT, "bindings", "python") not in sys.path:
    sys.path.insert(0, os.path.join(SOURCE_ROOT, "bindings", "python"))

import nis2  # noqa: E402


def load_cases(name):
    with open(os.path.join(VECTORS, name), encoding="utf-8") as f:
        return json.load(f)["cases"]


def run_cli(*args, stdin=None):
    """Run the CLI; returns (returncode, stdout, stderr) as text."""
    if not CLI:
        raise unittest.SkipTest("NIS2_CLI not set")
    r = subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=120)
    return r.returncode, r.stdout, r.stderr


def sample_entities():
    """The bundled sample entities: hospital-pt.json plus every line of suppliers.ndjson (raw text)."""
    with open(os.path.join(EXAMPLES, "data", "hospital-pt.json"), encoding="utf-8") as f:
        docs = [f.read()]
    with open(os.path.join(EXAMPLES, "data", "suppliers.ndjson"), encoding="utf-8") as f:
        docs += [line.rstrip("\n") for line in f if line.strip()]
    return docs


def has_national_verdict(country, entity):
    """Probe: does the library give a national verdict for `country` (is its overlay rule implemented)?"""
    try:
        return nis2.classify(dict(entity, country=country)).national is not None
    except nis2.Error:
        return False
