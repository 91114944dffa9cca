# SPDX-License-Identifier: Apache-2.0
"""The typed gap report of the Python binding (nis2/gap.py over include/nis2/gap.h): the dataclasses agree with
the report's JSON, the ISMS builder gives the report the document gives, every setter names its field."""

import dataclasses
import datetime as dt
import glob
import json
import os
import unittest

from _support import SOURCE_ROOT, nis2

EXAMPLES = sorted(glob.glob(os.path.join(SOURCE_ROOT, "examples", "data", "isms-*.json")))
CLOUD_FR = {"country": "FR", "activities": ["digital_infrastructure.cloud_provider"], "employees": 300,
            "turnover_eur": 60e6}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def build(doc):
    """The ISMS of a gap-report input document (lib/schema/FORMATS.md §gap-report) through the builder only."""
    i = nis2.Isms(doc["entity"], as_of=doc["as_of"])
    for s in doc.get("soa") or ():
        i.add_soa(s["control"], s.get("status"), applicable=s.get("applicable", True),
                  justification=s.get("justification"))
    c = doc.get("certificate")
    if c:
        i.set_certificate(c["standard"], c["valid_until"], c["scope_covers_nis2_services"], issued=c.get("issued"),
                          certification_body=c.get("certification_body"))
    for e in doc.get("evidence") or ():
        i.add_evidence(e["id"], dated=e["dated"], controls=e.get("controls") or (),
                       obligations=e.get("obligations") or (), title=e.get("title"), valid_until=e.get("valid_until"))
    mb = doc.get("management_body") or {}
    if mb.get("security_reporter"):
        i.set_security_reporter(mb["security_reporter"])
    for m in mb.get("members") or ():
        i.add_member(m["id"], role=m.get("role"), trained_on=m.get("trained_on"))
    for a in mb.get("approvals") or ():
        i.add_approval(a["what"], a["date"], a.get("evidence") or ())
    for o in mb.get("oversight") or ():
        i.add_oversight(o["what"], o["date"], o.get("evidence") or ())
    for r in doc.get("risks") or ():
        d = r.get("decision") or {}
        i.add_risk(r["id"], r["title"], r["level"], r["treatment"], assessed_on=r.get("assessed_on"),
                   controls=r.get("controls") or (), obligations=r.get("obligations") or (), decided_by=d.get("by"),
                   decision_date=d.get("date"), review_by=d.get("review_by"), evidence=r.get("evidence") or ())
    for s in doc.get("suppliers") or ():
        i.add_supplier(s["id"], s["name"], s["service"], s["critical"], contact=s.get("contact"),
                       assessed_on=s.get("assessed_on"), next_assessment=s.get("next_assessment"),
                       contract_clauses=s.get("contract_clauses") or (), certifications=s.get("certifications") or (),
                       evidence=s.get("evidence") or ())
    return i


class TypedGapReport(unittest.TestCase):
    def setUp(self):
        self.ctx = nis2.default_context()
        if not hasattr(self.ctx._lib, "nis2_isms_new"):
            self.skipTest("the loaded libnis2 has no typed gap report")

    def test_examples_exist(self):
        self.assertGreaterEqual(len(EXAMPLES), 2)

    def test_dataclasses_agree_with_the_json(self):
        for path in EXAMPLES:
            with self.subTest(path=os.path.basename(path)):
                doc = load(path)
                want = self.ctx.gap_report(doc)
                rep = nis2.gap_report_typed(doc)
                self.assertEqual(rep.as_of, want["as_of"])
                self.assertEqual(rep.category, want["entity"]["category"])
                self.assertEqual(rep.law, want["entity"]["law"])
                self.assertEqual(rep.ir_2024_2690, want["entity"]["ir_2024_2690"])
                s = want["summary"]
                self.assertEqual(dataclasses.asdict(rep.summary), {k: s[k] for k in dataclasses.asdict(rep.summary)})
                cert = want["certificate"] or {}
                self.assertEqual((rep.certificate_status, rep.certificate_counts),
                                 (cert.get("status"), cert.get("counts", False)))
                self.assertEqual([(x.id, x.reason) for x in rep.stale_evidence],
                                 [(x["id"], x["reason"]) for x in want["stale_evidence"]])
                self.assertEqual([(m.id, m.ref, m.title, m.status, m.controls, m.supported, m.partly_supported)
                                  for m in rep.measures],
                                 [(m["id"], m["ref"], m["title"], m["status"], m["controls"],
                                   m["controls_supported"], m["controls_partly_supported"]) for m in s["measures"]])
                self.assertEqual(len(rep.duties), len(want["obligations"]))
                for d, o in zip(rep.duties, want["obligations"]):
                    self.assertEqual((d.id, d.ref, d.title, d.group, d.nature, d.status, d.binds, d.nis2_specific),
                                     (o["id"], o["ref"], o["title"], o["group"], o["nature"], o["status"], o["binds"],
                                      o["nis2_specific"]))
                    self.assertEqual((d.reason, d.applies_because), (o.get("reason"), o.get("applies_because")))
                    self.assertEqual((list(d.open), list(d.evidence), list(d.stale_evidence)),
                                     (o["open"], o["evidence"], o["stale_evidence"]))
                self.assertEqual([q.id for q in rep.questions], list(nis2.gap.QUESTION_IDS))
                for q, o in zip(rep.questions, want["questions"]):
                    self.assertEqual((q.id, q.question, q.status, q.answer),
                                     (o["id"], o["question"], o["status"], o["answer"]))
                    self.assertEqual([f.action for f in q.findings], o["actions"])
                    for f, fo in zip(q.findings, o["findings"]):
                        self.assertEqual((f.provision, f.text, list(f.ids), f.open, f.weight, f.due, f.rank),
                                         (fo["provision"], fo["text"], fo["ids"], fo["open"], fo["weight"], fo["due"],
                                          fo["action_rank"]))
                self.assertEqual(len(rep.actions), len(want["actions"]))
                for a, ao in zip(rep.actions, want["actions"]):
                    self.assertEqual((a.rank, a.question, a.weight, a.due, a.provision, a.action, a.finding,
                                      list(a.ids)),
                                     (ao["rank"], ao["question"], ao["weight"], ao["due"], ao["provision"],
                                      ao["action"], ao["finding"], ao["ids"]))
                self.assertEqual(rep.question("supply_chain"), rep.questions[6])
                self.assertEqual(rep.duty(rep.duties[0].id), rep.duties[0])
                with self.assertRaises(KeyError):
                    rep.duty("nis2.no_such_duty")

    def test_builder_gives_the_documents_report_in_every_format(self):
        for path in EXAMPLES:
            with self.subTest(path=os.path.basename(path)):
                doc = load(path)
                isms = build(doc)
                rep = isms.report()
                for fmt in ("json", "text", "html", "csv"):
                    self.assertEqual(rep.render(fmt), self.ctx.gap_report_render(doc, fmt), fmt)
                self.assertEqual(json.loads(rep.render("json", pretty=True)), self.ctx.gap_report(doc))
                # OSCAL also carries what the input says of each evidence item: the builder's is its own document
                own = json.loads(isms.to_json())
                self.assertEqual(rep.render("oscal"), self.ctx.gap_report_render(own, "oscal"))
                self.assertEqual(json.loads(rep.render("oscal", pretty=True)), self.ctx.gap_report_oscal(own))
                whole = nis2.gap_report_typed(doc)
                self.assertEqual(json.loads(whole.render("oscal")), self.ctx.gap_report_oscal(doc))
                self.assertEqual(rep, nis2.gap_report_typed(doc))   # dataclass equality, handle not compared
                with self.assertRaises(ValueError):
                    rep.render("pdf")

    def test_results_are_read_only(self):
        rep = nis2.Isms(CLOUD_FR, as_of=dt.date(2026, 11, 28)).report()
        self.assertIsNone(rep.certificate_status)
        self.assertFalse(rep.certificate_counts)
        with self.assertRaises(dataclasses.FrozenInstanceError):
            rep.category = "important"
        with self.assertRaises(dataclasses.FrozenInstanceError):
            rep.questions[0].status = "open"
        self.assertIsInstance(rep.duties, tuple)
        self.assertEqual(rep.as_of, "2026-11-28")

    def test_typed_records_reach_their_questions(self):
        i = nis2.Isms(nis2.Entity(**CLOUD_FR), as_of="2026-11-28")
        i.add_member("MB-1", role="CEO")
        i.add_risk("R-1", "Ransomware", "critical", "accept", assessed_on="2026-06-01", decided_by="ciso",
                   decision_date="2026-06-02")
        i.add_supplier("S-1", "Hoster", "hosting", True)
        rep = i.report()
        self.assertEqual(rep.category, "essential")
        mgmt = rep.question("management_accountability")
        self.assertTrue(any("MB-1" in f.ids and "20(2)" in f.provision for f in mgmt.findings))
        risk = [f for f in rep.question("risk_decisions").findings if "R-1" in f.ids]
        self.assertTrue(risk and risk[0].weight == "accountability")
        self.assertTrue(any("S-1" in f.ids for f in rep.question("supply_chain").findings))
        self.assertEqual([a.rank for a in rep.actions], list(range(1, len(rep.actions) + 1)))
        weights = [nis2.gap.WEIGHTS.index(a.weight) for a in rep.actions]
        self.assertEqual(weights, sorted(weights))

    def test_every_setter_names_its_field(self):
        cases = [
            (lambda i: i.add_soa("A.9.99", "implemented"), nis2.UnknownCodeError, "$.soa[0].control"),
            (lambda i: i.add_soa("A.5.24"), nis2.MissingFieldError, "$.soa[0].status"),
            (lambda i: i.add_soa("9.3", applicable=False), nis2.InvalidFieldError, "$.soa[0].applicable"),
            (lambda i: i.set_certificate("ISO/IEC 27001:2022", "2027-02-30", True), nis2.InvalidFieldError,
             "$.certificate.valid_until"),
            (lambda i: i.add_evidence("EV-1", dated="2026-01-01"), nis2.InvalidFieldError, "$.evidence[0]"),
            (lambda i: i.add_evidence("EV-1", dated="2026-01-01", controls=["A.8.35"]), nis2.UnknownCodeError,
             "$.evidence[0].controls[0]"),
            (lambda i: i.add_evidence("", dated="2026-01-01", controls=["A.5.24"]), nis2.InvalidFieldError,
             "$.evidence[0].id"),
            (lambda i: i.set_security_reporter(""), nis2.InvalidFieldError, "$.management_body.security_reporter"),
            (lambda i: i.add_member("MB-1", trained_on="2026-02-29"), nis2.InvalidFieldError,
             "$.management_body.members[0].trained_on"),
            (lambda i: i.add_approval("everything", "2026-01-01"), nis2.InvalidFieldError,
             "$.management_body.approvals[0].what"),
            (lambda i: i.add_oversight("review", "2026-01-01", ["EV-404"]), nis2.UnknownCodeError,
             "$.management_body.oversight[0].evidence[0]"),
            (lambda i: i.add_risk("R-1", "t", "severe", "accept"), nis2.InvalidFieldError, "$.risks[0].level"),
            (lambda i: i.add_risk("R-1", "t", "high", "accept", decided_by="management_body",
                                  decision_date="2026-06-01", review_by="2026-05-01"), nis2.InvalidFieldError,
             "$.risks[0].decision.review_by"),
            (lambda i: i.add_supplier("S-1", "n", "s", True, contract_clauses=["free_lunch"]),
             nis2.InvalidFieldError, "$.suppliers[0].contract_clauses[0]"),
        ]
        for k, (call, cls, path) in enumerate(cases):
            with self.subTest(case=k, path=path):
                i = nis2.Isms(CLOUD_FR, as_of="2026-11-28")
                with self.assertRaises(cls) as cm:
                    call(i)
                self.assertEqual(cm.exception.path, path)
                self.assertIn(path, str(cm.exception))

    def test_a_rejected_entry_is_not_added(self):
        i = nis2.Isms(CLOUD_FR, as_of="2026-11-28")
        with self.assertRaises(nis2.InvalidFieldError):
            i.add_soa("A.5.24", "done")
        i.add_soa("A.5.24", "implemented")
        with self.assertRaises(nis2.InvalidFieldError) as cm:
            i.add_soa("A.5.24", "partial")
        self.assertEqual(cm.exception.path, "$.soa[1].control")
        self.assertEqual(len(json.loads(i.to_json())["soa"]), 1)

    def test_argument_types(self):
        with self.assertRaises(TypeError):
            nis2.Isms(CLOUD_FR, as_of=dt.datetime(2026, 11, 28, 12, 0))    # a datetime is not a date
        with self.assertRaises(nis2.InvalidFieldError) as cm:
            nis2.Isms(CLOUD_FR, as_of="28.11.2026")
        self.assertEqual(cm.exception.path, "$.as_of")
        i = nis2.Isms(CLOUD_FR, as_of="2026-11-28")
        with self.assertRaises(TypeError):
            i.add_soa("A.5.24", "implemented", applicable=1)
        with self.assertRaises(TypeError):
            i.add_supplier("S-1", "n", "s", "yes")


if __name__ == "__main__":
    unittest.main()
