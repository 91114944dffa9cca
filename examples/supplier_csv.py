#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Classify a CSV of suppliers under NIS2 and write a CSV of results.

    python3 examples/supplier_csv.py examples/data/suppliers.csv results.csv     # '-' for stdin/stdout

Input columns: name, country, activities (entity-type codes separated by ';'), employees, turnover_eur,
balance_sheet_eur (empty = unknown). Output columns: name, country, category, decided_by, size_class, law, error.
A bad row gets its error (code, JSON path and message) in the `error` column and the run goes on; the exit status
is 1 when some row was invalid (as with `nis2 classify --ndjson`).

Needs the `nis2` package (pip install ./bindings/python, or PYTHONPATH=bindings/python) and libnis2 (installed,
or NIS2_LIBRARY=path/to/libnis2.so.1).
"""

import argparse
import csv
import sys
from typing import Any, Dict, Iterator, List, TextIO

import nis2

OUT_FIELDS = ["name", "country", "category", "decided_by", "size_class", "law", "error"]


def figure(text: str) -> Any:
    """An empty cell is an unknown figure; a number stays a number; anything else goes to the library as text,
    so that the error names the field."""
    text = (text or "").strip().replace(",", "") if text else ""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def entities(rows: List[Dict[str, str]]) -> Iterator[Dict[str, Any]]:
    for row in rows:
        doc: Dict[str, Any] = {
            "name": (row.get("name") or "").strip(),
            "country": (row.get("country") or "").strip(),
            "activities": [a.strip() for a in (row.get("activities") or "").split(";") if a.strip()],
        }
        for key in ("employees", "turnover_eur", "balance_sheet_eur"):
            value = figure(row.get(key) or "")
            if value is not None:
                doc[key] = value
        yield doc


def run(src: TextIO, dst: TextIO) -> int:
    rows = list(csv.DictReader(src))
    bad = 0
    with nis2.Context() as ctx:                 # loads the library first: nothing is written if that fails
        writer = csv.DictWriter(dst, fieldnames=OUT_FIELDS, lineterminator="\n")
        writer.writeheader()
        for row, res in zip(rows, ctx.classify_many(entities(rows), errors="return")):
            out = {"name": row.get("name", ""), "country": row.get("country", "")}
            if isinstance(res, nis2.Error):
                bad += 1
                out["error"] = str(res)             # "$.path: message (code)"
            else:
                out.update(category=res.category, decided_by=res.decided_by or "", size_class=res.size_class or "",
                           law=res.law, error="")
            writer.writerow(out)
    return 1 if bad else 0


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", nargs="?", default="-", help="suppliers CSV ('-' = standard input)")
    ap.add_argument("output", nargs="?", default="-", help="results CSV ('-' = standard output)")
    args = ap.parse_args(argv)
    src = sys.stdin if args.input == "-" else open(args.input, newline="", encoding="utf-8")
    dst = sys.stdout if args.output == "-" else open(args.output, "w", newline="", encoding="utf-8")
    try:
        return run(src, dst)
    except nis2.LibraryNotFoundError as e:
        print("supplier_csv: %s" % e, file=sys.stderr)
        return 3
    finally:
        if src is not sys.stdin:
            src.close()
        if dst is not sys.stdout:
            dst.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
