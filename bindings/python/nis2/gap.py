# SPDX-License-Identifier: Apache-2.0
"""Typed gap report: an ISMS built step by step and the report read through the C getters (include/nis2/gap.h).

    >>> import nis2
    >>> isms = nis2.Isms({"country": "DE", "activities": ["digital_infrastructure.cloud_provider"],
    ...                   "employees": 320, "turnover_eur": 62e6}, as_of="2026-11-28")
    >>> isms.add_soa("A.5.24", "implemented")
    >>> isms.add_evidence("EV-1", dated="2026-03-02", controls=["A.5.24"])
    >>> rep = isms.report()
    >>> rep.questions[0].id, rep.questions[0].status
    ('scope', 'answered')

Every setter checks its entry as the same entry of a gap-report input document (lib/schema/FORMATS.md
§gap-report) is checked, and raises the matching :class:`nis2.Error` subclass whose ``path`` is the JSON path
the entry would have (``"$.risks[0].level"``). A :class:`GapReport` is immutable: dataclasses filled from the C getters once, plus :meth:`GapReport.render` for the
JSON, text, HTML and CSV forms (byte for byte what ``nis2 gap --format …`` prints).
"""

import ctypes
import datetime as _dt
import weakref
from ctypes import byref
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple, Union

from . import _ffi
from .api import Context, Entity, _sink, default_context
from .errors import UnsupportedError

__all__ = ["Isms", "GapReport", "Summary", "Duty", "Question", "Finding", "Action", "Measure", "StaleEvidence",
           "gap_report_typed",
           "DUTY_STATUSES", "QUESTION_STATUSES", "QUESTION_IDS", "WEIGHTS"]

#: Values of the C enumerations, by their fixed numbers (NIS2_GAP_COVERED …, NIS2_GAP_Q_…, NIS2_GAP_WEIGHT_…).
DUTY_STATUSES = ("covered", "partial", "missing", "not_applicable")
QUESTION_STATUSES = ("answered", "partial", "open")
QUESTION_IDS = ("scope", "obligations", "measures", "incident_handling", "management_accountability",
                "risk_decisions", "supply_chain")
WEIGHTS = ("reporting_capability", "accountability", "binding_duty", "review", "partial", "record")
_SUMMARY = ("assessed", "covered", "partial", "missing", "not_applicable", "nis2_specific_open", "evidence_items",
            "stale_evidence", "binding", "binding_not_assessed")


def _lib() -> Any:
    lib = _ffi.load()
    if not hasattr(lib, "nis2_isms_new"):
        raise UnsupportedError(11, "unsupported", "", "the loaded libnis2 has no typed gap report (NIS2_1.1)")
    return lib


def _b(s: Optional[str]) -> Optional[bytes]:
    return None if s is None else s.encode("utf-8")


def _d(v: Any) -> Optional[bytes]:
    """A date as the library reads it: a datetime.date or "YYYY-MM-DD" text (a datetime is not a date)."""
    if v is None:
        return None
    if isinstance(v, _dt.datetime):
        raise TypeError("expected a date, not a datetime (%r)" % (v,))
    if isinstance(v, _dt.date):
        return v.isoformat().encode("ascii")
    if isinstance(v, str):
        return v.encode("utf-8")
    raise TypeError("expected a datetime.date or 'YYYY-MM-DD' text, got %s" % type(v).__name__)


def _list(items: Optional[Iterable[str]]) -> Tuple[Any, int]:
    vals = [s.encode("utf-8") for s in (items or ())]
    if not vals:
        return None, 0
    return (ctypes.c_char_p * len(vals))(*vals), len(vals)


def _flag(v: bool, what: str) -> int:
    if not isinstance(v, bool):
        raise TypeError("%s must be True or False" % what)
    return 1 if v else 0


def _s(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8")


# --- the report ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Summary:
    """The report's counters (``summary`` of the JSON)."""

    assessed: int
    covered: int
    partial: int
    missing: int
    not_applicable: int
    nis2_specific_open: int
    evidence_items: int
    stale_evidence: int
    binding: int
    binding_not_assessed: int


@dataclass(frozen=True)
class Duty:
    """One duty of the report: those that bind first, then the Directive's that do not."""

    id: str
    ref: str
    title: str
    group: str
    nature: str
    status: str                    #: one of DUTY_STATUSES
    binds: bool
    nis2_specific: bool
    reason: Optional[str]          #: why a not_applicable duty is not assessed as a gap
    applies_because: Optional[str]
    open: Tuple[str, ...]          #: what is missing, in words
    evidence: Tuple[str, ...]      #: current evidence naming the duty directly
    stale_evidence: Tuple[str, ...]


@dataclass(frozen=True)
class Measure:
    """A NIS2 Art. 21(2) measure of the summary: how many of its linked ISO/IEC 27001 controls are supported."""

    id: str
    ref: str
    title: str
    status: str                    #: one of DUTY_STATUSES
    controls: int
    supported: int
    partly_supported: int


@dataclass(frozen=True)
class StaleEvidence:
    id: str
    reason: str


@dataclass(frozen=True)
class Finding:
    """A finding of one of the seven questions, with what to do about it."""

    provision: str
    text: str
    action: str
    ids: Tuple[str, ...]           #: the input or catalog ids it concerns
    open: bool                     #: nothing shown yet (False: shown in part)
    weight: str                    #: one of WEIGHTS
    due: Optional[str]
    rank: int                      #: its place in the prioritised action list (1-based)


@dataclass(frozen=True)
class Question:
    id: str                        #: one of QUESTION_IDS
    question: str
    status: str                    #: one of QUESTION_STATUSES
    answer: str
    findings: Tuple[Finding, ...]


@dataclass(frozen=True)
class Action:
    """One action of the prioritised list (legal weight, then due date first)."""

    rank: int
    question: str
    weight: str
    due: Optional[str]
    provision: str
    action: str
    finding: str
    ids: Tuple[str, ...]


@dataclass(frozen=True)
class GapReport:
    """The gap report, read once through the C getters; :meth:`render` gives its JSON, text, HTML or CSV."""

    as_of: str
    category: str
    law: str
    ir_2024_2690: bool
    summary: Summary
    certificate_status: Optional[str]   #: None when no certificate was given
    certificate_counts: bool
    measures: Tuple[Measure, ...]
    stale_evidence: Tuple[StaleEvidence, ...]
    duties: Tuple[Duty, ...]
    questions: Tuple[Question, ...]
    actions: Tuple[Action, ...]
    _handle: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def _from_handle(cls, lib: Any, h: Any) -> "GapReport":
        weakref_holder = _Handle(lib, h)
        duties = []
        for i in range(lib.nis2_gap_report_duty_count(h)):
            duties.append(Duty(
                id=_s(lib.nis2_gap_report_duty_id(h, i)) or "",
                ref=_s(lib.nis2_gap_report_duty_ref(h, i)) or "",
                title=_s(lib.nis2_gap_report_duty_title(h, i)) or "",
                group=_s(lib.nis2_gap_report_duty_group(h, i)) or "",
                nature=_s(lib.nis2_gap_report_duty_nature(h, i)) or "",
                status=DUTY_STATUSES[lib.nis2_gap_report_duty_status(h, i)],
                binds=lib.nis2_gap_report_duty_binds(h, i) == 1,
                nis2_specific=lib.nis2_gap_report_duty_nis2_specific(h, i) == 1,
                reason=_s(lib.nis2_gap_report_duty_reason(h, i)),
                applies_because=_s(lib.nis2_gap_report_duty_applies_because(h, i)),
                open=tuple(_s(lib.nis2_gap_report_duty_open_at(h, i, j)) or ""
                           for j in range(lib.nis2_gap_report_duty_open_count(h, i))),
                evidence=tuple(_s(lib.nis2_gap_report_duty_evidence_at(h, i, j)) or ""
                               for j in range(lib.nis2_gap_report_duty_evidence_count(h, i))),
                stale_evidence=tuple(_s(lib.nis2_gap_report_duty_stale_at(h, i, j)) or ""
                                     for j in range(lib.nis2_gap_report_duty_stale_count(h, i)))))
        questions = []
        for q in range(len(QUESTION_IDS)):
            fs = []
            for j in range(lib.nis2_gap_report_finding_count(h, q)):
                fs.append(Finding(
                    provision=_s(lib.nis2_gap_report_finding_provision(h, q, j)) or "",
                    text=_s(lib.nis2_gap_report_finding_text(h, q, j)) or "",
                    action=_s(lib.nis2_gap_report_finding_action(h, q, j)) or "",
                    ids=tuple(_s(lib.nis2_gap_report_finding_id_at(h, q, j, k)) or ""
                              for k in range(lib.nis2_gap_report_finding_id_count(h, q, j))),
                    open=lib.nis2_gap_report_finding_open(h, q, j) == 1,
                    weight=WEIGHTS[lib.nis2_gap_report_finding_weight(h, q, j)],
                    due=_s(lib.nis2_gap_report_finding_due(h, q, j)),
                    rank=int(lib.nis2_gap_report_finding_rank(h, q, j))))
            questions.append(Question(
                id=_s(lib.nis2_gap_report_question_id(h, q)) or "",
                question=_s(lib.nis2_gap_report_question_text(h, q)) or "",
                status=QUESTION_STATUSES[lib.nis2_gap_report_question_status(h, q)],
                answer=_s(lib.nis2_gap_report_question_answer(h, q)) or "",
                findings=tuple(fs)))
        actions = []
        for k in range(lib.nis2_gap_report_action_count(h)):
            actions.append(Action(
                rank=k + 1,
                question=QUESTION_IDS[lib.nis2_gap_report_action_question(h, k)],
                weight=WEIGHTS[lib.nis2_gap_report_action_weight(h, k)],
                due=_s(lib.nis2_gap_report_action_due(h, k)),
                provision=_s(lib.nis2_gap_report_action_provision(h, k)) or "",
                action=_s(lib.nis2_gap_report_action_text(h, k)) or "",
                finding=_s(lib.nis2_gap_report_action_finding(h, k)) or "",
                ids=tuple(_s(lib.nis2_gap_report_action_id_at(h, k, j)) or ""
                          for j in range(lib.nis2_gap_report_action_id_count(h, k)))))
        summary = Summary(*(int(lib.nis2_gap_report_summary(h, w)) for w in range(len(_SUMMARY))))
        measures = tuple(Measure(
            id=_s(lib.nis2_gap_report_measure_id(h, m)) or "", ref=_s(lib.nis2_gap_report_measure_ref(h, m)) or "",
            title=_s(lib.nis2_gap_report_measure_title(h, m)) or "",
            status=DUTY_STATUSES[lib.nis2_gap_report_measure_status(h, m)],
            controls=int(lib.nis2_gap_report_measure_controls(h, m)),
            supported=int(lib.nis2_gap_report_measure_supported(h, m)),
            partly_supported=int(lib.nis2_gap_report_measure_partly_supported(h, m)))
            for m in range(lib.nis2_gap_report_measure_count(h)))
        stale = tuple(StaleEvidence(_s(lib.nis2_gap_report_stale_id(h, k)) or "",
                                    _s(lib.nis2_gap_report_stale_reason(h, k)) or "")
                      for k in range(lib.nis2_gap_report_stale_count(h)))
        return cls(as_of=_s(lib.nis2_gap_report_as_of(h)) or "", category=_s(lib.nis2_gap_report_category(h)) or "",
                   law=_s(lib.nis2_gap_report_law(h)) or "", ir_2024_2690=lib.nis2_gap_report_ir_2024_2690(h) == 1,
                   summary=summary, certificate_status=_s(lib.nis2_gap_report_certificate_status(h)),
                   certificate_counts=lib.nis2_gap_report_certificate_counts(h) == 1, measures=measures,
                   stale_evidence=stale, duties=tuple(duties), questions=tuple(questions), actions=tuple(actions),
                   _handle=weakref_holder)

    def render(self, format: str = "text", pretty: bool = False) -> str:
        """The report as ``"json"`` or ``"oscal"`` (OSCAL 1.2 assessment-results; ``pretty`` for the indented form of
        either), ``"text"``, ``"html"`` or ``"csv"``."""
        try:
            fmt = _ffi.GAP_FORMATS[format]
        except KeyError:
            raise ValueError("format must be one of %s" % ", ".join(_ffi.GAP_FORMATS)) from None
        h = self._handle
        out = _ffi.OwnedStr()
        h.lib.nis2_gap_report_to_string(h.ptr, fmt, _ffi.NIS2_JSON_PRETTY if pretty else 0, byref(out), _sink())
        return h.lib.take_string(out)

    def duty(self, duty_id: str) -> Duty:
        """The duty with this id (KeyError when the report has none)."""
        for d in self.duties:
            if d.id == duty_id:
                return d
        raise KeyError(duty_id)

    def question(self, question_id: str) -> Question:
        return self.questions[QUESTION_IDS.index(question_id)]


class _Handle:
    """Owns one nis2_gap_report; freed when the last GapReport holding it is collected."""

    __slots__ = ("lib", "ptr", "__weakref__")

    def __init__(self, lib: Any, ptr: Any) -> None:
        self.lib, self.ptr = lib, ptr
        weakref.finalize(self, lib.nis2_gap_report_free, ptr)


def gap_report_typed(document: Union[str, bytes, Mapping[str, Any]], ctx: Optional[Context] = None) -> GapReport:
    """The typed report of a whole gap-report input document (lib/schema/FORMATS.md §gap-report), through
    ``nis2_gap_report_from_json``."""
    from .api import _compose, _encode
    ctx = ctx if ctx is not None else default_context()
    lib = _lib()
    b = _encode(_compose(document))
    h = _ffi.GapReportP()
    lib.nis2_gap_report_from_json(ctx._p, b, len(b), byref(h), _sink())
    return GapReport._from_handle(lib, h)


# --- the ISMS builder ----------------------------------------------------------------------------------------
class Isms:
    """An ISMS built step by step (mirrors ``nis2_isms_*``): the entity, the reference date, the Statement of
    Applicability, the certificate, evidence, the management body's records, the risk and supplier registers.

    ``entity`` is a :class:`nis2.Entity` or an entity document (lib/schema/FORMATS.md §entity); it is copied.
    Evidence named by an approval, a risk or a supplier must have been added before.
    """

    def __init__(self, entity: Union[Entity, Mapping[str, Any], str], as_of: Union[str, _dt.date],
                 ctx: Optional[Context] = None) -> None:
        if isinstance(entity, Entity):
            ctx = ctx if ctx is not None else entity._ctx
            ent = entity
        else:
            ctx = ctx if ctx is not None else default_context()
            ent = Entity.from_json(entity, ctx)
        lib = _lib()
        self._ctx, self._lib = ctx, lib
        ptr = _ffi.IsmsP()
        lib.nis2_isms_new(ctx._p, ent._p, _d(as_of), byref(ptr), _sink())
        self._ptr = ptr
        self._finalizer = weakref.finalize(self, lib.nis2_isms_free, ptr)

    def add_soa(self, control: str, status: Optional[str] = None, *, applicable: bool = True,
                justification: Optional[str] = None) -> "Isms":
        """A Statement of Applicability entry; ``applicable=False`` excludes an Annex A control (no status)."""
        self._lib.nis2_isms_add_soa(self._ptr, _b(control), _flag(applicable, "applicable"), _b(status),
                                    _b(justification), _sink())
        return self

    def set_certificate(self, standard: str, valid_until: Union[str, _dt.date], scope_covers_nis2_services: bool,
                        *, issued: Union[str, _dt.date, None] = None,
                        certification_body: Optional[str] = None) -> "Isms":
        self._lib.nis2_isms_set_certificate(self._ptr, _b(standard), _d(valid_until),
                                            _flag(scope_covers_nis2_services, "scope_covers_nis2_services"),
                                            _d(issued), _b(certification_body), _sink())
        return self

    def add_evidence(self, id: str, *, dated: Union[str, _dt.date], controls: Sequence[str] = (),
                     obligations: Sequence[str] = (), title: Optional[str] = None,
                     valid_until: Union[str, _dt.date, None] = None) -> "Isms":
        c, nc = _list(controls)
        o, no = _list(obligations)
        self._lib.nis2_isms_add_evidence(self._ptr, _b(id), _b(title), _d(dated), _d(valid_until), c, nc, o, no,
                                         _sink())
        return self

    def set_security_reporter(self, who: str) -> "Isms":
        self._lib.nis2_isms_set_security_reporter(self._ptr, _b(who), _sink())
        return self

    def add_member(self, id: str, *, role: Optional[str] = None,
                   trained_on: Union[str, _dt.date, None] = None) -> "Isms":
        self._lib.nis2_isms_add_member(self._ptr, _b(id), _b(role), _d(trained_on), _sink())
        return self

    def add_approval(self, what: str, date: Union[str, _dt.date], evidence: Sequence[str] = ()) -> "Isms":
        e, ne = _list(evidence)
        self._lib.nis2_isms_add_approval(self._ptr, _b(what), _d(date), e, ne, _sink())
        return self

    def add_oversight(self, what: str, date: Union[str, _dt.date], evidence: Sequence[str] = ()) -> "Isms":
        e, ne = _list(evidence)
        self._lib.nis2_isms_add_oversight(self._ptr, _b(what), _d(date), e, ne, _sink())
        return self

    def add_risk(self, id: str, title: str, level: str, treatment: str, *,
                 assessed_on: Union[str, _dt.date, None] = None, controls: Sequence[str] = (),
                 obligations: Sequence[str] = (), decided_by: Optional[str] = None,
                 decision_date: Union[str, _dt.date, None] = None, review_by: Union[str, _dt.date, None] = None,
                 evidence: Sequence[str] = ()) -> "Isms":
        c, nc = _list(controls)
        o, no = _list(obligations)
        e, ne = _list(evidence)
        self._lib.nis2_isms_add_risk(self._ptr, _b(id), _b(title), _b(level), _b(treatment), _d(assessed_on), c, nc,
                                     o, no, _b(decided_by), _d(decision_date), _d(review_by), e, ne, _sink())
        return self

    def add_supplier(self, id: str, name: str, service: str, critical: bool, *, contact: Optional[str] = None,
                     assessed_on: Union[str, _dt.date, None] = None,
                     next_assessment: Union[str, _dt.date, None] = None, contract_clauses: Sequence[str] = (),
                     certifications: Sequence[str] = (), evidence: Sequence[str] = ()) -> "Isms":
        cl, ncl = _list(contract_clauses)
        ce, nce = _list(certifications)
        e, ne = _list(evidence)
        self._lib.nis2_isms_add_supplier(self._ptr, _b(id), _b(name), _b(service), _flag(critical, "critical"),
                                         _b(contact), _d(assessed_on), _d(next_assessment), cl, ncl, ce, nce, e, ne,
                                         _sink())
        return self

    def to_json(self, pretty: bool = False) -> str:
        """The ISMS as a gap-report input document (lib/schema/FORMATS.md §gap-report)."""
        out = _ffi.OwnedStr()
        self._lib.nis2_isms_to_json(self._ptr, _ffi.NIS2_JSON_PRETTY if pretty else 0, byref(out), _sink())
        return self._lib.take_string(out)

    def report(self) -> GapReport:
        """Compute the gap report."""
        h = _ffi.GapReportP()
        self._lib.nis2_gap_compute(self._ptr, byref(h), _sink())
        return GapReport._from_handle(self._lib, h)
