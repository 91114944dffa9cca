# SPDX-License-Identifier: Apache-2.0
"""Raw ctypes layer of the libnis2 binding.

This module finds and loads the shared library, checks its ABI, and declares ``argtypes``/``restype`` for every
function the library exports (``lib/libnis2.map``). Functions that return an ``nis2_status`` get an ``errcheck``
that turns a non-zero status into a :class:`nis2.Error` subclass, reading the code, JSON path and message from
the ``nis2_error *`` passed as their last argument.

Nothing here is Pythonic on purpose: :mod:`nis2.api` builds the public API on top of it. The library is loaded
lazily, on the first call to :func:`load`, so that ``import nis2`` works (and ``nis2.__version__`` can be read)
on a machine where the library is not installed.

Discovery order (first that loads wins):

1. the ``NIS2_LIBRARY`` environment variable, a path to the shared object (an error if it does not load);
2. the installed soname, ``libnis2.so.1`` (``libnis2.1.dylib`` on macOS, ``nis2.dll`` on Windows);
3. ``pkg-config --variable=libdir nis2`` joined with the soname, then each ``-L`` folder of
   ``pkg-config --libs-only-L nis2`` (the build tree's ``lib/`` through meson's uninstalled ``.pc`` file);
4. :func:`ctypes.util.find_library` (``nis2``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import sys
import threading
from ctypes import (POINTER, Structure, byref, c_char, c_char_p, c_double, c_int, c_int32, c_int64, c_size_t,
                    c_uint32)
from typing import Any, Callable, Dict, List, Optional, Tuple

from .errors import Error, LibraryNotFoundError, error_class

#: ABI major this binding is written for (the soname number).
ABI_VERSION = 1


# --- opaque handle types: one distinct pointer type per handle, so ctypes rejects a mix-up -----------------
class nis2_error(Structure):
    """Opaque ``nis2_error``."""


class nis2_ctx(Structure):
    """Opaque ``nis2_ctx``."""


class nis2_entity(Structure):
    """Opaque ``nis2_entity``."""


class nis2_result(Structure):
    """Opaque ``nis2_result``."""


class nis2_obligations(Structure):
    """Opaque ``nis2_obligations``."""


# --- i14: typed incidents ---
class nis2_incident(Structure):
    """Opaque ``nis2_incident``."""


class nis2_deadlines(Structure):
    """Opaque ``nis2_deadlines``."""


class nis2_assessment(Structure):
    """Opaque ``nis2_assessment``."""
# --- end i14 ---


ErrorP = POINTER(nis2_error)
CtxP = POINTER(nis2_ctx)
EntityP = POINTER(nis2_entity)
ResultP = POINTER(nis2_result)
ObligationsP = POINTER(nis2_obligations)
IncidentP = POINTER(nis2_incident)        # i14
DeadlinesP = POINTER(nis2_deadlines)      # i14
AssessmentP = POINTER(nis2_assessment)    # i14


# --- typed gap report (include/nis2/gap.h; branch gapapi) ---
class nis2_isms(Structure):
    """Opaque ``nis2_isms``."""


class nis2_gap_report(Structure):
    """Opaque ``nis2_gap_report``."""


IsmsP = POINTER(nis2_isms)
GapReportP = POINTER(nis2_gap_report)
# --- end typed gap report ---
#: An owned string handed over through ``char **out``: read with string_at, release with nis2_string_free.
OwnedStr = POINTER(c_char)
class _Status:
    """Marker in the function table: returns an nis2_status (a C enum, int-sized) and gets the errcheck hook."""


status_t = _Status
u32 = c_uint32
size_t = c_size_t

# --- constants (values fixed forever by the headers) -------------------------------------------------------
NIS2_OK = 0
NIS2_JSON_PRETTY = 0x1
NIS2_CATALOG_REPLACE = 0x0
NIS2_CATALOG_EXTEND = 0x1
VERDICT_APPLICABLE, VERDICT_DIRECTIVE, VERDICT_NATIONAL = 0, 1, 2
PERIOD_LATEST, PERIOD_PREVIOUS = 0, 1
FIGURES = {"employees": 1, "turnover_eur": 2, "balance_sheet_eur": 3}
FLAGS = {
    "sole_provider": 1,
    "significant_disruption_impact": 2,
    "systemic_risk": 3,
    "national_or_regional_criticality": 4,
    "cer_critical_entity": 5,
    "nis1_operator_of_essential_services": 6,
    "regional_risk_assessment_positive": 7,
    "national_security_activities": 8,
    "provides_services_in_union": 9,
    "dora_financial_entity": 10,
    "member_state_opts_in_local_public_administration": 11,
    "member_state_opts_in_education": 12,
    "member_state_keeps_nis1_oes_as_essential": 13,
    "dora_exempted": 14,
    "judiciary_parliament_or_central_bank": 15,
}
DESIGNATIONS = {None: 0, "none": 0, "essential": 1, "important": 2}
CATEGORY_IDS = {
    "out_of_scope": 0, "essential": 1, "important": 2, "domain_registration_only": 3,
    "member_state_option": 4, "undetermined": 5,
}
CATEGORY_NATIONAL = 6
SIZE_CLASSES = {0: None, 1: "micro", 2: "small", 3: "medium", 4: "large"}
GAP_FORMATS = {"json": 0, "text": 1, "html": 2, "csv": 3, "oscal": 4}   # NIS2_GAP_FORMAT_* of evidence.h
NATIONAL_KEY_TYPES = {1: "boolean", 2: "enum", 3: "date", 4: "number", 5: "string", 6: "codes"}  # context.h NIS2_NATIONAL_KEY_*
EXPORT_FORMATS = {"oscal-catalog": 1, "oscal-mapping": 2, "ciso-assistant": 3}   # exchange.h NIS2_EXPORT_*
# --- i14: constants of the typed API (NIS2_1.1; tested against the headers) ---
CATEGORY_CODES = dict(CATEGORY_IDS, national=6, relevant_public_entity_group_a=7, relevant_public_entity_group_b=8)
INCIDENT_TIMES = {"aware_at": 0, "notified_at": 1, "impact_ended_at": 2, "end_of_impact_notified_at": 3,
                  "occurred_at": 4}
#: lib/schema/FORMATS.md §incident-assessment impact facts -> (NIS2_IMPACT_* value, kind): "num", "count", "bool", "time", "str", "list"
IMPACT_FACTS = {
    "occurred_at": (0, "time"), "root_cause": (1, "str"), "financial_loss_eur": (2, "num"),
    "turnover_prev_fy_eur": (3, "num"), "deaths": (4, "count"), "considerable_health_damage": (5, "bool"),
    "trade_secrets_exfiltrated": (6, "bool"), "malicious_unauthorised_access_severe": (7, "bool"),
    "scheduled_maintenance": (8, "bool"), "unavailable_minutes": (9, "num"), "degraded_minutes": (10, "num"),
    "response_time_s": (11, "num"), "users_in_union": (12, "num"), "users_affected_unavailable": (13, "num"),
    "users_affected_limited": (14, "num"), "users_affected_compromise": (15, "num"),
    "data_compromised": (16, "bool"), "suspected_malicious": (17, "bool"), "physical_access_compromised": (18, "bool"),
    "misconfiguration_domains_wrong": (19, "num"), "managed_domains": (20, "num"),
    "weekly_unavailable_minutes": (21, "num"), "severe_operational_disruption": (22, "bool"),
    "severe_financial_loss": (23, "bool"), "considerable_damage_to_others": (24, "bool"),
    "related_incidents": (25, "list"),
}
DEADLINES_REPORTS, DEADLINES_DIRECTIVE = 0, 1
NATURES = {"other": 0, "mandatory": 1, "on_request": 2, "conditional": 3, "optional": 4, "status": 5,
           "encouraged": 6, "member_state_option": 7}
GROUPS = {"other": 0, "registration": 1, "governance": 2, "risk_management": 3, "incident_reporting": 4,
          "certification": 5, "domain_registration_data": 6, "information_sharing": 7, "supervision": 8,
          "penalties": 9}
SUPERVISION = {None: 0, "ex_ante_and_ex_post": 1, "ex_post": 2, "other": 3}
UNITS = {1: "hours", 2: "days", 3: "working_days", 4: "weeks", 5: "months", 6: "years"}
# --- end i14 ---


# --- the function table --------------------------------------------------------------------------------------
# name: (restype, argtypes). A restype of status_t gets the errcheck hook; its last argument is the nis2_error*.
_J = [CtxP, c_char_p, size_t, u32, POINTER(OwnedStr), ErrorP]   # the JSON-in/JSON-out signature (json_fn)

FUNCTIONS: Dict[str, Tuple[Any, List[Any]]] = {
    # common.h
    "nis2_error_new": (ErrorP, []),
    "nis2_error_free": (None, [ErrorP]),
    "nis2_error_clear": (None, [ErrorP]),
    "nis2_error_code": (u32, [ErrorP]),
    "nis2_error_message": (c_char_p, [ErrorP]),
    "nis2_error_path": (c_char_p, [ErrorP]),
    "nis2_strerror": (c_char_p, [u32]),
    "nis2_status_name": (c_char_p, [u32]),
    "nis2_string_free": (None, [OwnedStr]),
    "nis2_version_string": (c_char_p, []),
    "nis2_version_number": (u32, []),
    "nis2_abi_version": (u32, []),
    # context.h
    "nis2_ctx_new": (status_t, [POINTER(CtxP), ErrorP]),
    "nis2_ctx_new_from_file": (status_t, [POINTER(CtxP), c_char_p, u32, ErrorP]),
    "nis2_ctx_new_from_json": (status_t, [POINTER(CtxP), c_char_p, size_t, u32, ErrorP]),
    "nis2_ctx_free": (None, [CtxP]),
    "nis2_ctx_catalog_version": (c_char_p, [CtxP]),
    "nis2_ctx_entity_type_count": (size_t, [CtxP]),
    "nis2_ctx_entity_type_code": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_catalog_json": (status_t, [CtxP, c_char_p, u32, POINTER(OwnedStr), ErrorP]),
    # entity.h
    "nis2_entity_new": (status_t, [CtxP, POINTER(EntityP), ErrorP]),
    "nis2_entity_from_json": (status_t, [CtxP, c_char_p, size_t, POINTER(EntityP), ErrorP]),
    "nis2_entity_free": (None, [EntityP]),
    "nis2_entity_set_name": (status_t, [EntityP, c_char_p, ErrorP]),
    "nis2_entity_set_country": (status_t, [EntityP, c_char_p, ErrorP]),
    "nis2_entity_add_activity": (status_t, [EntityP, c_char_p, ErrorP]),
    "nis2_entity_clear_activities": (None, [EntityP]),
    "nis2_entity_set_figure": (status_t, [EntityP, u32, u32, c_double, ErrorP]),
    "nis2_entity_unset_figure": (status_t, [EntityP, u32, u32, ErrorP]),
    "nis2_entity_set_flag": (status_t, [EntityP, u32, c_int, ErrorP]),
    "nis2_entity_set_designation": (status_t, [EntityP, u32, ErrorP]),
    "nis2_entity_set_national_json": (status_t, [EntityP, c_char_p, c_char_p, ErrorP]),
    "nis2_entity_to_json": (status_t, [EntityP, u32, POINTER(OwnedStr), ErrorP]),
    # classify.h
    "nis2_classify": (status_t, [CtxP, EntityP, POINTER(ResultP), ErrorP]),
    "nis2_classify_ex": (status_t, [CtxP, EntityP, c_uint32, POINTER(ResultP), ErrorP]),
    "nis2_classify_json": (status_t, _J),
    "nis2_result_free": (None, [ResultP]),
    "nis2_result_has_verdict": (c_int, [ResultP, u32]),
    "nis2_result_category": (c_char_p, [ResultP, u32]),
    "nis2_result_category_id": (u32, [ResultP, u32]),
    "nis2_result_decided_by": (c_char_p, [ResultP, u32]),
    "nis2_result_ground_count": (size_t, [ResultP, u32]),
    "nis2_result_ground_at": (c_char_p, [ResultP, u32, size_t]),
    "nis2_result_law": (c_char_p, [ResultP]),
    "nis2_result_authority": (c_char_p, [ResultP]),
    "nis2_result_size_class": (u32, [ResultP]),
    "nis2_result_size_class_name": (c_char_p, [ResultP]),
    "nis2_result_reason_count": (size_t, [ResultP]),
    "nis2_result_reason_ref": (c_char_p, [ResultP, size_t]),
    "nis2_result_reason_text": (c_char_p, [ResultP, size_t]),
    "nis2_result_missing_count": (size_t, [ResultP]),
    "nis2_result_missing_at": (c_char_p, [ResultP, size_t]),
    "nis2_result_to_json": (status_t, [ResultP, u32, POINTER(OwnedStr), ErrorP]),
}

#: Functions added after the first release of the node (or still landing): bound when the library has them, so
#: that an older library still loads (probed with hasattr).
OPTIONAL_FUNCTIONS: Dict[str, Tuple[Any, List[Any]]] = {
    # context.h, NIS2_1.1: catalog extensions (name and version of each extension laid over the catalog)
    "nis2_ctx_extension_count": (size_t, [CtxP]),
    "nis2_ctx_extension_name": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_extension_version": (c_char_p, [CtxP, size_t]),
    "nis2_catalog_part_name": (c_char_p, [size_t]),
    # exchange.h (NIS2_1.1): OSCAL / CISO Assistant export; the gap report as OSCAL assessment-results
    "nis2_export": (status_t, [CtxP, u32, c_char_p, u32, POINTER(OwnedStr), ErrorP]),
    "nis2_gap_report_oscal": (status_t, _J),
    # obligations.h
    "nis2_obligations_select": (status_t, [CtxP, EntityP, ResultP, POINTER(ObligationsP), ErrorP]),
    "nis2_obligations_json": (status_t, _J),
    "nis2_obligations_to_json": (status_t, [ObligationsP, u32, POINTER(OwnedStr), ErrorP]),
    "nis2_obligations_free": (None, [ObligationsP]),
    "nis2_obligations_category": (c_char_p, [ObligationsP]),
    "nis2_obligations_law": (c_char_p, [ObligationsP]),
    "nis2_obligations_supervision": (c_char_p, [ObligationsP]),
    "nis2_obligations_max_fine_eur": (c_int, [ObligationsP, POINTER(c_double)]),
    "nis2_obligations_max_fine_fixed_eur": (c_double, [ObligationsP]),
    "nis2_obligations_max_fine_turnover_share": (c_double, [ObligationsP]),
    "nis2_obligations_max_fine_ref": (c_char_p, [ObligationsP]),
    "nis2_obligations_count": (size_t, [ObligationsP]),
    "nis2_obligations_id": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_ref": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_title": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_applies_because": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_deadline": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_effective_from": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_displaced_by": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_national_count": (size_t, [ObligationsP, size_t]),
    "nis2_obligations_national_id": (c_char_p, [ObligationsP, size_t, size_t]),
    "nis2_obligations_national_ref": (c_char_p, [ObligationsP, size_t, size_t]),
    # evidence.h
    "nis2_iso_normalise_id": (status_t, [CtxP, c_char_p, POINTER(c_char_p), ErrorP]),   # *out_id borrowed
    "nis2_iso_control_title": (c_char_p, [CtxP, c_char_p]),
    "nis2_gap_report_json": (status_t, _J),
    "nis2_gap_report_render": (status_t, _J),       # same shape: the uint32 is the format (GAP_FORMATS)
    # --- i14: typed incidents (incident.h, NIS2_1.1) ---
    "nis2_incident_new": (status_t, [POINTER(IncidentP), ErrorP]),
    "nis2_incident_free": (None, [IncidentP]),
    "nis2_incident_set_time": (status_t, [IncidentP, u32, c_int64, c_int32, ErrorP]),
    "nis2_incident_set_time_rfc3339": (status_t, [IncidentP, u32, c_char_p, ErrorP]),
    "nis2_incident_unset_time": (status_t, [IncidentP, u32, ErrorP]),
    "nis2_incident_set_number": (status_t, [IncidentP, u32, c_double, ErrorP]),
    "nis2_incident_set_bool": (status_t, [IncidentP, u32, c_int, ErrorP]),
    "nis2_incident_unset": (status_t, [IncidentP, u32, ErrorP]),
    "nis2_incident_set_root_cause": (status_t, [IncidentP, c_char_p, ErrorP]),
    "nis2_incident_add_related": (status_t, [IncidentP, c_int64, c_int32, c_char_p, c_int, c_double, ErrorP]),
    "nis2_incident_deadlines": (status_t, [CtxP, EntityP, IncidentP, POINTER(DeadlinesP), ErrorP]),
    "nis2_deadlines_free": (None, [DeadlinesP]),
    "nis2_deadlines_to_json": (status_t, [DeadlinesP, u32, POINTER(OwnedStr), ErrorP]),
    "nis2_deadlines_category": (c_char_p, [DeadlinesP]),
    "nis2_deadlines_law": (c_char_p, [DeadlinesP]),
    "nis2_deadlines_directive_category": (c_char_p, [DeadlinesP]),
    "nis2_deadlines_aware_at": (c_int64, [DeadlinesP]),
    "nis2_deadlines_report_count": (size_t, [DeadlinesP, u32]),
    "nis2_deadlines_report_id": (c_char_p, [DeadlinesP, u32, size_t]),
    "nis2_deadlines_report_due": (c_int, [DeadlinesP, u32, size_t, POINTER(c_int64)]),
    "nis2_deadlines_report_due_rfc3339": (c_char_p, [DeadlinesP, u32, size_t]),
    "nis2_deadlines_report_ref": (c_char_p, [DeadlinesP, u32, size_t]),
    "nis2_deadlines_report_relative_to": (c_char_p, [DeadlinesP, u32, size_t]),
    "nis2_deadlines_report_from": (c_int, [DeadlinesP, u32, size_t, POINTER(c_int64)]),
    "nis2_deadlines_report_law": (c_char_p, [DeadlinesP, u32, size_t]),
    "nis2_deadlines_report_text": (c_char_p, [DeadlinesP, u32, size_t]),
    "nis2_deadlines_report_condition": (c_char_p, [DeadlinesP, u32, size_t]),
    "nis2_deadlines_report_note": (c_char_p, [DeadlinesP, u32, size_t]),
    "nis2_deadlines_report_in_contract": (c_int, [DeadlinesP, u32, size_t]),
    "nis2_deadlines_note_count": (size_t, [DeadlinesP]),
    "nis2_deadlines_note_ref": (c_char_p, [DeadlinesP, size_t]),
    "nis2_deadlines_note_text": (c_char_p, [DeadlinesP, size_t]),
    "nis2_incident_assess": (status_t, [CtxP, EntityP, IncidentP, POINTER(AssessmentP), ErrorP]),
    "nis2_assessment_free": (None, [AssessmentP]),
    "nis2_assessment_to_json": (status_t, [AssessmentP, u32, POINTER(OwnedStr), ErrorP]),
    "nis2_assessment_significant": (c_int, [AssessmentP]),
    "nis2_assessment_regime_count": (size_t, [AssessmentP]),
    "nis2_assessment_regime_at": (c_char_p, [AssessmentP, size_t]),
    "nis2_assessment_criterion_count": (size_t, [AssessmentP]),
    "nis2_assessment_criterion_ref": (c_char_p, [AssessmentP, size_t]),
    "nis2_assessment_criterion_id": (c_char_p, [AssessmentP, size_t]),
    "nis2_assessment_criterion_text": (c_char_p, [AssessmentP, size_t]),
    "nis2_assessment_not_decided_count": (size_t, [AssessmentP]),
    "nis2_assessment_not_decided_ref": (c_char_p, [AssessmentP, size_t]),
    "nis2_assessment_not_decided_id": (c_char_p, [AssessmentP, size_t]),
    "nis2_assessment_not_decided_missing_count": (size_t, [AssessmentP, size_t]),
    "nis2_assessment_not_decided_missing_at": (c_char_p, [AssessmentP, size_t, size_t]),
    "nis2_assessment_excluded_by_ref": (c_char_p, [AssessmentP]),
    "nis2_assessment_excluded_by_text": (c_char_p, [AssessmentP]),
    "nis2_assessment_note_count": (size_t, [AssessmentP]),
    "nis2_assessment_note_ref": (c_char_p, [AssessmentP, size_t]),
    "nis2_assessment_note_id": (c_char_p, [AssessmentP, size_t]),
    "nis2_assessment_note_text": (c_char_p, [AssessmentP, size_t]),
    # --- end i14: typed incidents ---
    # --- i14: typed obligations (obligations.h, classify.h; NIS2_1.1) ---
    "nis2_result_category_code": (u32, [ResultP, u32]),
    "nis2_obligations_name": (c_char_p, [ObligationsP]),
    "nis2_obligations_country": (c_char_p, [ObligationsP]),
    "nis2_obligations_category_code": (u32, [ObligationsP]),
    "nis2_obligations_supervision_id": (u32, [ObligationsP]),
    "nis2_obligations_supervision_ref": (c_char_p, [ObligationsP]),
    "nis2_obligations_regime_displaced_by": (c_char_p, [ObligationsP]),
    "nis2_obligations_has_max_fine": (c_int, [ObligationsP]),
    "nis2_obligations_max_fine_fixed": (c_int, [ObligationsP, POINTER(c_double)]),
    "nis2_obligations_max_fine_share": (c_int, [ObligationsP, POINTER(c_double)]),
    "nis2_obligations_max_fine_offence_class": (c_char_p, [ObligationsP]),
    "nis2_obligations_max_fine_turnover_basis": (c_char_p, [ObligationsP]),
    "nis2_obligations_max_fine_none_ref": (c_char_p, [ObligationsP]),
    "nis2_obligations_max_fine_none_text": (c_char_p, [ObligationsP]),
    "nis2_obligations_nature": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_nature_id": (u32, [ObligationsP, size_t]),
    "nis2_obligations_group": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_group_id": (u32, [ObligationsP, size_t]),
    "nis2_obligations_condition": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_condition_fact": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_condition_settled": (c_int, [ObligationsP, size_t]),
    "nis2_obligations_deadline_text": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_deadline_from": (c_char_p, [ObligationsP, size_t]),
    "nis2_obligations_deadline_period": (c_int, [ObligationsP, size_t, POINTER(u32), POINTER(c_double)]),
    "nis2_obligations_evidence_count": (size_t, [ObligationsP, size_t]),
    "nis2_obligations_evidence_at": (c_char_p, [ObligationsP, size_t, size_t]),
    "nis2_obligations_national_title": (c_char_p, [ObligationsP, size_t, size_t]),
    "nis2_obligations_national_deadline": (c_char_p, [ObligationsP, size_t, size_t]),
    "nis2_obligations_national_effective_from": (c_char_p, [ObligationsP, size_t, size_t]),
    "nis2_obligations_national_condition": (c_char_p, [ObligationsP, size_t, size_t]),
    "nis2_obligations_national_evidence_count": (size_t, [ObligationsP, size_t, size_t]),
    "nis2_obligations_national_evidence_at": (c_char_p, [ObligationsP, size_t, size_t, size_t]),
    # --- end i14: typed obligations ---
    # --- i14: the catalog from C (context.h; NIS2_1.1) ---
    "nis2_ctx_entity_type_label": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_entity_type_sector": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_entity_type_subsector": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_entity_type_annex_point": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_entity_type_ref": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_entity_type_role": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_entity_type_country": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_entity_type_annex": (u32, [CtxP, size_t]),
    "nis2_ctx_flag_count": (size_t, [CtxP]),
    "nis2_ctx_flag_name": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_flag_id": (u32, [CtxP, size_t]),
    "nis2_ctx_law_count": (size_t, [CtxP]),
    "nis2_ctx_law_name": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_law_country": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_category_count": (size_t, [CtxP, size_t]),
    "nis2_ctx_category_name": (c_char_p, [CtxP, size_t, size_t]),
    "nis2_ctx_category_id": (u32, [CtxP, size_t, size_t]),
    "nis2_ctx_category_rank": (u32, [CtxP, size_t, size_t]),
    "nis2_ctx_category_label": (c_char_p, [CtxP, size_t, size_t]),
    "nis2_ctx_category_ref": (c_char_p, [CtxP, size_t, size_t]),
    "nis2_ctx_category_directive_equivalent": (c_char_p, [CtxP, size_t, size_t]),
    "nis2_ctx_member_state_count": (size_t, [CtxP]),
    "nis2_ctx_member_state_code": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_member_state_name": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_member_state_transposition_law": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_member_state_in_force": (c_char_p, [CtxP, size_t]),
    "nis2_ctx_member_state_encoded": (c_int, [CtxP, size_t]),
    # --- end i14: the catalog from C ---
    # --- typed national facts, NIS2_1.1 (branch natf) ---
    "nis2_entity_set_national_bool": (status_t, [EntityP, c_char_p, c_char_p, c_int, ErrorP]),
    "nis2_entity_set_national_number": (status_t, [EntityP, c_char_p, c_char_p, c_double, ErrorP]),
    "nis2_entity_set_national_text": (status_t, [EntityP, c_char_p, c_char_p, c_char_p, ErrorP]),
    "nis2_entity_set_national_codes": (status_t, [EntityP, c_char_p, c_char_p, POINTER(c_char_p), size_t, ErrorP]),
    "nis2_entity_add_national_code": (status_t, [EntityP, c_char_p, c_char_p, c_char_p, ErrorP]),
    "nis2_entity_unset_national": (status_t, [EntityP, c_char_p, c_char_p, ErrorP]),
    "nis2_ctx_national_key_count": (size_t, [CtxP, c_char_p]),
    "nis2_ctx_national_key_name": (c_char_p, [CtxP, c_char_p, size_t]),
    "nis2_ctx_national_key_type": (u32, [CtxP, c_char_p, size_t]),
    "nis2_ctx_national_key_ref": (c_char_p, [CtxP, c_char_p, size_t]),
    "nis2_ctx_national_key_meaning": (c_char_p, [CtxP, c_char_p, size_t]),
    "nis2_ctx_national_key_value_count": (size_t, [CtxP, c_char_p, size_t]),
    "nis2_ctx_national_key_value_at": (c_char_p, [CtxP, c_char_p, size_t, size_t]),
    # --- end typed national facts ---
    # --- gap.h: typed gap report, NIS2_1.1 (branch gapapi) ---
    "nis2_isms_new": (status_t, [CtxP, EntityP, c_char_p, POINTER(IsmsP), ErrorP]),
    "nis2_isms_free": (None, [IsmsP]),
    "nis2_isms_add_soa": (status_t, [IsmsP, c_char_p, c_int, c_char_p, c_char_p, ErrorP]),
    "nis2_isms_set_certificate": (status_t, [IsmsP, c_char_p, c_char_p, c_int, c_char_p, c_char_p, ErrorP]),
    "nis2_isms_add_evidence": (status_t, [IsmsP, c_char_p, c_char_p, c_char_p, c_char_p, POINTER(c_char_p), size_t, POINTER(c_char_p), size_t, ErrorP]),
    "nis2_isms_set_security_reporter": (status_t, [IsmsP, c_char_p, ErrorP]),
    "nis2_isms_add_member": (status_t, [IsmsP, c_char_p, c_char_p, c_char_p, ErrorP]),
    "nis2_isms_add_approval": (status_t, [IsmsP, c_char_p, c_char_p, POINTER(c_char_p), size_t, ErrorP]),
    "nis2_isms_add_oversight": (status_t, [IsmsP, c_char_p, c_char_p, POINTER(c_char_p), size_t, ErrorP]),
    "nis2_isms_add_risk": (status_t, [IsmsP, c_char_p, c_char_p, c_char_p, c_char_p, c_char_p, POINTER(c_char_p), size_t, POINTER(c_char_p), size_t, c_char_p, c_char_p, c_char_p, POINTER(c_char_p), size_t, ErrorP]),
    "nis2_isms_add_supplier": (status_t, [IsmsP, c_char_p, c_char_p, c_char_p, c_int, c_char_p, c_char_p, c_char_p, POINTER(c_char_p), size_t, POINTER(c_char_p), size_t, POINTER(c_char_p), size_t, ErrorP]),
    "nis2_isms_to_json": (status_t, [IsmsP, u32, POINTER(OwnedStr), ErrorP]),
    "nis2_gap_compute": (status_t, [IsmsP, POINTER(GapReportP), ErrorP]),
    "nis2_gap_report_from_json": (status_t, [CtxP, c_char_p, size_t, POINTER(GapReportP), ErrorP]),
    "nis2_gap_report_free": (None, [GapReportP]),
    "nis2_gap_report_to_string": (status_t, [GapReportP, u32, u32, POINTER(OwnedStr), ErrorP]),
    "nis2_gap_report_as_of": (c_char_p, [GapReportP]),
    "nis2_gap_report_category": (c_char_p, [GapReportP]),
    "nis2_gap_report_law": (c_char_p, [GapReportP]),
    "nis2_gap_report_ir_2024_2690": (c_int, [GapReportP]),
    "nis2_gap_report_summary": (size_t, [GapReportP, u32]),
    "nis2_gap_report_duty_count": (size_t, [GapReportP]),
    "nis2_gap_report_duty_id": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_duty_ref": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_duty_title": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_duty_status": (c_int, [GapReportP, size_t]),
    "nis2_gap_report_duty_binds": (c_int, [GapReportP, size_t]),
    "nis2_gap_report_duty_nis2_specific": (c_int, [GapReportP, size_t]),
    "nis2_gap_report_duty_reason": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_duty_applies_because": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_duty_open_count": (size_t, [GapReportP, size_t]),
    "nis2_gap_report_duty_open_at": (c_char_p, [GapReportP, size_t, size_t]),
    "nis2_gap_report_duty_evidence_count": (size_t, [GapReportP, size_t]),
    "nis2_gap_report_duty_evidence_at": (c_char_p, [GapReportP, size_t, size_t]),
    "nis2_gap_report_duty_stale_count": (size_t, [GapReportP, size_t]),
    "nis2_gap_report_duty_stale_at": (c_char_p, [GapReportP, size_t, size_t]),
    "nis2_gap_report_question_id": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_question_text": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_question_status": (c_int, [GapReportP, size_t]),
    "nis2_gap_report_question_answer": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_finding_count": (size_t, [GapReportP, size_t]),
    "nis2_gap_report_finding_provision": (c_char_p, [GapReportP, size_t, size_t]),
    "nis2_gap_report_finding_text": (c_char_p, [GapReportP, size_t, size_t]),
    "nis2_gap_report_finding_action": (c_char_p, [GapReportP, size_t, size_t]),
    "nis2_gap_report_finding_id_count": (size_t, [GapReportP, size_t, size_t]),
    "nis2_gap_report_finding_id_at": (c_char_p, [GapReportP, size_t, size_t, size_t]),
    "nis2_gap_report_finding_open": (c_int, [GapReportP, size_t, size_t]),
    "nis2_gap_report_finding_weight": (c_int, [GapReportP, size_t, size_t]),
    "nis2_gap_report_finding_due": (c_char_p, [GapReportP, size_t, size_t]),
    "nis2_gap_report_finding_rank": (size_t, [GapReportP, size_t, size_t]),
    "nis2_gap_report_action_count": (size_t, [GapReportP]),
    "nis2_gap_report_action_question": (c_int, [GapReportP, size_t]),
    "nis2_gap_report_action_weight": (c_int, [GapReportP, size_t]),
    "nis2_gap_report_action_due": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_action_provision": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_action_text": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_action_finding": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_action_id_count": (size_t, [GapReportP, size_t]),
    "nis2_gap_report_action_id_at": (c_char_p, [GapReportP, size_t, size_t]),
    "nis2_gap_report_certificate_status": (c_char_p, [GapReportP]),
    "nis2_gap_report_certificate_counts": (c_int, [GapReportP]),
    "nis2_gap_report_stale_count": (size_t, [GapReportP]),
    "nis2_gap_report_stale_id": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_stale_reason": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_measure_count": (size_t, [GapReportP]),
    "nis2_gap_report_measure_id": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_measure_ref": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_measure_title": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_measure_status": (c_int, [GapReportP, size_t]),
    "nis2_gap_report_measure_controls": (size_t, [GapReportP, size_t]),
    "nis2_gap_report_measure_supported": (size_t, [GapReportP, size_t]),
    "nis2_gap_report_measure_partly_supported": (size_t, [GapReportP, size_t]),
    "nis2_gap_report_duty_group": (c_char_p, [GapReportP, size_t]),
    "nis2_gap_report_duty_nature": (c_char_p, [GapReportP, size_t]),
    # --- end gap.h ---
}

#: JSON-in/JSON-out capabilities (the CLI's command table): Python name -> candidate C symbols, all with the
#: json_fn signature ``(ctx, json, len, flags, char **out, err)``. Capabilities added in a later library release
#: are probed with hasattr, so that an older library still loads; the first candidate that exists is bound.
#: Adding a capability is one line here and one small method in api.py.
JSON_OPS: Dict[str, Tuple[str, ...]] = {
    "classify": ("nis2_classify_json",),
    "obligations": ("nis2_obligations_json",),
    "incident_deadlines": ("nis2_incident_deadlines_json",),
    "assess_incident": ("nis2_incident_assess_json", "nis2_incident_significance_json"),
    "gap_report": ("nis2_gap_report_json", "nis2_gap_json"),
}
for _cands in JSON_OPS.values():
    for _sym in _cands:
        if _sym not in FUNCTIONS:
            OPTIONAL_FUNCTIONS.setdefault(_sym, (status_t, _J))

#: Functions that every supported library must export (the first NIS2_1.0 release).
REQUIRED = frozenset(FUNCTIONS)
FUNCTIONS.update(OPTIONAL_FUNCTIONS)


def _check_status(status: int, func: Any, args: Tuple[Any, ...]) -> int:
    """errcheck hook: raise the Error subclass for a non-zero status, with code, path and message."""
    if status != NIS2_OK:
        raise error_from(status, args[-1] if args else None)
    return status


def error_from(status: int, err: Any) -> Error:
    """Build the exception for `status` from an ``nis2_error *`` (which may be NULL)."""
    lib = _lib
    assert lib is not None
    message = path = ""
    if err:
        code = lib.nis2_error_code(err) or status
        message = (lib.nis2_error_message(err) or b"").decode("utf-8", "replace")
        path = (lib.nis2_error_path(err) or b"").decode("utf-8", "replace")
        lib.nis2_error_clear(err)     # the sink is reused; leave it clean for the next call
    else:
        code = status
    name = lib.nis2_status_name(code).decode("ascii", "replace")
    if not message:
        message = lib.nis2_strerror(code).decode("utf-8", "replace")
    return error_class(code)(code, name, path, message)


class Library:
    """The loaded shared library with every function declared.

    Attributes are the C functions (``lib.nis2_ctx_new``). ``path`` is what was loaded; ``json_ops`` maps each
    capability name of :data:`JSON_OPS` to the bound C function, or to None when this library lacks it.
    """

    def __init__(self, cdll: ctypes.CDLL, path: str) -> None:
        self.cdll = cdll
        self.path = path
        self.missing: List[str] = []
        self._hot: Dict[str, Any] = {}
        for name, (restype, argtypes) in FUNCTIONS.items():
            if not hasattr(cdll, name):
                if name in REQUIRED:
                    self.missing.append(name)
                continue
            fn = getattr(cdll, name)
            fn.restype = c_int if restype is status_t else restype
            fn.argtypes = argtypes
            if restype is status_t:
                fn.errcheck = _check_status
            setattr(self, name, fn)
        self.json_ops: Dict[str, Optional[Callable[..., int]]] = {}
        for op, cands in JSON_OPS.items():
            self.json_ops[op] = next((getattr(self, c) for c in cands if hasattr(self, c)), None)
        self.json_op_symbols: Dict[str, Optional[str]] = {
            op: next((c for c in cands if hasattr(self, c)), None) for op, cands in JSON_OPS.items()}

    def raw(self, name: str) -> Any:
        """A fresh function object for `name` with the same prototype but *no* errcheck (hot loops check the
        status themselves)."""
        restype, argtypes = FUNCTIONS[name]
        fn = self.cdll[name]          # __getitem__ makes a new function object; attribute access is cached
        fn.restype = c_int if restype is status_t else restype
        fn.argtypes = argtypes
        return fn

    def hot(self, name: str) -> Any:
        """`name` bound once for hot loops (cached; safe to call from any thread), with its restype but *no*
        errcheck and *no* argtypes: ctypes then skips a ``from_param`` conversion per argument, so the caller
        must pass each argument as a ctypes object of the exact C type (``c_size_t(n)``, ``c_uint32(flags)``, the
        handle objects, ``byref(...)``), or ``bytes`` for a ``const char *``; never a bare int. An owned
        ``char **out`` is best read through a ``c_char_p``: ``out.value``, then ``hot("nis2_string_free")(out)``."""
        fn = self._hot.get(name)
        if fn is None:
            restype = FUNCTIONS[name][0]
            fn = self.cdll[name]          # a function object of our own: attribute access is shared
            fn.restype = c_int if restype is status_t else restype
            fn = self._hot.setdefault(name, fn)
        return fn

    def take_string(self, out: Any) -> str:
        """Read an owned ``char *`` as str and free it with nis2_string_free (exactly once)."""
        try:
            return ctypes.string_at(out).decode("utf-8")
        finally:
            self.nis2_string_free(out)


_lib: Optional[Library] = None
_lock = threading.Lock()


def _soname_candidates() -> List[str]:
    if sys.platform == "darwin":
        return ["libnis2.%d.dylib" % ABI_VERSION, "libnis2.dylib"]
    if sys.platform.startswith("win") or sys.platform == "cygwin":
        return ["nis2-%d.dll" % ABI_VERSION, "nis2.dll", "libnis2.dll"]
    return ["libnis2.so.%d" % ABI_VERSION]


def _pkgconfig(*args: str) -> Optional[str]:
    try:
        r = subprocess.run(["pkg-config"] + list(args) + ["nis2"], capture_output=True, text=True,
                           timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    d = r.stdout.strip()
    return d if r.returncode == 0 and d else None


def _pkgconfig_libdirs() -> List[str]:
    """The folders pkg-config names for nis2: ``libdir``, then each ``-L`` folder of ``--libs-only-L``.

    Meson's uninstalled file (``build/meson-uninstalled/nis2-uninstalled.pc``, found with
    ``PKG_CONFIG_PATH=build/meson-uninstalled``) sets ``libdir`` to the folder the library would be installed in,
    which does not exist in the build tree; its ``-L`` folder is the build's ``lib/``, where libnis2.so.1 is.
    """
    dirs: List[str] = []
    d = _pkgconfig("--variable=libdir")
    if d:
        dirs.append(d)
    flags = _pkgconfig("--libs-only-L") or ""
    for f in flags.split():
        if f.startswith("-L") and len(f) > 2 and f[2:] not in dirs:
            dirs.append(f[2:])
    return dirs


def load() -> Library:
    """Load libnis2 once (thread-safe) and return the :class:`Library`.

    Raises :class:`nis2.LibraryNotFoundError` naming every place that was tried, or when the library found has an
    ABI other than :data:`ABI_VERSION` or lacks functions of the NIS2_1.0 node.
    """
    global _lib
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried: List[str] = []
        cdll, where = None, ""
        env = os.environ.get("NIS2_LIBRARY")
        if env:
            try:
                cdll, where = ctypes.CDLL(env), env
            except OSError as e:
                raise LibraryNotFoundError("NIS2_LIBRARY=%s could not be loaded: %s" % (env, e)) from None
        if cdll is None:
            for name in _soname_candidates():
                try:
                    cdll, where = ctypes.CDLL(name), name
                    break
                except OSError as e:
                    tried.append("soname %s (%s)" % (name, e))
        if cdll is None:
            libdirs = _pkgconfig_libdirs()
            if not libdirs:
                tried.append("pkg-config --variable=libdir nis2 (not available or no nis2.pc)")
            for libdir in libdirs:
                for name in _soname_candidates():
                    p = os.path.join(libdir, name)
                    try:
                        cdll, where = ctypes.CDLL(p), p
                        break
                    except OSError as e:
                        tried.append("pkg-config libdir %s (%s)" % (p, e))
                if cdll is not None:
                    break
        if cdll is None:
            found = ctypes.util.find_library("nis2")
            if found:
                try:
                    cdll, where = ctypes.CDLL(found), found
                except OSError as e:
                    tried.append("ctypes.util.find_library('nis2') -> %s (%s)" % (found, e))
            else:
                tried.append("ctypes.util.find_library('nis2') (nothing found)")
        if cdll is None:
            raise LibraryNotFoundError(
                "libnis2 not found; tried: NIS2_LIBRARY (unset), " + "; ".join(tried)
                + ". Install libnis2 or set NIS2_LIBRARY to the path of libnis2.so.%d." % ABI_VERSION)
        if not hasattr(cdll, "nis2_abi_version"):
            raise LibraryNotFoundError("%s is not libnis2 (no nis2_abi_version)" % where)
        abi_fn = cdll.nis2_abi_version
        abi_fn.restype, abi_fn.argtypes = c_uint32, []
        abi = abi_fn()
        if abi != ABI_VERSION:
            raise LibraryNotFoundError("%s has ABI %d; this binding needs ABI %d" % (where, abi, ABI_VERSION))
        lib = Library(cdll, where)
        if lib.missing:
            raise LibraryNotFoundError("%s lacks required functions: %s" % (where, ", ".join(lib.missing)))
        _lib = lib
        return lib


__all__ = [
    "ABI_VERSION", "FUNCTIONS", "JSON_OPS", "Library", "load", "error_from", "byref",
    "ErrorP", "CtxP", "EntityP", "ResultP", "ObligationsP", "OwnedStr", "OPTIONAL_FUNCTIONS",
    "IncidentP", "DeadlinesP", "AssessmentP",      # i14
]
