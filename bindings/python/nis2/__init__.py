# SPDX-License-Identifier: Apache-2.0
"""nis2 — Python binding of libnis2: NIS2 Directive (EU) 2022/2555 and national laws.

Classify organisations (essential, important, out of scope, …) with the provision that decides it, and, where
the loaded library offers them, obligations, incident deadlines and significance, and the ISO/IEC 27001 gap
report. Pure Python (ctypes) over the installed shared library ``libnis2.so.1``; set ``NIS2_LIBRARY`` to use
another copy.

    >>> import nis2
    >>> r = nis2.classify({"country": "DE", "activities": ["digital_infrastructure.cloud_provider"],
    ...                    "employees": 120, "turnover_eur": 30e6, "balance_sheet_eur": 20e6})
    >>> r.category, r.decided_by
    ('important', 'NIS2 Art. 3(2)')

libnis2 is a decision aid, not legal advice.
"""

from .api import (Context, Entity, EntityLike, Reason, Result, Verdict, abi_version, assess_incident,
                  capabilities, catalog, catalog_version, classify, classify_many, default_context, gap_report,
                  incident_deadlines, library_path, library_version, library_version_number, obligations,
                  status_name, strerror)
from .errors import (CatalogError, Error, FileError, InternalError, InvalidArgumentError, InvalidFieldError,
                     LibraryNotFoundError, LimitError, MissingFieldError, NotFoundError, OutOfMemoryError,
                     ParseError, UnknownCodeError, UnknownKeyError, UnsupportedError)
# --- typed gap report (nis2/gap.py; branch gapapi) ---
from .gap import (Action, Duty, Finding, GapReport, Isms, Measure, Question, StaleEvidence, Summary,
                  gap_report_typed)
# --- end typed gap report ---
from .api import NationalKey  # typed national facts (branch natf)

#: Version of this Python package (the library's own version is :func:`library_version`).
__version__ = "0.1.0"

__all__ = [
    "__version__", "Context", "Entity", "EntityLike", "Result", "Verdict", "Reason",
    "classify", "classify_many", "obligations", "incident_deadlines", "assess_incident", "gap_report", "catalog",
    "default_context", "capabilities", "library_version", "library_version_number", "abi_version",
    "catalog_version", "library_path", "status_name", "strerror",
    "Error", "InvalidArgumentError", "OutOfMemoryError", "ParseError", "InvalidFieldError", "UnknownKeyError",
    "UnknownCodeError", "MissingFieldError", "FileError", "CatalogError", "LimitError", "UnsupportedError",
    "NotFoundError", "InternalError", "LibraryNotFoundError",
    # typed gap report (branch gapapi)
    "Isms", "GapReport", "Summary", "Duty", "Question", "Finding", "Action", "Measure", "StaleEvidence",
    "gap_report_typed",
    # typed national facts (branch natf)
    "NationalKey",
]
