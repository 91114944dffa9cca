# SPDX-License-Identifier: Apache-2.0
"""Context.export and Context.gap_report_oscal (include/nis2/exchange.h): byte for byte what the CLI prints."""

import json
import os
import subprocess
import unittest

import _support
from _support import nis2

ROOT = os.environ.get("NIS2_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("NIS2_CLI")


def cli(args):
    return subprocess.run([CLI] + args, check=True, stdout=subprocess.PIPE).stdout.decode("utf-8")


class TestExchange(unittest.TestCase):
    def setUp(self):
        self.ctx = nis2.Context()
        if not hasattr(self.ctx._lib, "nis2_export"):
            self.skipTest("the loaded libnis2 has no nis2_export")

    @unittest.skipUnless(CLI, "NIS2_CLI not set")
    def test_same_as_cli(self):
        for fmt, part in (("oscal-catalog", None), ("oscal-catalog", "ir2690"), ("oscal-catalog", "PT"),
                          ("oscal-mapping", None), ("ciso-assistant", None)):
            with self.subTest(fmt=fmt, part=part):
                args = ["export", "--format", fmt] + (["--part", part] if part else [])
                got = self.ctx.export(fmt, part)
                self.assertEqual(got.rstrip("\n"), cli(args).rstrip("\n"))
        path = os.path.join(ROOT, "examples", "data", "isms-example.json")
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual(self.ctx.gap_report_oscal(doc), json.loads(cli(["gap", "--format", "oscal", path])))

    def test_errors(self):
        with self.assertRaises(ValueError):
            self.ctx.export("oscal")
        with self.assertRaises(nis2.NotFoundError) as e:
            self.ctx.export("oscal-catalog", "xx")
        self.assertIn("'xx'", e.exception.message)
        with self.assertRaises(nis2.MissingFieldError):
            self.ctx.gap_report_oscal({"schema": 1, "entity": {"country": "DE", "activities": []}})

    def test_pretty_is_the_same_document(self):
        a = self.ctx.export("oscal-mapping")
        b = self.ctx.export("oscal-mapping", pretty=True)
        self.assertNotIn("\n", a)
        self.assertEqual(json.loads(a), json.loads(b))
        self.assertEqual(json.loads(a)["mapping-collection"]["metadata"]["version"], nis2.catalog_version())


if __name__ == "__main__":
    unittest.main()
