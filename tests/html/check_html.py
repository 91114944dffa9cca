#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The gap report's HTML looked at in a real browser (headless Chromium, Debian's `chromium` package).

For every ISMS example (examples/data/isms*.json) the page from `nis2 gap --format html` must
  - load without an error (a script error or a resource that fails to load),
  - have no element wider than the page, at a desktop width and at a narrow one,
  - print to PDF.
A copy of the page gets a probe script injected (the report itself has none) that writes its findings into the
DOM, which `--dump-dom` returns. Screenshots go to the build directory for a person to look at.
Exit 77 (skipped, with a message) when no Chromium is installed."""
import argparse
import glob
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile

PROBE = """<script>
window.__errors = [];
window.addEventListener('error', function (e) {
  window.__errors.push(e.message || ('failed to load ' + ((e.target && (e.target.src || e.target.href)) || '?')));
}, true);
window.addEventListener('load', function () {
  var W = document.documentElement.clientWidth, wide = [];
  var all = document.body.getElementsByTagName('*');
  for (var i = 0; i < all.length; i++) {
    var r = all[i].getBoundingClientRect();
    var el = all[i], txt = (el.textContent || '').slice(0, 60);
    if (r.width > 0 && (r.right > W + 0.5 || r.left < -0.5))
      wide.push(el.tagName + '.' + (el.className || '') + ' ' + Math.round(r.left) + '..' +
                Math.round(r.right) + ' > ' + W + ': ' + txt);
    else if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 &&
             getComputedStyle(el).overflowX === 'visible')
      wide.push(el.tagName + '.' + (el.className || '') + ' content overflows its box (' + el.scrollWidth +
                ' > ' + el.clientWidth + '): ' + txt);
  }
  if (document.documentElement.scrollWidth > W + 0.5) wide.push('page scrolls sideways: ' +
      document.documentElement.scrollWidth + ' > ' + W);
  var out = document.createElement('pre');
  out.id = '__probe';
  out.textContent = JSON.stringify({errors: window.__errors, wide: wide.slice(0, 20), width: W});
  document.body.appendChild(out);
});
</script>"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def run(browser, args, timeout=120):
    base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--hide-scrollbars", "--disable-dev-shm-usage", "--user-data-dir=" + PROFILE]
    return subprocess.run(base + args, capture_output=True, timeout=timeout)


def probe(browser, path, width):
    """The probe's findings for the page at path, or None when the page never finished loading."""
    r = run(browser, ["--window-size=%d,2000" % width, "--virtual-time-budget=3000", "--dump-dom",
                      "file://" + os.path.abspath(path)])
    dom = r.stdout.decode("utf-8", "replace")
    start = dom.find('<pre id="__probe">')
    if start < 0:
        return None, r.stderr.decode("utf-8", "replace")[-400:]
    body = dom[start + len('<pre id="__probe">'):dom.find("</pre>", start)]
    return json.loads(html.unescape(body)), ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nis2", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--out", required=True, help="directory for screenshots and PDFs")
    a = ap.parse_args()
    browser = chromium()
    if not browser:
        print("SKIP: no Chromium installed (Debian package chromium, see .ci/install-deps)")
        return 77
    os.makedirs(a.out, exist_ok=True)
    examples = sorted(glob.glob(os.path.join(a.root, "examples", "data", "isms*.json")))
    if not examples:
        print("FAIL: no examples/data/isms*.json")
        return 1
    failed = 0
    # the probe must see what it looks for: a page with a too-wide element and an image that fails to load
    bad = os.path.join(a.out, "probe-selftest.html")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head>" + PROBE + "</head><body><div style=\"width:3000px\">wide</div>"
                "<img src=\"does-not-exist.png\" alt=\"\"></body></html>")
    res, why = probe(browser, bad, 1280)
    if not res or not res["errors"] or not res["wide"]:
        print("FAIL: the probe does not see a too-wide element or a failed load: %s %s" % (res, why))
        return 1
    for ex in examples:
        before = failed
        name = os.path.splitext(os.path.basename(ex))[0]
        with open(ex, "rb") as f:
            doc = f.read()
        p = subprocess.run([a.nis2, "gap", "--format", "html"], input=doc, capture_output=True)
        if p.returncode != 0:
            print("FAIL %s: nis2 gap --format html exited %d: %s" % (name, p.returncode, p.stderr.decode()))
            failed += 1
            continue
        page = p.stdout.decode("utf-8")
        plain = os.path.join(a.out, name + ".html")
        with open(plain, "w", encoding="utf-8") as f:
            f.write(page)
        probed = os.path.join(a.out, name + ".probe.html")
        with open(probed, "w", encoding="utf-8") as f:
            f.write(page.replace("<head>", "<head>" + PROBE, 1))
        for width in (1280, 760):
            res, why = probe(browser, probed, width)
            if res is None:
                print("FAIL %s@%d: the page did not finish loading (no probe result); chromium said: %s"
                      % (name, width, why))
                failed += 1
                continue
            if res["errors"]:
                print("FAIL %s@%d: errors while loading: %s" % (name, width, res["errors"]))
                failed += 1
            if res["wide"]:
                print("FAIL %s@%d: elements wider than the page (%d px):\n  %s"
                      % (name, width, res["width"], "\n  ".join(res["wide"])))
                failed += 1
            shot = os.path.join(a.out, "%s-%d.png" % (name, width))
            run(browser, ["--window-size=%d,3000" % width, "--screenshot=" + shot, "file://" + os.path.abspath(plain)])
        pdf = os.path.join(a.out, name + ".pdf")
        if os.path.exists(pdf):
            os.remove(pdf)
        run(browser, ["--print-to-pdf=" + pdf, "--no-pdf-header-footer", "file://" + os.path.abspath(plain)])
        ok = os.path.exists(pdf) and os.path.getsize(pdf) > 2000
        if ok:
            with open(pdf, "rb") as f:
                ok = f.read(5) == b"%PDF-"
        if not ok:
            print("FAIL %s: did not print to PDF" % name)
            failed += 1
        elif failed == before:
            print("ok %s: loads without errors, nothing wider than the page at 1280 and 760 px, prints to PDF "
                  "(%d bytes); screenshots in %s" % (name, os.path.getsize(pdf), a.out))
    return 1 if failed else 0


if __name__ == "__main__":
    PROFILE = tempfile.mkdtemp(prefix="nis2-chromium-")
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(PROFILE, ignore_errors=True)
