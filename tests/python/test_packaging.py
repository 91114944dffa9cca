# SPDX-License-Identifier: Apache-2.0
"""The binding installs offline: the in-tree PEP 517 backend builds a complete, valid wheel."""
import csv
import importlib.util
import io
import os
import tempfile
import unittest
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
BINDING = os.path.join(HERE, "..", "..", "bindings", "python")


def _backend():
    spec = importlib.util.spec_from_file_location("nis2_build", os.path.join(BINDING, "_build", "nis2_build.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class WheelTest(unittest.TestCase):
    def test_wheel_holds_package_and_metadata(self):
        backend = _backend()
        self.assertEqual(backend.get_requires_for_build_wheel(), [])
        with tempfile.TemporaryDirectory() as d:
            name = backend.build_wheel(d)
            self.assertRegex(name, r"^nis2-\d+\.\d+\.\d+-py3-none-any\.whl$")
            with zipfile.ZipFile(os.path.join(d, name)) as zf:
                names = set(zf.namelist())
                for required in ("nis2/__init__.py", "nis2/_ffi.py", "nis2/api.py", "nis2/gap.py", "nis2/py.typed"):
                    self.assertIn(required, names)
                dist = [n for n in names if n.endswith(".dist-info/RECORD")]
                self.assertEqual(len(dist), 1)
                record = list(csv.reader(io.StringIO(zf.read(dist[0]).decode())))
                listed = {row[0] for row in record if row}
                self.assertEqual(listed, names)
                meta = zf.read(dist[0].replace("RECORD", "METADATA")).decode()
                self.assertIn("Name: nis2", meta)

    def test_sdist_builds(self):
        backend = _backend()
        with tempfile.TemporaryDirectory() as d:
            name = backend.build_sdist(d)
            self.assertTrue(os.path.exists(os.path.join(d, name)))


if __name__ == "__main__":
    unittest.main()
