# SPDX-License-Identifier: Apache-2.0
"""Loading, declarations, versions, capabilities, catalog and the typed entity API."""

import json
import os
import re
import subprocess
import sys
import unittest

import _support
from _support import nis2

from nis2 import _ffi


def exported_symbols():
    with open(os.path.join(_support.SOURCE_ROOT, "lib", "libnis2.map"), encoding="utf-8") as f:
        text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
    syms = set()
    for block in re.findall(r"global:(.*?)(?:local:|\})", text, flags=re.S):
        syms.update(s.strip() for s in block.split(";") if s.strip())
    return syms


class TestLoading(unittest.TestCase):
    def test_abi_and_versions(self):
        self.assertEqual(nis2.abi_version(), 1)
        self.assertRegex(nis2.library_version(), r"^\d+\.\d+\.\d+")
        major, minor, patch = (int(x) for x in nis2.library_version().split(".")[:3])
        self.assertEqual(nis2.library_version_number(), major * 10000 + minor * 100 + patch)
        self.assertRegex(nis2.catalog_version(), r"^\d{4}\.")
        self.assertIsInstance(nis2.__version__, str)

    def test_loaded_what_meson_built(self):
        want = os.environ.get("NIS2_LIBRARY")
        if not want:
            self.skipTest("NIS2_LIBRARY not set")
        self.assertEqual(nis2.library_path(), want)

    def test_every_exported_function_is_declared(self):
        syms = exported_symbols()
        self.assertIn("nis2_classify_json", syms)
        undeclared = sorted(syms - set(_ffi.FUNCTIONS))
        self.assertEqual(undeclared, [], "functions in lib/libnis2.map without argtypes/restype in nis2/_ffi.py")
        lib = _ffi.load()
        for name in syms:
            fn = getattr(lib, name, None)
            self.assertIsNotNone(fn, name + " exported in the map but not bound")
            self.assertIsNotNone(fn.argtypes, name)

    def test_status_names(self):
        self.assertEqual(nis2.status_name(4), "invalid_field")
        self.assertTrue(nis2.strerror(4))
        for status in range(1, 14):
            cls = nis2.errors.error_class(status)
            self.assertTrue(issubclass(cls, nis2.Error))
            self.assertNotEqual(cls, nis2.Error, status)

    def test_bad_library_path_is_a_clear_error(self):
        code = "import nis2\ntry:\n    nis2.library_version()\nexcept nis2.LibraryNotFoundError as e:\n    print(e)\n"
        env = dict(os.environ, NIS2_LIBRARY="/nonexistent/libnis2.so.1")
        r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("NIS2_LIBRARY=/nonexistent/libnis2.so.1", r.stdout)

    def test_import_without_library(self):
        # import works and __version__ is readable even where the library cannot be loaded
        env = dict(os.environ, NIS2_LIBRARY="/nonexistent/libnis2.so.1")
        r = subprocess.run([sys.executable, "-c", "import nis2; print(nis2.__version__)"], env=env,
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_cli_version_agrees(self):
        rc, out, _ = _support.run_cli("--version")
        self.assertEqual(rc, 0)
        self.assertIn("libnis2 %s" % nis2.library_version(), out)
        self.assertIn("catalog %s" % nis2.catalog_version(), out)


class TestCatalog(unittest.TestCase):
    def test_catalog_parts(self):
        ctx = nis2.Context()
        whole = ctx.catalog()
        self.assertEqual(whole["schema"], 1)
        self.assertEqual(whole["catalog_version"], ctx.catalog_version)
        part = ctx.catalog("entity_types")
        self.assertEqual(set(part), {"schema", "entity_types"})
        codes = [t["code"] for t in part["entity_types"]]
        # the typed list also holds the types national overlays add, after the Directive's
        self.assertEqual(list(ctx.entity_types)[:len(codes)], codes)
        self.assertEqual(json.loads(ctx.catalog_json(pretty=True)), whole)
        with self.assertRaises(nis2.NotFoundError):
            ctx.catalog("no_such_part")

    def test_catalog_equals_cli(self):
        rc, out, _ = _support.run_cli("catalog")
        self.assertEqual(rc, 0)
        self.assertEqual(out.rstrip("\n"), nis2.default_context().catalog_json())

    def test_country_in_any_case(self):
        doc = {"country": "de", "activities": ["digital_infrastructure.cloud_provider"], "employees": 120}
        self.assertEqual(nis2.classify(doc).to_dict(), nis2.classify(dict(doc, country="DE")).to_dict())
        self.assertEqual(nis2.classify(dict(doc, country="Pt")).to_dict()["country"], "PT")
        self.assertEqual(nis2.classify(dict(doc, country="el")).to_dict()["country"], "GR")
        with self.assertRaises(nis2.Error) as cm:
            nis2.classify(dict(doc, country="deu"))
        self.assertEqual(cm.exception.path, "$.country")
        self.assertIn("AT, BE, BG", cm.exception.message)       # every Member State code is listed

    def test_context_from_json_and_file(self, tmp=None):
        import tempfile
        text = nis2.default_context().catalog_json()
        with nis2.Context(catalog_json=text) as ctx:
            self.assertEqual(ctx.catalog_json(), text)
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "catalog.json")
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)
            with nis2.Context(p) as ctx:
                self.assertEqual(ctx.catalog_version, nis2.catalog_version())
            first = json.loads(text)["entity_types"][0]
            with open(p, "w", encoding="utf-8") as f:
                json.dump({"schema": 1, "name": "same-first-type", "version": "1", "entity_types": [first]}, f)
            with nis2.Context(p, extend=True) as ctx:       # same code: replaces the entry
                self.assertEqual(ctx.entity_types, nis2.default_context().entity_types)
                self.assertEqual(ctx.extensions, (("same-first-type", "1"),))
                self.assertEqual(ctx.classify({"country": "DE", "activities": [first["code"]]}).to_dict()
                                 ["catalog_extensions"], [{"name": "same-first-type", "version": "1"}])
            self.assertEqual(nis2.default_context().extensions, ())
            with open(p, "w", encoding="utf-8") as f:
                json.dump({"schema": 1, "entity_typos": []}, f)
            with self.assertRaises(nis2.CatalogError) as cm:
                nis2.Context(p, extend=True)
            self.assertEqual(cm.exception.path, "$.entity_typos")
        with self.assertRaises(nis2.ParseError):
            nis2.Context(catalog_json="{not json")
        with self.assertRaises(nis2.FileError) as cm:
            nis2.Context("/nonexistent/catalog.json")
        self.assertEqual(cm.exception.code, "io_error")


class TestEntity(unittest.TestCase):
    def test_builder_equals_json(self):
        doc = {"name": "Rede Elétrica, S.A.", "country": "PT", "activities": ["energy.electricity.dso"],
               "employees": 300, "turnover_eur": 60000000, "balance_sheet_eur": 50000000,
               "previous_period": {"employees": 280}, "flags": {"cer_critical_entity": True,
                                                               "member_state_designation": "essential"}}
        e = nis2.Entity(**doc)
        self.assertEqual(nis2.Entity.from_json(doc).to_dict(), e.to_dict())
        typed = e.classify()
        from_json = nis2.classify(doc)
        self.assertEqual(typed.to_dict(), from_json.to_dict())
        self.assertEqual(typed.to_json(), from_json.to_json())
        # typed getters (C nis2_result_*) agree with the JSON
        for attr in ("category", "category_id", "decided_by", "law", "size_class", "directive", "national",
                     "grounds", "reasons", "missing", "authority", "name", "country"):
            self.assertEqual(getattr(typed, attr), getattr(from_json, attr), attr)
        self.assertEqual(json.loads(typed.to_json(pretty=True)), from_json.to_dict())

    def test_setters(self):
        e = nis2.Entity(country="AT")          # a Member State whose law is not encoded: the Directive's answer
        e.add_activity("digital_infrastructure.cloud_provider").set_figure("employees", 120)
        e.set_figure("turnover_eur", 30e6).set_figure("balance_sheet_eur", 20e6)
        self.assertEqual(e.classify().category, "important")
        e.unset_figure("turnover_eur").unset_figure("balance_sheet_eur").set_figure("employees", 10)
        self.assertEqual(e.to_dict().get("turnover_eur"), None)
        e.set_flag("cer_critical_entity").set_designation(None).set_name("X")
        self.assertEqual(e.classify().decided_by, "NIS2 Art. 3(1)(f)")
        e.clear_activities()
        self.assertEqual(e.to_dict()["activities"], [])
        e.close()
        e.close()
        with self.assertRaises(ValueError):
            e.to_json()

    def test_setter_errors(self):
        e = nis2.Entity()
        with self.assertRaises(nis2.UnknownCodeError):
            e.set_country("XX")
        with self.assertRaises(nis2.UnknownCodeError):
            e.add_activity("no.such.code")
        with self.assertRaises(nis2.InvalidFieldError):
            e.set_figure("employees", -1)
        with self.assertRaises(nis2.InvalidFieldError):
            e.set_figure("employees", float("nan"))
        with self.assertRaises(ValueError):
            e.set_flag("no_such_flag")
        with self.assertRaises(ValueError):
            e.set_figure("no_such_figure", 1)
        with self.assertRaises(nis2.InvalidArgumentError):
            e.set_flag(999)
        with self.assertRaises(nis2.MissingFieldError):
            e.classify()           # no country
        with self.assertRaises(nis2.Error):
            e.set_national("AT", {"anything": True})   # no overlay for AT: no national facts


if __name__ == "__main__":
    unittest.main()
