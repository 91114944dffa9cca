# SPDX-License-Identifier: Apache-2.0
"""Obligations, incidents and the gap report: bound when the library has them, same JSON as the CLI."""

import json
import os
import unittest

import _support
from _support import nis2

HOSPITAL = {"schema": 1, "name": "Klinikum Beispiel", "country": "DE", "activities": ["health.healthcare_provider"],
            "employees": 1200, "turnover_eur": 95000000, "balance_sheet_eur": 80000000}

# capability -> (CLI command words, a sample input document)
SAMPLES = {
    "obligations": (["obligations"], HOSPITAL),
    "incident_deadlines": (["incident", "deadlines"],
                           {"schema": 1, "entity": HOSPITAL, "aware_at": "2026-05-04T09:30:00+01:00"}),
    "assess_incident": (["incident", "assess"],
                        {"schema": 1, "entity": HOSPITAL,
                         "impact": {"occurred_at": "2026-05-04T09:00:00Z", "financial_loss_eur": 600000,
                                    "turnover_prev_fy_eur": 95000000}}),
    "gap_report": (["gap"], {"schema": 1, "entity": HOSPITAL, "as_of": "2026-11-28",
                             "soa": [{"control": "A.5.24", "applicable": True, "status": "implemented"}],
                             "evidence": []}),
}


class TestCapabilities(unittest.TestCase):
    def test_known_capabilities(self):
        caps = nis2.capabilities()
        self.assertTrue(caps["classify"])
        self.assertEqual(set(caps), {"classify", *SAMPLES})

    def test_each_capability(self):
        ctx = nis2.Context()
        for op, (words, doc) in SAMPLES.items():
            with self.subTest(op=op):
                if not ctx.capabilities()[op]:
                    with self.assertRaises(nis2.UnsupportedError):
                        ctx.run_json(op, doc)
                    continue
                try:
                    text = ctx.run_json(op, doc)
                except nis2.Error as e:
                    text, err = None, e
                if text is not None:
                    self.assertEqual(json.loads(text)["schema"], 1)
                # the Pythonic method gives the same document
                method = getattr(ctx, op)
                if text is not None:
                    self.assertEqual(method(doc), json.loads(text))
                # same answer as the CLI, when the CLI has the command
                if not _support.CLI:
                    continue
                rc, out, errout = _support.run_cli(*words, "-", stdin=json.dumps(doc))
                if rc == 2:
                    continue                      # this CLI does not know the command yet
                if text is not None:
                    self.assertEqual(rc, 0, errout)
                    self.assertEqual(out.rstrip("\n"), text)
                else:
                    self.assertEqual(json.loads(errout), err.to_dict())

    def test_argument_forms(self):
        ctx = nis2.Context()
        caps = ctx.capabilities()
        if caps["obligations"]:
            self.assertEqual(ctx.obligations(HOSPITAL), ctx.obligations(nis2.Entity(ctx, **{
                k: v for k, v in HOSPITAL.items() if k != "schema"})))
            self.assertEqual(nis2.obligations(json.dumps(HOSPITAL)), ctx.obligations(HOSPITAL))
        if caps["incident_deadlines"]:
            import datetime as dt
            aware = dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
            self.assertEqual(ctx.incident_deadlines(HOSPITAL, aware),
                             ctx.incident_deadlines(SAMPLES["incident_deadlines"][1]))
        if caps["assess_incident"]:
            impact = SAMPLES["assess_incident"][1]["impact"]
            try:
                want = ctx.assess_incident(SAMPLES["assess_incident"][1])
            except nis2.Error:
                want = None
            if want is not None:
                self.assertEqual(ctx.assess_incident(HOSPITAL, impact), want)
                self.assertEqual(ctx.assess_incident(HOSPITAL, **impact), want)
        if caps["gap_report"]:
            d = SAMPLES["gap_report"][1]
            try:
                want = ctx.gap_report(d)
            except nis2.Error:
                want = None
            if want is not None:
                self.assertEqual(ctx.gap_report(HOSPITAL, as_of=d["as_of"], soa=d["soa"], evidence=[]), want)
                # questions 5-7 from the ISMS records, through keyword arguments and as CSV
                risks = [{"id": "R-1", "title": "t", "level": "critical", "treatment": "accept"}]
                rep = ctx.gap_report(HOSPITAL, as_of=d["as_of"], soa=d["soa"], risks=risks)
                self.assertEqual([q["id"] for q in rep["questions"]][5], "risk_decisions")
                self.assertIn("R-1", [f["ids"][0] for f in rep["questions"][5]["findings"] if f["ids"]])
                doc = dict(d, risks=risks)
                csv_text = ctx.gap_report_render(doc, "csv")
                self.assertTrue(csv_text.startswith("rank,weight,question,provision,action,finding,concerns,due\r\n"))
                self.assertEqual(csv_text.count("\r\n"), len(ctx.gap_report(doc)["actions"]) + 1)


if __name__ == "__main__":
    unittest.main()
