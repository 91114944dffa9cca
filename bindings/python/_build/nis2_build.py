# SPDX-License-Identifier: Apache-2.0
"""A tiny PEP 517 build backend, standard library only.

The binding is pure Python, so a wheel is a zip of the package plus three metadata files. Shipping this
backend in-tree means `pip install --no-build-isolation ./bindings/python` works offline on any Python >= 3.8,
with no setuptools or wheel package needed.
"""
import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

NAME = "nis2"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _project():
    text = open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8").read()
    section = text.split("[project]", 1)[1].split("\n[", 1)[0]

    def field(key):
        m = re.search(r'^%s\s*=\s*"([^"]*)"' % key, section, re.M)
        return m.group(1) if m else ""

    return {"version": field("version"), "description": field("description"),
            "requires_python": field("requires-python")}


def _metadata(p):
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    return ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s\nLicense: Apache-2.0\n"
            "Requires-Python: %s\nClassifier: Typing :: Typed\n"
            "Description-Content-Type: text/markdown\n\n%s" % (NAME, p["version"], p["description"],
                                                                p["requires_python"], readme))


def _package_files():
    pkg = os.path.join(ROOT, NAME)
    for name in sorted(os.listdir(pkg)):
        if name.endswith(".py") or name == "py.typed":
            yield "%s/%s" % (NAME, name), os.path.join(pkg, name)


def _record_line(arc, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (arc, digest, len(data))


def _write_wheel(wheel_directory, editable=False):
    p = _project()
    dist_info = "%s-%s.dist-info" % (NAME, p["version"])
    wheel_name = "%s-%s-py3-none-any.whl" % (NAME, p["version"])
    records = []
    path = os.path.join(wheel_directory, wheel_name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        def add(arc, data):
            zf.writestr(zipfile.ZipInfo(arc, date_time=(2026, 1, 1, 0, 0, 0)), data)
            records.append(_record_line(arc, data))
        if editable:
            add("%s.pth" % NAME, (ROOT + "\n").encode())
        else:
            for arc, src in _package_files():
                add(arc, open(src, "rb").read())
        add(dist_info + "/METADATA", _metadata(p).encode("utf-8"))
        add(dist_info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: nis2_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        records.append(dist_info + "/RECORD,,")
        zf.writestr(zipfile.ZipInfo(dist_info + "/RECORD", date_time=(2026, 1, 1, 0, 0, 0)),
                    "\n".join(records) + "\n")
    return wheel_name


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, editable=True)


def build_sdist(sdist_directory, config_settings=None):
    p = _project()
    base = "%s-%s" % (NAME, p["version"])
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as tf:
        for rel in ["pyproject.toml", "README.md", "_build/nis2_build.py"] + [a for a, _ in _package_files()]:
            tf.add(os.path.join(ROOT, rel), arcname="%s/%s" % (base, rel))
        info = _metadata(p).encode("utf-8")
        ti = tarfile.TarInfo("%s/PKG-INFO" % base)
        ti.size = len(info)
        tf.addfile(ti, io.BytesIO(info))
    return name
