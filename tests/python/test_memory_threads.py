# SPDX-License-Identifier: Apache-2.0
"""Ownership (results outlive their context, everything freed once) and one context shared by many threads."""

import gc
import os
import sys
import threading
import unittest
from concurrent.futures import ThreadPoolExecutor

import _support
from _support import nis2

DOC = {"name": "Rechenzentrum Nord GmbH", "country": "DE",
       "activities": ["digital_infrastructure.data_centre_provider"],
       "employees": 320, "turnover_eur": 70000000, "balance_sheet_eur": 52000000}


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class TestOwnership(unittest.TestCase):
    def test_results_outlive_context(self):
        ctx = nis2.Context()
        json_backed = ctx.classify(DOC)
        typed = ctx.classify(nis2.Entity(ctx, **DOC))
        batch = list(ctx.classify_many([DOC, DOC]))
        entity = nis2.Entity.from_json(DOC, ctx)
        want = json_backed.to_dict()
        ctx.close()
        ctx.close()                       # idempotent
        self.assertTrue(ctx.closed)
        del ctx
        gc.collect()
        self.assertEqual(json_backed.to_dict(), want)
        self.assertEqual(typed.to_dict(), want)          # C result keeps the C context alive
        self.assertEqual(typed.reasons, json_backed.reasons)
        self.assertEqual([r.to_dict() for r in batch], [want, want])
        self.assertEqual(entity.to_dict()["country"], "DE")   # so does an entity

    def test_closed_context_refuses_work(self):
        ctx = nis2.Context()
        gen = ctx.classify_many([DOC, DOC])
        self.assertEqual(next(gen).category, "essential")
        ctx.close()
        for call in (lambda: ctx.classify(DOC), lambda: ctx.catalog(), lambda: ctx.catalog_version,
                     lambda: nis2.Entity(ctx), lambda: ctx.classify_many([DOC]), lambda: next(gen)):
            with self.assertRaises(ValueError):
                call()
        self.assertIn("closed", repr(ctx))

    def test_context_manager(self):
        with nis2.Context() as ctx:
            r = ctx.classify(DOC)
        self.assertTrue(ctx.closed)
        self.assertEqual(r.category, "essential")

    def test_result_is_immutable_view(self):
        r = nis2.classify(DOC)
        d = r.to_dict()
        d["category"] = "changed"
        self.assertEqual(r.to_dict()["category"], "essential")
        with self.assertRaises(TypeError):
            nis2.Result()

    @unittest.skipUnless(sys.platform.startswith("linux"), "reads /proc")
    def test_no_leak_over_many_calls(self):
        # every owned string, result, entity and context is freed: memory stays flat over many calls
        ctx = nis2.Context()
        e = nis2.Entity(ctx, **DOC)

        def work(n):
            for _ in range(n):
                ctx.classify(DOC)
                ctx.classify(e).to_json()
                e.to_json()
                try:
                    ctx.classify({"country": "XX"})
                except nis2.Error:
                    pass
            for _ in nis2.classify_many([DOC] * n, errors="return"):
                pass
            with nis2.Context():
                pass
            gc.collect()

        work(2000)                       # warm up allocator and caches
        before = rss_kib()
        work(4000)
        grown = rss_kib() - before
        self.assertLess(grown, 8 * 1024, "RSS grew by %d KiB over 4000 rounds" % grown)


class TestThreads(unittest.TestCase):
    def test_shared_context(self):
        cases = _support.load_cases("classification.json")
        docs = [c["entity"] for c in cases]
        ctx = nis2.Context()
        serial = [ctx.classify(d).to_json() for d in docs]
        barrier = threading.Barrier(8)

        def job(k):
            barrier.wait()
            out = []
            for i, d in enumerate(docs):
                if (i + k) % 3 == 0:
                    out.append((i, ctx.classify(nis2.Entity.from_json(d, ctx)).to_json()))
                else:
                    out.append((i, ctx.classify(d).to_json()))
                if i % 50 == k:          # errors on some threads, interleaved with successes on others
                    with self.assertRaises(nis2.UnknownCodeError) as cm:
                        ctx.classify(dict(d, country="XX"))
                    self.assertEqual(cm.exception.path, "$.country")
            batch = [r.to_json() for r in ctx.classify_many(docs)]
            return out, batch

        with ThreadPoolExecutor(max_workers=8) as pool:
            for out, batch in pool.map(job, range(8)):
                self.assertEqual([s for _, s in out], serial)
                self.assertEqual(batch, serial)

    def test_default_context_is_shared(self):
        with ThreadPoolExecutor(max_workers=4) as pool:
            ctxs = list(pool.map(lambda _: nis2.default_context(), range(16)))
        self.assertTrue(all(c is ctxs[0] for c in ctxs))

    def test_result_read_from_threads(self):
        ctx = nis2.Context()
        r = ctx.classify(nis2.Entity(ctx, **DOC))          # C-backed result
        ctx.close()
        gc.collect()
        with ThreadPoolExecutor(max_workers=6) as pool:
            seen = set(pool.map(lambda _: (r.category, r.directive.grounds, r.reasons, r.to_json()), range(300)))
        self.assertEqual(len(seen), 1)


if __name__ == "__main__":
    unittest.main()
