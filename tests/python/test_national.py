# SPDX-License-Identifier: Apache-2.0
"""Typed national facts from Python: Context.national_keys() and Entity.set_national_fact() over the C setters,
equal to the JSON path (Entity(national=...)) on the PT and DE vectors."""

import datetime
import glob
import json
import os
import unittest

import _support
from _support import nis2

ROOT = os.environ.get("NIS2_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
VECTORS = os.environ.get("NIS2_VECTORS", os.path.join(ROOT, "tests", "vectors"))


def german_context():
    """The embedded catalog with lib/catalog/overlays/de/ laid over it (as tests/unit/test_bsig.c does)."""
    ov = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "lib", "catalog", "overlays", "de", "*.json"))):
        with open(path, encoding="utf-8") as f:
            ov.update(json.load(f))
    ov.pop("x_embed", None)
    return nis2.Context(catalog_json={"name": "de-from-files", "version": "1", "overlays": [ov]}, extend=True)


class TestNationalKeys(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ctx = german_context()

    def test_keys_match_catalog(self):
        overlays = {o["country"]: o for o in self.ctx.catalog("overlays")["overlays"]}
        for cc in ("PT", "DE"):
            keys = self.ctx.national_keys(cc)
            want = overlays[cc]["national_keys"]
            self.assertEqual([k.name for k in keys], list(want))
            for k in keys:
                self.assertEqual(k.type, want[k.name]["type"])
                self.assertEqual(k.ref, want[k.name].get("ref"))
                self.assertEqual(k.meaning, want[k.name].get("meaning"))
                self.assertEqual(list(k.values), want[k.name].get("values", []))
        self.assertEqual(self.ctx.national_keys("pt"), self.ctx.national_keys("PT"))
        self.assertEqual(self.ctx.national_keys("FR"), ())
        self.assertIsInstance(self.ctx.national_keys("PT")[0], nis2.NationalKey)

    def test_setters_and_errors(self):
        e = nis2.Entity(self.ctx, country="DE", activities=["digital_infrastructure.cloud_provider"])
        e.set_national_fact("DE", "kritis_operator", True)
        e.set_national_fact("DE", "own_employees", 40)
        e.set_national_fact("DE", "own_turnover_eur", 0.5)
        e.set_national_fact("DE", "exemption_notice", "extended")
        e.set_national_fact("DE", "negligible_activities", ["digital_infrastructure.cloud_provider"])
        self.assertEqual(e.to_dict()["national"], {"DE": {
            "kritis_operator": True, "own_employees": 40, "own_turnover_eur": 0.5, "exemption_notice": "extended",
            "negligible_activities": ["digital_infrastructure.cloud_provider"]}})
        e.set_national_fact("DE", "own_turnover_eur", None)
        e.unset_national("DE", "exemption_notice")
        e.set_national_fact("DE", "negligible_activities", [])
        self.assertEqual(e.to_dict()["national"], {"DE": {"kritis_operator": True, "own_employees": 40,
                                                          "negligible_activities": []}})
        e.add_national_code("DE", "negligible_activities", "digital_infrastructure.cloud_provider")
        self.assertEqual(e.to_dict()["national"]["DE"]["negligible_activities"], ["digital_infrastructure.cloud_provider"])
        before = e.to_json()
        cases = [
            (lambda: e.set_national_fact("FR", "kritis_operator", True), nis2.UnknownCodeError, "$.national"),
            (lambda: e.set_national_fact("DE", "kritis", True), nis2.UnknownKeyError, "$.national.DE.kritis"),
            (lambda: e.set_national_fact("DE", "kritis_operator", "yes"), nis2.InvalidFieldError,
             "$.national.DE.kritis_operator"),
            (lambda: e.set_national_fact("DE", "own_employees", -1), nis2.InvalidFieldError, "$.national.DE.own_employees"),
            (lambda: e.set_national_fact("DE", "own_employees", float("nan")), nis2.InvalidFieldError,
             "$.national.DE.own_employees"),
            (lambda: e.set_national_fact("DE", "exemption_notice", "other"), nis2.InvalidFieldError,
             "$.national.DE.exemption_notice"),
            (lambda: e.set_national_fact("DE", "negligible_activities", ["health.healthcare_provider"]),
             nis2.InvalidFieldError, "$.national.DE.negligible_activities[0]"),
            (lambda: e.set_national_fact("DE", "negligible_activities", ["no.such"]), nis2.UnknownCodeError,
             "$.national.DE.negligible_activities[0]"),
            (lambda: e.add_national_code("DE", "kritis_operator", "digital_infrastructure.cloud_provider"),
             nis2.InvalidFieldError, "$.national.DE.kritis_operator"),
            (lambda: e.unset_national("DE", "nope"), nis2.UnknownKeyError, "$.national.DE.nope"),
        ]
        for call, cls, path in cases:
            with self.subTest(path=path):
                with self.assertRaises(cls) as cm:
                    call()
                self.assertEqual(cm.exception.path, path)
        with self.assertRaises(TypeError):
            e.set_national_fact("DE", "own_employees", {"n": 1})
        with self.assertRaises(TypeError):
            e.set_national_fact("DE", "negligible_activities", [1])
        self.assertEqual(e.to_json(), before)

    def test_date(self):
        e = nis2.Entity(self.ctx, country="PT")
        e.set_national_fact("PT", "started_activity_on", datetime.date(2025, 3, 1))
        self.assertEqual(e.to_dict()["national"], {"PT": {"started_activity_on": "2025-03-01"}})
        with self.assertRaises(nis2.InvalidFieldError):
            e.set_national_fact("PT", "started_activity_on", "1 March 2025")

    def test_vectors_typed_equal_json(self):
        n = 0
        for name in ("classification_pt.json", "classification_de.json"):
            with open(os.path.join(VECTORS, name), encoding="utf-8") as f:
                cases = json.load(f)["cases"]
            for case in cases:
                doc = dict(case["entity"])
                national = doc.pop("national", {})
                if not any(national.values()):
                    continue
                with self.subTest(case=case["id"]):
                    typed = nis2.Entity.from_json(doc, ctx=self.ctx)
                    for cc, facts in national.items():
                        for k, v in facts.items():
                            typed.set_national_fact(cc, k, v)
                            n += 1
                    whole = nis2.Entity.from_json(case["entity"], ctx=self.ctx)
                    self.assertEqual(typed.to_json(), whole.to_json())
                    self.assertEqual(self.ctx.classify(typed).to_dict(), self.ctx.classify(whole).to_dict())
        self.assertGreater(n, 50)


if __name__ == "__main__":
    unittest.main()
