#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The nis2 command line as a user meets it: help for the program and every command, the manual nis2(1), file
errors that name the file and the system's reason, complete lists in usage errors, catalog extensions and
country codes in any case.

Usage: check_cli.py NIS2 SOURCE_ROOT BUILD_ROOT
The commands are read from `nis2 --help` (the program's own table), so a new command is checked without an edit
here. Standard library only; groff, when installed, checks that the manual renders without warnings.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

NIS2 = ROOT = BUILD = None


def run(*args, stdin=None, cwd=None):
    p = subprocess.run([NIS2] + list(args), input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd or ROOT)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def commands():
    rc, out, _ = run("--help")
    assert rc == 0
    section = out.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0]
    return [re.split(r"\s{2,}", line.strip())[0] for line in section.splitlines() if line.strip()]


def error_object(text):
    line = text.strip().splitlines()[-1]
    return json.loads(line)["error"]


ENTITY = {"country": "DE", "activities": ["digital_infrastructure.cloud_provider"], "employees": 120}


class TestHelp(unittest.TestCase):
    def test_program_help(self):
        for flag in ("--help", "-h"):
            rc, out, err = run(flag)
            self.assertEqual((rc, err), (0, ""))
            for part in ("usage: nis2", "Commands:", "Global options", "--catalog FILE", "--catalog-extend FILE",
                         "Exit codes:", "Example:", "nis2(1)"):
                self.assertIn(part, out, flag)
        self.assertEqual(run("help")[1], run("--help")[1])
        # the commands the table gives, two-word ones included (others may be added after them)
        for cmd in ("classify", "obligations", "gap", "incident deadlines", "incident assess", "catalog"):
            self.assertIn(cmd, commands())
        # and each is in the usage lines
        for cmd in commands():
            self.assertRegex(out, r"\n  nis2 %s( |\n)" % re.escape(cmd))

    def test_every_command_has_help(self):
        for cmd in commands():
            words = cmd.split()
            for form in (words + ["--help"], words + ["-h"], ["help"] + words, words + ["x.json", "--help"]):
                with self.subTest(form=form):
                    rc, out, err = run(*form)
                    self.assertEqual((rc, err), (0, ""), form)
                    self.assertTrue(out.startswith("usage: nis2 [--catalog FILE | --catalog-extend FILE] " + cmd),
                                    out[:120])
                    for part in ("Options:", "--help", "Exit codes:", "  0  success", "  1  ", "  2  ", "  3  ",
                                 "Example:\n  nis2 " + cmd):
                        self.assertIn(part, out, form)
            # every option of the synopsis is explained under Options
            rc, out, _ = run(*words, "--help")
            synopsis = out.splitlines()[0].split("] " + cmd, 1)[1]      # after the global options
            options = out.split("Options:\n", 1)[1].split("\n\n", 1)[0]
            for opt in re.findall(r"\[(--[a-z-]+)", synopsis):
                self.assertIn("  " + opt, options, (cmd, opt))

    def test_every_example_runs(self):
        for cmd in commands():
            rc, out, _ = run(*cmd.split(), "--help")
            example = out.split("Example:\n", 1)[1].splitlines()[0].strip()
            args = example.split()[1:]
            with self.subTest(example=example):
                rc, out, err = run(*args)
                self.assertEqual((rc, err), (0, ""), example)
                self.assertTrue(out.strip())

    def test_group_help(self):
        rc, out, err = run("incident", "--help")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("incident deadlines", out)
        self.assertIn("incident assess", out)
        rc, out, err = run("incident")
        self.assertEqual(rc, 2)
        self.assertIn("incident deadlines", err)

    def test_help_needs_no_catalog(self):
        # the help is printed before the catalog is read: a missing catalog does not hide it
        rc, out, err = run("--catalog", "/nonexistent/c.json", "classify", "--help")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("usage:", out)

    def test_catalog_parts_are_listed_completely(self):
        rc, _, err = run("catalog", "--part", "nonsense")
        self.assertEqual(rc, 2)
        listed = err.split("expected ", 1)[1].rsplit(")", 1)[0]
        parts = re.split(r", | or ", listed)
        self.assertGreaterEqual(len(parts), 11)
        self.assertIn("changes", parts)
        rc, out, _ = run("catalog", "--help")
        helped = out.split("--part PART", 1)[1].split("one of:", 1)[1].split("\n  -", 1)[0]
        self.assertEqual(re.split(r",\s+|\s+or\s+", " ".join(helped.split())), parts)
        for part in parts:
            rc, out, err = run("catalog", "--part", part)
            self.assertEqual((rc, err), (0, ""), part)
            self.assertIn(part, json.loads(out))


class TestUsageErrors(unittest.TestCase):
    def test_unknown_command_lists_every_command(self):
        for args in (["frobnicate"], ["incident", "frob"], ["help", "frob"]):
            rc, out, err = run(*args)
            self.assertEqual(rc, 2, args)
            for cmd in commands():
                self.assertIn("'%s'" % cmd, err, args)

    def test_unknown_option_points_to_help(self):
        for cmd in commands():
            rc, _, err = run(*cmd.split(), "--bogus")
            self.assertEqual(rc, 2)
            self.assertIn("'--bogus'", err)
            self.assertIn("nis2 %s --help" % cmd, err)

    def test_gap_format_lists_all(self):
        rc, _, err = run("gap", "--format", "pdf", "examples/data/isms-example.json")
        self.assertEqual(rc, 2)
        for f in ("json", "text", "html", "csv"):
            self.assertIn(f, err)

    def test_missing_catalog_file_argument(self):
        rc, _, err = run("--catalog")
        self.assertEqual(rc, 2)
        self.assertIn("--catalog needs a FILE", err)


class TestFileErrors(unittest.TestCase):
    def check(self, args, rc_want, file, reason, stdin=None):
        rc, out, err = run(*args, stdin=stdin)
        self.assertEqual(rc, rc_want, err)
        e = error_object(err)
        self.assertEqual(e["code"], "io_error")
        self.assertEqual(e["file"], file)
        self.assertIn(file if file != "-" else "standard", e["message"])
        self.assertIn(reason, e["message"])

    def test_missing_and_unreadable_inputs(self):
        with tempfile.TemporaryDirectory() as d:
            missing = os.path.join(d, "absent.json")
            for cmd in commands():
                if "[FILE|-]" not in run(*cmd.split(), "--help")[1].splitlines()[0]:
                    continue                 # catalog, export: no input file
                self.check(cmd.split() + [missing], 1, missing, "No such file or directory")
                self.check(cmd.split() + [d], 1, d, "Is a directory")
            self.check(["classify", "--ndjson", missing], 1, missing, "No such file or directory")
            if os.geteuid() != 0:            # root reads any file
                locked = os.path.join(d, "locked.json")
                with open(locked, "w") as f:
                    json.dump(ENTITY, f)
                os.chmod(locked, 0)
                self.check(["classify", locked], 1, locked, "Permission denied")

    def test_catalog_files(self):
        with tempfile.TemporaryDirectory() as d:
            missing = os.path.join(d, "catalog.json")
            for flag in ("--catalog", "--catalog-extend"):
                self.check([flag, missing, "classify"], 3, missing, "No such file or directory", stdin="{}")
            # a catalog error names the file it is in
            bad = os.path.join(d, "bad.json")
            with open(bad, "w") as f:
                f.write("{\"name\": \"x\", \"version\": \"1\", \"entity_types\": [")
            rc, _, err = run("--catalog-extend", bad, "classify", stdin=json.dumps(ENTITY))
            self.assertEqual(rc, 3)
            e = error_object(err)
            self.assertEqual((e["code"], e["file"]), ("parse_error", bad))

    def test_file_errors_match_the_error_schema(self):
        py = "/usr/bin/python3"                  # Debian's, with python3-jsonschema (.ci/install-deps)
        if not os.path.exists(py) or subprocess.run([py, "-c", "import jsonschema"]).returncode:
            self.skipTest("no python3-jsonschema")
        errs = []
        with tempfile.TemporaryDirectory() as d:
            for args in (["classify", os.path.join(d, "absent.json")], ["classify", d],
                         ["--catalog-extend", os.path.join(d, "c.json"), "classify"]):
                errs.append(error_object(run(*args, stdin="{}")[2]))
        code = ("import json, sys, jsonschema\n"
                "s = json.load(open(sys.argv[1]))\n"
                "for e in json.load(sys.stdin): jsonschema.validate({'error': e}, s)\n")
        p = subprocess.run([py, "-c", code, os.path.join(ROOT, "lib", "schema", "error.schema.json")],
                           input=json.dumps(errs).encode(), stderr=subprocess.PIPE)
        self.assertEqual(p.returncode, 0, p.stderr.decode()[-500:])
        self.assertTrue(all("file" in e for e in errs))

    def test_unwritable_output(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        with open("/dev/full", "wb") as full:
            p = subprocess.run([NIS2, "catalog"], stdout=full, stderr=subprocess.PIPE, cwd=ROOT)
        self.assertEqual(p.returncode, 3)
        e = error_object(p.stderr.decode("utf-8"))
        self.assertEqual(e["code"], "io_error")
        self.assertIn("No space left on device", e["message"])


class TestCatalogExtensions(unittest.TestCase):
    def test_extension_is_reported_only_when_loaded(self):
        with tempfile.TemporaryDirectory() as d:
            ext = os.path.join(d, "ext.json")
            with open(ext, "w") as f:
                json.dump({"name": "acme-map", "version": "3.1", "x_owner": "ACME",
                           "entity_types": [{"code": "acme.widgets", "annex": "II", "sector": "Manufacturing",
                                             "label": "Widgets", "ref": "ACME 1", "role": "generic"}]}, f)
            doc = json.dumps(ENTITY)
            rc, plain, _ = run("classify", stdin=doc)
            self.assertEqual(rc, 0)
            self.assertNotIn("catalog_extensions", plain)
            for cmd in (["classify"], ["obligations"]):
                rc, out, err = run("--catalog-extend", ext, *cmd, stdin=doc)
                self.assertEqual((rc, err), (0, ""))
                v = json.loads(out)
                self.assertEqual(v["catalog_extensions"], [{"name": "acme-map", "version": "3.1"}])
                keys = list(v)
                self.assertEqual(keys[keys.index("catalog_version") + 1], "catalog_extensions")
            rc, out, _ = run("--catalog-extend", ext, "catalog", "--part", "catalog_extensions")
            self.assertEqual(json.loads(out)["catalog_extensions"], [{"name": "acme-map", "version": "3.1"}])

    def test_bad_extensions_are_refused(self):
        cases = [
            ({"schema": 1, "entity_typos": []}, "$.entity_typos"),
            (ENTITY, "$.country"),                                      # an entity document
            ({"entity_types": []}, "$.name"),
            ({"name": "n", "entity_types": []}, "$.version"),
            ({"name": "n", "version": "1", "catalog_version": "9"}, "$.catalog_version"),
        ]
        with tempfile.TemporaryDirectory() as d:
            for doc, path in cases:
                ext = os.path.join(d, "ext.json")
                with open(ext, "w") as f:
                    json.dump(doc, f)
                rc, out, err = run("--catalog-extend", ext, "classify", stdin=json.dumps(ENTITY))
                self.assertEqual(rc, 3, doc)
                self.assertEqual(out, "")
                e = error_object(err)
                self.assertEqual((e["code"], e["path"], e["file"]), ("catalog_error", path, ext), doc)

    def test_changes_part(self):
        rc, out, err = run("catalog", "--part", "changes")
        self.assertEqual((rc, err), (0, ""))
        changes = json.loads(out)["changes"]
        rc, out, _ = run("--version")
        self.assertIn("catalog %s)" % changes[0]["version"], out)
        for c in changes:
            self.assertEqual(sorted(c), ["changes", "date", "refs", "version"])


class TestCountryCodes(unittest.TestCase):
    def test_any_case_is_the_same_answer(self):
        rc, want, _ = run("classify", stdin=json.dumps(ENTITY))
        self.assertEqual(rc, 0)
        for cc in ("de", "De", "dE"):
            rc, out, err = run("classify", stdin=json.dumps(dict(ENTITY, country=cc)))
            self.assertEqual((rc, err, out), (0, "", want), cc)
        for cc in ("el", "EL", "gr"):
            rc, out, _ = run("classify", stdin=json.dumps(dict(ENTITY, country=cc)))
            self.assertEqual((rc, json.loads(out)["country"]), (0, "GR"), cc)
        rc, out, _ = run("classify", "--ndjson", stdin="\n".join(json.dumps(dict(ENTITY, country=c))
                                                               for c in ("pt", "PT")) + "\n")
        a, b = out.splitlines()
        self.assertEqual(a, b)

    def test_country_options_in_any_case(self):
        if "export" not in commands():
            self.skipTest("no export command")
        for fmt in ("oscal-catalog", "ciso-assistant"):
            rc, want, err = run("export", "--format", fmt, "--part", "PT")
            self.assertEqual((rc, err), (0, ""))
            for cc in ("pt", "Pt"):
                self.assertEqual(run("export", "--format", fmt, "--part", cc), (0, want, ""), (fmt, cc))


class TestManual(unittest.TestCase):
    MAN = None

    @classmethod
    def setUpClass(cls):
        with open(os.path.join(ROOT, "examples", "nis2.1"), encoding="utf-8") as f:
            cls.MAN = f.read()

    def test_lists_every_command(self):
        sections = re.findall(r'^\.SS "?([^"\n]+?)"?$', self.MAN, flags=re.M)
        self.assertEqual(sections, commands())
        synopsis = self.MAN.split(".SH SYNOPSIS", 1)[1].split(".SH DESCRIPTION", 1)[0]
        for cmd in commands():
            self.assertIn(".B nis2 %s\n" % cmd, synopsis)

    def test_lists_every_catalog_part_and_exit_code(self):
        rc, _, err = run("catalog", "--part", "nonsense")
        for part in re.split(r", | or ", err.split("expected ", 1)[1].rsplit(")", 1)[0]):
            self.assertIn(part, self.MAN)
        status = self.MAN.split(".SH EXIT STATUS", 1)[1].split(".SH", 1)[0]
        for code in ("0", "1", "2", "3"):
            self.assertIn(".B %s\n" % code, status)

    def test_renders_without_warnings(self):
        groff = shutil.which("groff")
        if not groff:
            self.skipTest("groff is not installed")
        p = subprocess.run([groff, "-man", "-ww", "-z", "-Tutf8", os.path.join(ROOT, "examples", "nis2.1")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual((p.returncode, p.stderr.decode()), (0, ""))
        p = subprocess.run([groff, "-man", "-Tutf8", os.path.join(ROOT, "examples", "nis2.1")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, GROFF_NO_SGR="1"))
        text = re.sub(r".\x08", "", p.stdout.decode("utf-8"))
        for heading in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS", "EXAMPLES"):
            self.assertIn(heading, text)

    def test_is_installed(self):
        info = os.path.join(BUILD, "meson-info", "intro-installed.json")
        if not os.path.exists(info):
            self.skipTest("no meson introspection data")
        with open(info, encoding="utf-8") as f:
            installed = json.load(f)
        dest = [v for k, v in installed.items() if k.endswith(os.path.join("examples", "nis2.1"))]
        self.assertEqual(len(dest), 1, "examples/nis2.1 is not installed")
        self.assertTrue(dest[0].endswith(os.path.join("man1", "nis2.1")), dest[0])


if __name__ == "__main__":
    NIS2, ROOT, BUILD = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    unittest.main(argv=[sys.argv[0], "-v"])
