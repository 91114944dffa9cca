# SPDX-License-Identifier: Apache-2.0
"""The typed results of the binding (i14): obligations, deadlines and assessments read through the C getters equal
the library's JSON; the constants equal the headers; values JSON cannot hold are refused naming the field; batch
errors carry the row index; the binding uses neither private CPython API nor regular expressions on JSON."""

import datetime as dt
import decimal
import json
import os
import re
import unittest

import _support
from _support import nis2

HEADERS = os.path.join(_support.SOURCE_ROOT, "include", "nis2")
API = os.path.join(_support.SOURCE_ROOT, "bindings", "python", "nis2", "api.py")


def defines():
    out = {}
    for name in os.listdir(HEADERS):
        if name.endswith(".h"):
            with open(os.path.join(HEADERS, name), encoding="utf-8") as f:
                for m in re.finditer(r"^#define (NIS2_\w+)\s+(0x[0-9a-fA-F]+|\d+)u?\b", f.read(), re.M):
                    out[m.group(1)] = int(m.group(2), 0)
    return out


class Constants(unittest.TestCase):
    def test_against_headers(self):
        d = defines()
        ffi = nis2._ffi
        for name, (value, _kind) in ffi.IMPACT_FACTS.items():
            self.assertEqual(d["NIS2_IMPACT_" + name.upper()], value, name)
        self.assertEqual(d["NIS2_IMPACT_COUNT"], len(ffi.IMPACT_FACTS))
        for name, value in ffi.INCIDENT_TIMES.items():
            self.assertEqual(d["NIS2_INCIDENT_" + name.upper()], value, name)
        for name, value in ffi.NATURES.items():
            self.assertEqual(d["NIS2_NATURE_" + name.upper()], value, name)
        for name, value in ffi.GROUPS.items():
            self.assertEqual(d["NIS2_GROUP_" + name.upper()], value, name)
        for name, value in ffi.SUPERVISION.items():
            self.assertEqual(d["NIS2_SUPERVISION_" + (name or "none").upper()], value, name)
        for value, name in ffi.UNITS.items():
            self.assertEqual(d["NIS2_UNIT_" + name.upper()], value, name)
        for name, value in ffi.CATEGORY_CODES.items():
            self.assertEqual(d["NIS2_CATEGORY_" + name.upper()], value, name)
        for name, value in ffi.FLAGS.items():
            key = {"nis1_operator_of_essential_services": "NIS1_OES",
                   "member_state_opts_in_local_public_administration": "MS_OPTS_IN_LOCAL_PA",
                   "member_state_opts_in_education": "MS_OPTS_IN_EDUCATION",
                   "member_state_keeps_nis1_oes_as_essential": "MS_KEEPS_NIS1_OES_AS_ESSENTIAL",
                   "judiciary_parliament_or_central_bank": "JUDICIARY_PARLIAMENT_CENTRAL_BANK"}.get(name, name.upper())
            self.assertEqual(d["NIS2_FLAG_" + key], value, name)
        self.assertEqual(d["NIS2_DEADLINES_REPORTS"], ffi.DEADLINES_REPORTS)
        self.assertEqual(d["NIS2_DEADLINES_DIRECTIVE"], ffi.DEADLINES_DIRECTIVE)

    def test_no_private_api_nor_regex_on_json(self):
        with open(API, encoding="utf-8") as f:
            text = f.read()
        self.assertNotIn("c_make_encoder", text)
        self.assertIsNone(re.search(r"^import re\b|^from re import", text, re.M))


class TypedResults(unittest.TestCase):
    ctx = None

    @classmethod
    def setUpClass(cls):
        cls.ctx = nis2.Context()

    def entities(self):
        for name in ("classification.json", "classification_pt.json"):
            for case in _support.load_cases(name):
                yield case["entity"]

    def test_obligations_equal_the_json(self):
        n = 0
        for ent in self.entities():
            try:
                want = self.ctx.obligations(ent)
            except nis2.Error:
                continue
            got = self.ctx.obligation_list(ent)
            n += 1
            self.assertEqual(got.category, want["category"])
            self.assertEqual(got.country, want["country"])
            self.assertEqual(got.law, want["law"])
            self.assertEqual(got.supervision, want["supervision"])
            self.assertEqual(got.supervision_id, nis2._ffi.SUPERVISION.get(want["supervision"], 3))
            self.assertEqual(got.category_id, nis2._ffi.CATEGORY_CODES.get(want["category"], 6))
            if want["max_fine"] is None:
                self.assertIsNone(got.max_fine)
                self.assertEqual(got.max_fine_none, (want["max_fine_none"]["ref"], want["max_fine_none"]["text"]))
            else:
                self.assertEqual(got.max_fine.eur, want["max_fine"]["eur"])
                self.assertEqual(got.max_fine.fixed_eur, want["max_fine"]["fixed_eur"])
                self.assertEqual(got.max_fine.turnover_share, want["max_fine"]["turnover_share"])
                self.assertEqual(got.max_fine.ref, want["max_fine"]["ref"])
            self.assertEqual(len(got.duties), len(want["obligations"]))
            for d, w in zip(got.duties, want["obligations"]):
                self.assertEqual((d.id, d.ref, d.title, d.group, d.nature, d.applies_because),
                                 (w["id"], w["ref"], w["title"], w["group"], w["nature"], w["applies_because"]))
                self.assertEqual(d.nature_id, nis2._ffi.NATURES[w["nature"]])
                self.assertEqual(d.group_id, nis2._ffi.GROUPS[w["group"]])
                self.assertEqual(d.condition, w.get("condition"))
                self.assertEqual(d.condition_fact, w.get("condition_fact"))
                self.assertEqual(d.condition_settled, w.get("condition_settled", False))
                self.assertEqual(list(d.evidence), w["evidence"])
                self.assertEqual(d.effective_from, w["effective_from"])
                self.assertEqual(d.displaced_by, w["displaced_by"])
                nat = ([w["national"]] if w["national"] else []) + w.get("national_also", [])
                self.assertEqual([p.id for p in d.national], [p["id"] for p in nat])
                self.assertEqual([p.title for p in d.national], [p["title"] for p in nat])
                if d.deadline_period:
                    self.assertEqual(w["deadline"][d.deadline_period[0]], d.deadline_period[1])
            with self.assertRaises(dataclasses_frozen()):
                got.category = "x"
        self.assertGreater(n, 100)

    def test_deadlines_equal_the_json(self):
        ent = {"country": "PT", "activities": ["digital_infrastructure.cloud_provider"], "employees": 180,
               "turnover_eur": 32000000, "balance_sheet_eur": 21000000}
        aware = dt.datetime(2026, 4, 1, 10, 20, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        ended = "2026-04-03T10:35:00+01:00"
        want = self.ctx.incident_deadlines(ent, aware, impact_ended_at=ended)
        got = self.ctx.deadlines(ent, aware, impact_ended_at=ended)
        self.assertEqual(got.category, want["category"])
        self.assertEqual(got.aware_at.strftime("%Y-%m-%dT%H:%M:%SZ"), want["aware_at"])
        for mine, theirs in ((got.reports, want["reports"]), (got.directive_reports, want.get("directive_reports", []))):
            self.assertEqual(len(mine), len(theirs))
            for r, w in zip(mine, theirs):
                self.assertEqual((r.id, r.due_rfc3339, r.ref, r.relative_to, r.law, r.text),
                                 (w["id"], w["due"], w["ref"], w["relative_to"], w["law"], w["text"]))
                if r.due:
                    self.assertEqual(r.due.strftime("%Y-%m-%dT%H:%M:%SZ"), w["due"])
                self.assertEqual(r.condition, w.get("condition"))
        self.assertGreater(len(got.directive_reports), 0)
        self.assertEqual([n.text for n in got.notes], [n["text"] for n in want["notes"]])

    def test_assessment_equals_the_json(self):
        ent = {"country": "FR", "activities": ["digital_infrastructure.cloud_provider"], "employees": 300}
        impact = {"unavailable_minutes": 45, "users_affected_limited": 600000, "degraded_minutes": 90,
                  "root_cause": "bgp", "financial_loss_eur": 300000,
                  "related_incidents": [{"occurred_at": "2026-03-01T00:00:00Z", "root_cause": "bgp",
                                         "financial_loss_eur": 250000}]}
        want = self.ctx.assess_incident(ent, impact)
        got = self.ctx.assess(ent, impact)
        self.assertEqual(got.significant, want["significant"])
        self.assertEqual(list(got.regime), want["regime"])
        self.assertEqual([(c.ref, c.id, c.text) for c in got.criteria],
                         [(c["ref"], c.get("id"), c["text"]) for c in want["criteria"]])
        self.assertEqual([(u.ref, u.id, list(u.missing)) for u in got.not_decided],
                         [(u["ref"], u["id"], u["missing"]) for u in want["not_decided"]])
        self.assertIn("occurred_at", [m for u in got.not_decided if u.id == "ir.4" for m in u.missing])
        self.assertEqual([(n.ref, n.id, n.text) for n in got.notes],
                         [(n["ref"], n.get("id"), n["text"]) for n in want["notes"]])


def dataclasses_frozen():
    import dataclasses
    return dataclasses.FrozenInstanceError


class BadValues(unittest.TestCase):
    def test_nan_decimal_naive_name_the_field(self):
        ent = {"country": "FR", "activities": []}
        cases = [
            (lambda: nis2.classify({"country": "FR", "activities": [], "employees": float("nan")}), "$.employees"),
            (lambda: nis2.classify({"country": "FR", "activities": [], "turnover_eur": decimal.Decimal("1")}),
             "$.turnover_eur"),
            (lambda: nis2.incident_deadlines(ent, dt.datetime(2026, 5, 4, 9, 30)), "$.aware_at"),
            (lambda: nis2.assess_incident(ent, occurred_at=dt.datetime(2026, 5, 4)), "$.impact.occurred_at"),
            (lambda: nis2.assess_incident(ent, financial_loss_eur=float("inf")), "$.impact.financial_loss_eur"),
            (lambda: nis2.default_context().assess(ent, financial_loss_eur=decimal.Decimal("5")),
             "$.impact.financial_loss_eur"),
            (lambda: nis2.default_context().deadlines(ent, dt.datetime(2026, 5, 4)), "$.aware_at"),
            (lambda: nis2.default_context().assess(ent, unavailable_minutes=float("nan")), "$.impact.unavailable_minutes"),
        ]
        for fn, path in cases:
            with self.assertRaises(nis2.InvalidFieldError) as cm:
                fn()
            self.assertEqual(cm.exception.path, path)
            self.assertIn(path, str(cm.exception))

    def test_batch_errors_carry_the_row(self):
        rows = [{"country": "FR", "activities": []}, {"country": "XX", "activities": []},
                {"country": "FR", "activities": [], "employees": float("nan")}, '{"country": "FR"', b"{}"]
        out = list(nis2.classify_many(rows, errors="return"))
        self.assertIsInstance(out[0], nis2.Result)
        for i in (1, 2, 3, 4):
            self.assertIsInstance(out[i], nis2.Error)
            self.assertEqual(out[i].index, i)
            self.assertIn("row %d" % i, str(out[i]))
        self.assertEqual(out[2].path, "$.employees")
        with self.assertRaises(nis2.UnknownCodeError) as cm:
            list(nis2.classify_many(rows))
        self.assertEqual(cm.exception.index, 1)
        self.assertIsNone(nis2.Error(4, "invalid_field").index)


if __name__ == "__main__":
    unittest.main()
