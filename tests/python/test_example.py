# SPDX-License-Identifier: Apache-2.0
"""examples/supplier_csv.py: CSV of suppliers in, CSV of classifications out."""

import csv
import io
import os
import subprocess
import sys
import unittest

import _support
from _support import nis2


class TestSupplierCsv(unittest.TestCase):
    def test_bundled_csv(self):
        script = os.path.join(_support.EXAMPLES, "supplier_csv.py")
        data = os.path.join(_support.EXAMPLES, "data", "suppliers.csv")
        r = subprocess.run([sys.executable, script, data, "-"], capture_output=True, text=True, encoding="utf-8",
                           timeout=120)
        self.assertEqual(r.returncode, 1, r.stderr)            # the bundled file has one bad row
        rows = list(csv.DictReader(io.StringIO(r.stdout)))
        with open(data, newline="", encoding="utf-8") as f:
            src = list(csv.DictReader(f))
        self.assertEqual(len(rows), len(src))
        bad = [row for row in rows if row["error"]]
        self.assertEqual(len(bad), 1)
        self.assertIn("unknown_code", bad[0]["error"])
        for row, inp in zip(rows, src):
            if row["error"]:
                continue
            doc = {"name": inp["name"], "country": inp["country"], "activities": inp["activities"].split(";")}
            for k in ("employees", "turnover_eur", "balance_sheet_eur"):
                if inp[k]:
                    doc[k] = float(inp[k])
            res = nis2.classify(doc)
            self.assertEqual((row["category"], row["decided_by"], row["size_class"], row["law"]),
                             (res.category, res.decided_by or "", res.size_class or "", res.law), inp["name"])


class TestObligationsTyped(unittest.TestCase):
    def test_typed_getters_match_json(self):
        ctx = nis2.Context()
        if not ctx.capabilities()["obligations"] or not hasattr(nis2._ffi.load(), "nis2_obligations_select"):
            self.skipTest("no obligations in this library")
        from nis2._ffi import ObligationsP, byref
        lib = nis2._ffi.load()
        e = nis2.Entity(ctx, country="DE", activities=["health.healthcare_provider"], employees=1200,
                        turnover_eur=95e6, balance_sheet_eur=80e6)
        cls = ctx.classify(e)
        doc = ctx.obligations(e, cls)
        self.assertEqual(doc, ctx.obligations(e))
        self.assertEqual(doc, ctx.obligations(e.to_json()))
        lst = ObligationsP()
        lib.nis2_obligations_select(ctx._p, e._p, None, byref(lst), nis2.api._sink())
        try:
            self.assertEqual(lib.nis2_obligations_category(lst).decode(), doc["category"])
            n = lib.nis2_obligations_count(lst)
            self.assertEqual(n, len(doc["obligations"]))
            self.assertEqual([lib.nis2_obligations_id(lst, i).decode() for i in range(n)],
                             [o["id"] for o in doc["obligations"]])
            self.assertIsNone(lib.nis2_obligations_id(lst, n))
        finally:
            lib.nis2_obligations_free(lst)


if __name__ == "__main__":
    unittest.main()
