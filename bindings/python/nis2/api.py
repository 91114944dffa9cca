# SPDX-License-Identifier: Apache-2.0
"""The Pythonic layer of the libnis2 binding: :class:`Context`, :class:`Entity`, :class:`Result` and shortcuts.

Ownership rules (mirroring the C library):

* every owned C string is read once and freed once with ``nis2_string_free`` (in a ``finally``);
* every C object (context, entity, result, error sink) is freed exactly once, by a :func:`weakref.finalize`
  or by ``close()``, whichever comes first;
* C entities and results keep their context alive, so a :class:`Result` or :class:`Entity` stays valid after
  the :class:`Context` it came from is closed;
* a :class:`Context` is immutable and may be used from any number of threads at once (each thread gets its own
  ``nis2_error`` sink). Do not call :meth:`Context.close` while other threads still use the context.
"""

from __future__ import annotations

import ctypes
import datetime as _dt
import json as _json
import os
import decimal as _decimal
import math as _math
import threading
import weakref
from dataclasses import dataclass
from typing import (Any, Dict, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Tuple, Union)

from . import _ffi
from ._ffi import OwnedStr, byref
from .errors import Error, UnsupportedError, error_class

__all__ = [
    "Context", "Entity", "Result", "Verdict", "Reason", "EntityLike", "PathLike",
    "default_context", "classify", "classify_many", "obligations", "incident_deadlines", "assess_incident",
    "gap_report", "catalog", "library_version", "library_version_number", "abi_version", "catalog_version",
    "library_path", "status_name", "strerror", "capabilities",
]

PathLike = Union[str, "os.PathLike[str]"]
#: What the classification functions accept: a dict (lib/schema/FORMATS.md §entity), JSON text (str or UTF-8 bytes),
#: or an Entity.
EntityLike = Union[Mapping[str, Any], str, bytes, "Entity"]

# allow_nan=False: NaN and Infinity are not JSON; the library would reject them, so they are refused here, naming
# the field (_bad_value), as are Decimal values and naive datetimes.
_encoder = _json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_plain_dumps = _encoder.encode


def _invalid(path: str, message: str) -> Error:
    """An nis2.InvalidFieldError naming `path`."""
    return error_class(4)(4, "invalid_field", path, "%s: %s" % (path, message))


def _bad_value(obj: Any, path: str = "$", _seen: Optional[set] = None) -> Optional[Error]:
    """The nis2 error for the first value of `obj` that is not JSON (NaN, Infinity, Decimal, datetime, …), or None
    (also for a circular structure: the encoder's own ValueError says that)."""
    if isinstance(obj, float):
        return None if _math.isfinite(obj) else _invalid(path, "%r is not a finite number (JSON has no NaN or "
                                                          "Infinity)" % obj)
    if obj is None or isinstance(obj, (str, int, bool)):
        return None
    if isinstance(obj, _decimal.Decimal):
        return _invalid(path, "a decimal.Decimal (%s): pass an int or a float" % obj)
    if isinstance(obj, _dt.datetime):
        return _invalid(path, "a naive datetime (%s): give it a timezone (tzinfo)" % obj.isoformat()
                        if obj.tzinfo is None or obj.utcoffset() is None else
                        "a datetime in a document: give it as RFC 3339 text (datetime.isoformat())")
    seen = _seen if _seen is not None else set()
    if id(obj) in seen:
        return None
    seen.add(id(obj))
    if isinstance(obj, Mapping):
        for k, v in obj.items():
            if not isinstance(k, str):
                return _invalid(path, "key %r is not a string" % (k,))
            e = _bad_value(v, "%s.%s" % (path, k), seen)
            if e is not None:
                return e
        return None
    if isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            e = _bad_value(v, "%s[%d]" % (path, i), seen)
            if e is not None:
                return e
        return None
    return None                  # other types: the encoder's own TypeError names them


def _dumps(obj: Any) -> str:
    """Compact JSON text of obj; a value JSON cannot hold raises an nis2.InvalidFieldError naming its path."""
    try:
        return _plain_dumps(obj)
    except (ValueError, TypeError):
        e = _bad_value(obj)
        if e is None:
            raise
        raise e from None


def _batch_encoder() -> Any:
    """``encode(obj, 0)`` giving the pieces of ``_dumps(obj)`` (public json API only)."""
    return lambda o, _level: (_dumps(o),)


# --- the per-thread error sink -------------------------------------------------------------------------------
class _ErrorSink:
    """One owned ``nis2_error``; freed exactly once when the sink is collected."""

    __slots__ = ("ptr", "__weakref__")

    def __init__(self, lib: "_ffi.Library") -> None:
        ptr = lib.nis2_error_new()
        if not ptr:
            raise MemoryError("nis2_error_new failed")
        self.ptr = ptr
        weakref.finalize(self, lib.nis2_error_free, ptr)


_tls = threading.local()


def _sink() -> Any:
    """This thread's ``nis2_error *`` (a nis2_error must not be shared between threads)."""
    try:
        return _tls.sink.ptr
    except AttributeError:
        _tls.sink = _ErrorSink(_ffi.load())
        return _tls.sink.ptr


def _encode(doc: Any) -> bytes:
    """Entity or document as UTF-8 JSON bytes."""
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, str):
        return doc.encode("utf-8")
    if isinstance(doc, Entity):
        return doc.to_json().encode("utf-8")
    if isinstance(doc, Mapping):
        return _dumps(dict(doc) if not isinstance(doc, dict) else doc).encode("utf-8")
    raise TypeError("expected a dict, JSON text (str/bytes) or nis2.Entity, got %s" % type(doc).__name__)


def _as_obj(doc: Any) -> Any:
    """Entity or document as a JSON-compatible Python object (to nest it in a larger document)."""
    if isinstance(doc, Entity):
        return doc.to_dict()
    if isinstance(doc, (str, bytes)):
        return _json.loads(doc)
    if isinstance(doc, Mapping):
        return dict(doc)
    raise TypeError("expected a dict, JSON text (str/bytes) or nis2.Entity, got %s" % type(doc).__name__)


def _time(t: Any, path: str = "$") -> Any:
    """datetime/date -> RFC 3339 / ISO text; anything else unchanged. A naive datetime (no tzinfo) is refused with
    an nis2.InvalidFieldError naming `path`: the library needs the offset to count months and working days."""
    if isinstance(t, _dt.datetime):
        if t.tzinfo is None or t.utcoffset() is None:
            raise _invalid(path, "a naive datetime (%s): give it a timezone (tzinfo)" % t.isoformat())
        return t.isoformat()
    if isinstance(t, _dt.date):
        return t.isoformat()
    return t


def _s(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8")


_MISSING: Any = object()

# --- results ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    """One verdict: the Directive's (``country``/``authority`` None) or a national overlay's."""

    category: str
    decided_by: Optional[str]
    grounds: Tuple[str, ...]
    country: Optional[str] = None
    authority: Optional[str] = None


class Reason(NamedTuple):
    """One step of the reasoning trace: the provision and what it decided."""

    ref: str
    text: str


class Result:
    """A classification (lib/schema/FORMATS.md §classification).

    Created by :meth:`Context.classify`; immutable and safe to read from several threads. It is backed either by
    the library's JSON text (``classify`` of a dict or text, ``classify_many``) or by a C ``nis2_result`` (``classify``
    of an :class:`Entity`, read through the typed getters). Either way :meth:`to_dict` equals the library's JSON.
    A text-backed result parses its JSON once, when a nested part or :meth:`to_dict` is first read; the top-level
    strings (``category``, ``decided_by``, ``law``, ``size_class``, ``name``, ``country``) are read from the text.
    """

    __slots__ = ("_raw", "_doc", "_handle", "__weakref__")

    _raw: Optional[bytes]
    _doc: Optional[Dict[str, Any]]
    _handle: Any

    def __init__(self) -> None:
        raise TypeError("nis2.Result objects are made by Context.classify()")

    @classmethod
    def _from_json(cls, raw: bytes) -> "Result":
        self = object.__new__(cls)
        self._raw, self._doc, self._handle = raw, None, None
        return self

    @classmethod
    def _from_handle(cls, lib: "_ffi.Library", handle: Any) -> "Result":
        self = object.__new__(cls)
        self._raw, self._doc, self._handle = None, None, handle
        weakref.finalize(self, lib.nis2_result_free, handle)
        return self

    # -- serialisation
    def to_json(self, pretty: bool = False) -> str:
        """The library's JSON text, lib/schema/FORMATS.md §classification (compact: byte-identical to ``nis2 classify``)."""
        if self._handle is not None:
            lib = _ffi.load()
            out = OwnedStr()
            lib.nis2_result_to_json(self._handle, _ffi.NIS2_JSON_PRETTY if pretty else 0, byref(out), _sink())
            return lib.take_string(out)
        assert self._raw is not None
        if pretty:
            return _json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
        return self._raw.decode("utf-8")

    def to_dict(self) -> Dict[str, Any]:
        """The result as a fresh dict, equal to the library's JSON."""
        if self._doc is None:
            self._doc = _json.loads(self._raw if self._raw is not None else self.to_json())
        return _json.loads(_dumps(self._doc))          # a deep copy the caller may modify

    def _d(self) -> Dict[str, Any]:
        if self._doc is None:
            self._doc = _json.loads(self._raw if self._raw is not None else self.to_json())
        return self._doc

    # -- typed getters on a C result
    def _verdict_c(self, v: int) -> Verdict:
        lib, h = _ffi.load(), self._handle
        grounds = tuple(lib.nis2_result_ground_at(h, v, i).decode("utf-8")
                        for i in range(lib.nis2_result_ground_count(h, v)))
        if v == _ffi.VERDICT_NATIONAL:
            return Verdict(_s(lib.nis2_result_category(h, v)) or "", _s(lib.nis2_result_decided_by(h, v)), grounds,
                           self._d().get("country"), _s(lib.nis2_result_authority(h)))
        return Verdict(_s(lib.nis2_result_category(h, v)) or "", _s(lib.nis2_result_decided_by(h, v)), grounds)

    # -- properties
    def _top(self, name: str) -> Any:
        """Top-level member `name` of a JSON-backed result (the text is parsed once, on first use)."""
        return self._d().get(name, _MISSING)

    @property
    def category(self) -> str:
        """The category under the law that applies (national where an overlay exists, else the Directive)."""
        if self._handle is not None:
            return _s(_ffi.load().nis2_result_category(self._handle, _ffi.VERDICT_APPLICABLE)) or ""
        return self._d()["category"]

    @property
    def category_id(self) -> int:
        """NIS2_CATEGORY_* number of :attr:`category` (6 for a category only a national law has)."""
        if self._handle is not None:
            return int(_ffi.load().nis2_result_category_id(self._handle, _ffi.VERDICT_APPLICABLE))
        return _ffi.CATEGORY_IDS.get(self.category, _ffi.CATEGORY_NATIONAL)

    @property
    def decided_by(self) -> Optional[str]:
        """The deciding provision, e.g. ``"NIS2 Art. 3(1)(a)"``."""
        if self._handle is not None:
            return _s(_ffi.load().nis2_result_decided_by(self._handle, _ffi.VERDICT_APPLICABLE))
        v = self._top("decided_by")
        return None if v is _MISSING else v

    @property
    def law(self) -> str:
        """The law the applicable verdict comes from: ``"EU 2022/2555"`` or e.g. ``"PT DL 125/2025"``."""
        if self._handle is not None:
            return _s(_ffi.load().nis2_result_law(self._handle)) or ""
        v = self._top("law")
        return self._d()["law"] if v is _MISSING else v

    @property
    def size_class(self) -> Optional[str]:
        """``"micro"``, ``"small"``, ``"medium"``, ``"large"``, or None when the figures do not settle it."""
        if self._handle is not None:
            return _s(_ffi.load().nis2_result_size_class_name(self._handle))
        v = self._top("size_class")
        return None if v is _MISSING else v

    @property
    def directive(self) -> Verdict:
        """The Directive's own verdict (always present)."""
        if self._handle is not None:
            return self._verdict_c(_ffi.VERDICT_DIRECTIVE)
        d = self._d()["directive"]
        return Verdict(d["category"], d.get("decided_by"), tuple(d.get("grounds", ())))

    @property
    def national(self) -> Optional[Verdict]:
        """The national overlay's verdict, or None for a country without an overlay."""
        if self._handle is not None:
            if not _ffi.load().nis2_result_has_verdict(self._handle, _ffi.VERDICT_NATIONAL):
                return None
            return self._verdict_c(_ffi.VERDICT_NATIONAL)
        n = self._d().get("national")
        if not n or n.get("encoded") is False:     # not encoded: the object says so, it is no verdict
            return None
        return Verdict(n["category"], n.get("decided_by"), tuple(n.get("grounds", ())), n.get("country"),
                       n.get("authority"))

    @property
    def grounds(self) -> Tuple[str, ...]:
        """Every provision that matched for the applicable verdict."""
        n = self.national
        return (n if n is not None else self.directive).grounds

    @property
    def authority(self) -> Optional[str]:
        """The supervising authority named by the national overlay, or None."""
        n = self.national
        return n.authority if n is not None else None

    @property
    def reasons(self) -> Tuple[Reason, ...]:
        """The reasoning trace, in order."""
        if self._handle is not None:
            lib, h = _ffi.load(), self._handle
            return tuple(Reason(lib.nis2_result_reason_ref(h, i).decode("utf-8"),
                                lib.nis2_result_reason_text(h, i).decode("utf-8"))
                         for i in range(lib.nis2_result_reason_count(h)))
        return tuple(Reason(r["ref"], r["text"]) for r in self._d().get("reasons", ()))

    @property
    def missing(self) -> Tuple[str, ...]:
        """The absent facts that make the verdict undetermined (empty otherwise)."""
        if self._handle is not None:
            lib, h = _ffi.load(), self._handle
            return tuple(lib.nis2_result_missing_at(h, i).decode("utf-8")
                         for i in range(lib.nis2_result_missing_count(h)))
        return tuple(self._d().get("missing", ()))

    @property
    def name(self) -> Optional[str]:
        """The entity's name, when it had one."""
        if self._handle is not None:
            return self._d().get("name")
        v = self._top("name")
        return None if v is _MISSING else v

    @property
    def country(self) -> Optional[str]:
        """The entity's Member State."""
        if self._handle is not None:
            return self._d().get("country")
        v = self._top("country")
        return None if v is _MISSING else v

    @property
    def library_version(self) -> str:
        return self._d()["library_version"]

    @property
    def catalog_version(self) -> str:
        return self._d()["catalog_version"]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        if self._raw is not None and self._raw == other._raw:
            return True                      # same text, same document
        return self._d() == other._d()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "<nis2.Result %s %s by %s>" % (self.name or self.country, self.category, self.decided_by)


# --- context -----------------------------------------------------------------------------------------------------
class Context:
    """An immutable catalog of the law; the entry point of every operation.

    ``Context()`` uses the catalog embedded in the library. ``Context(path)`` loads a catalog file (the JSON that
    :meth:`catalog` / ``nis2 catalog`` prints): it replaces the embedded catalog, or with ``extend=True`` is laid
    over it. ``Context(catalog_json=...)`` does the same from text or a dict. Use as a context manager or call
    :meth:`close`; otherwise the C context is freed when the object is collected.

    Raises :class:`nis2.FileError`, :class:`nis2.ParseError`, :class:`nis2.CatalogError`, ….
    """

    def __init__(self, catalog: Optional[PathLike] = None, *, extend: bool = False,
                 catalog_json: Union[str, bytes, Mapping[str, Any], None] = None) -> None:
        lib = _ffi.load()
        self._lib = lib
        ptr = _ffi.CtxP()
        flags = _ffi.NIS2_CATALOG_EXTEND if extend else _ffi.NIS2_CATALOG_REPLACE
        if catalog is not None and catalog_json is not None:
            raise TypeError("give a catalog path or catalog_json, not both")
        if catalog is not None:
            lib.nis2_ctx_new_from_file(byref(ptr), os.fsencode(catalog), flags, _sink())
        elif catalog_json is not None:
            b = _encode(catalog_json)
            lib.nis2_ctx_new_from_json(byref(ptr), b, len(b), flags, _sink())
        else:
            if extend:
                raise TypeError("extend=True needs a catalog to lay over the embedded one")
            lib.nis2_ctx_new(byref(ptr), _sink())
        self._ptr: Any = ptr
        self._finalizer = weakref.finalize(self, lib.nis2_ctx_free, ptr)

    # -- lifetime
    @property
    def _p(self) -> Any:
        p = self._ptr
        if p is None:
            raise ValueError("operation on a closed nis2.Context")
        return p

    @property
    def closed(self) -> bool:
        return self._ptr is None

    def close(self) -> None:
        """Drop this context (idempotent). Results and entities made from it stay valid."""
        self._ptr = None
        self._finalizer()

    def __enter__(self) -> "Context":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._ptr is None:
            return "<nis2.Context closed>"
        return "<nis2.Context catalog %s>" % self.catalog_version

    # -- catalog
    @property
    def catalog_version(self) -> str:
        """Version of the catalog content, e.g. ``"2026.12.1"``."""
        return self._lib.nis2_ctx_catalog_version(self._p).decode("utf-8")

    @property
    def extensions(self) -> Tuple[Tuple[str, str], ...]:
        """(name, version) of every catalog extension laid over this context's catalog, oldest first; empty for
        the embedded catalog (and with a library older than the NIS2_1.1 node)."""
        lib, p = self._lib, self._p
        if not hasattr(lib, "nis2_ctx_extension_count"):
            return ()
        return tuple((lib.nis2_ctx_extension_name(p, i).decode("utf-8"),
                      lib.nis2_ctx_extension_version(p, i).decode("utf-8"))
                     for i in range(lib.nis2_ctx_extension_count(p)))

    @property
    def entity_types(self) -> Tuple[str, ...]:
        """Codes of every entity type in the catalog (national overlays included), in catalog order."""
        lib, p = self._lib, self._p
        return tuple(lib.nis2_ctx_entity_type_code(p, i).decode("utf-8")
                     for i in range(lib.nis2_ctx_entity_type_count(p)))

    def national_keys(self, country: str) -> Tuple["NationalKey", ...]:
        """The facts the national law of ``country`` asks (its overlay's ``national_keys``, in order), for building
        forms: name, type (``"boolean"``, ``"enum"``, ``"date"``, ``"number"``, ``"string"``, ``"codes"``), the
        provision, what it means and an enum's values. Empty for a country without an overlay."""
        lib, p, cc = self._needs("nis2_ctx_national_key_count"), self._p, country.encode("utf-8")

        def text(v: Optional[bytes]) -> Optional[str]:
            return None if v is None else v.decode("utf-8")

        return tuple(NationalKey(
            name=lib.nis2_ctx_national_key_name(p, cc, i).decode("utf-8"),
            type=_ffi.NATIONAL_KEY_TYPES.get(lib.nis2_ctx_national_key_type(p, cc, i), "unknown"),
            ref=text(lib.nis2_ctx_national_key_ref(p, cc, i)),
            meaning=text(lib.nis2_ctx_national_key_meaning(p, cc, i)),
            values=tuple(lib.nis2_ctx_national_key_value_at(p, cc, i, j).decode("utf-8")
                         for j in range(lib.nis2_ctx_national_key_value_count(p, cc, i))))
            for i in range(lib.nis2_ctx_national_key_count(p, cc)))

    def catalog_json(self, part: Optional[str] = None, pretty: bool = False) -> str:
        """The catalog as JSON text (lib/schema/FORMATS.md §catalog); only ``part`` (``"entity_types"``, ``"obligations"``, …) when
        given. Raises :class:`nis2.NotFoundError` for an unknown part."""
        lib, out = self._lib, OwnedStr()
        lib.nis2_ctx_catalog_json(self._p, None if part is None else part.encode("utf-8"),
                                  _ffi.NIS2_JSON_PRETTY if pretty else 0, byref(out), _sink())
        return lib.take_string(out)

    def catalog(self, part: Optional[str] = None) -> Dict[str, Any]:
        """The catalog (or one part of it) as a dict."""
        return _json.loads(self.catalog_json(part))

    # -- capabilities
    def capabilities(self) -> Dict[str, bool]:
        """Which JSON capabilities the loaded library has (``classify``, ``obligations``, …)."""
        return {op: fn is not None for op, fn in self._lib.json_ops.items()}

    def run_json(self, op: str, document: Any, pretty: bool = False) -> str:
        """Run a JSON-in/JSON-out capability by name and return the library's text exactly.

        ``op`` is one of :meth:`capabilities`; ``document`` a dict, JSON text or :class:`Entity`. Raises
        :class:`nis2.UnsupportedError` when the loaded library lacks ``op``.
        """
        lib = self._lib
        fn = lib.json_ops.get(op)
        if fn is None:
            if op not in _ffi.JSON_OPS:
                raise ValueError("unknown operation %r; known: %s" % (op, ", ".join(_ffi.JSON_OPS)))
            raise UnsupportedError(11, "unsupported", "", "the loaded libnis2 (%s) has no %s capability (%s)"
                                   % (lib.path, op, " or ".join(_ffi.JSON_OPS[op])))
        b = _encode(document)
        out = OwnedStr()
        fn(self._p, b, len(b), _ffi.NIS2_JSON_PRETTY if pretty else 0, byref(out), _sink())
        return lib.take_string(out)

    # -- classification
    def classify(self, entity: EntityLike) -> Result:
        """Classify one entity (lib/schema/FORMATS.md §entity dict, JSON text, or :class:`Entity`).

        Raises an :class:`nis2.Error` subclass (``InvalidFieldError``, ``UnknownCodeError``, …) naming the path.
        """
        lib = self._lib
        if isinstance(entity, Entity):
            res = _ffi.ResultP()
            lib.nis2_classify(self._p, entity._p, byref(res), _sink())
            return Result._from_handle(lib, res)
        b = _encode(entity)
        out = OwnedStr()
        lib.nis2_classify_json(self._p, b, len(b), 0, byref(out), _sink())
        try:
            return Result._from_json(ctypes.string_at(out))
        finally:
            lib.nis2_string_free(out)

    def classify_many(self, entities: Iterable[EntityLike], *, errors: str = "raise", raw: bool = False
                      ) -> Iterator[Union[Result, Error, str]]:
        """Classify a batch lazily, in order, one :class:`Result` per input.

        Inputs are dicts (lib/schema/FORMATS.md §entity), JSON text (``str`` or UTF-8 ``bytes``: the lines of an NDJSON file, a
        trailing newline included, go to the library as they are, without a round trip through Python objects) or
        :class:`Entity` objects, mixed freely. ``errors="raise"`` (default) raises the first :class:`nis2.Error`;
        ``errors="return"`` yields the exception object in place of the failed row and goes on. ``raw=True`` yields
        the library's JSON text (``str``, what :meth:`Result.to_json` returns and ``nis2 classify --ndjson``
        prints) instead of :class:`Result` objects.

        Built for large batches: the C function, the JSON encoder, the error sink and the output slot are bound
        once per batch, and a result parses its JSON only when a nested part (``reasons``, ``directive``,
        :meth:`Result.to_dict`, …) is read; ``category``, ``decided_by``, ``law``, ``size_class``, ``name`` and
        ``country`` are read from the text.
        """
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return', not %r" % (errors,))
        self._p  # fail now, not at the first next(), on a closed context
        return self._classify_many(entities, errors == "return", bool(raw))

    def _classify_many(self, entities: Iterable[EntityLike], keep_going: bool, as_text: bool
                       ) -> Iterator[Union[Result, Error, str]]:
        lib = self._lib
        fn = lib.hot("nis2_classify_json")          # no errcheck, no argtypes: every argument is typed here
        free = lib.hot("nis2_string_free")
        sink = _ErrorSink(lib)                       # owned by this generator: it may resume on any thread
        errp = sink.ptr
        out = ctypes.c_char_p()
        outref = byref(out)
        size = ctypes.c_size_t
        flags = ctypes.c_uint32(0)
        encode = _batch_encoder()
        join = "".join
        new = object.__new__
        cls = Result
        error_from = _ffi.error_from
        for index, item in enumerate(entities):
            t = type(item)
            if t is dict:
                try:
                    b = join(encode(item, 0)).encode("utf-8")
                except Error as e:                       # NaN, Decimal, datetime: named by path, with the row
                    e.index = index
                    if not keep_going:
                        raise
                    yield e
                    continue
            elif t is bytes:
                b = item
            elif t is str:
                b = item.encode("utf-8")
            elif isinstance(item, Entity):
                try:
                    res = self.classify(item)
                except Error as e:
                    e.index = index
                    if not keep_going:
                        raise
                    yield e
                    continue
                yield res.to_json() if as_text else res
                continue
            else:
                try:
                    b = _encode(item)
                except Error as e:
                    e.index = index
                    if not keep_going:
                        raise
                    yield e
                    continue
            ctx = self._ptr
            if ctx is None:
                raise ValueError("nis2.Context closed during classify_many()")
            st = fn(ctx, b, size(len(b)), flags, outref, errp)
            if st:
                e = error_from(st, errp)
                e.index = index
                if not keep_going:
                    raise e
                yield e
                continue
            try:
                text = out.value
            finally:
                free(out)
            if as_text:
                yield text.decode("utf-8")
            else:
                r = new(cls)
                r._raw = text
                r._doc = None
                r._handle = None
                yield r

    # -- other capabilities (bound when the library has them)
    def obligations(self, entity: EntityLike, classification: Optional[Result] = None) -> Dict[str, Any]:
        """The obligations that apply to an entity, with deadlines, supervision and fines (lib/schema/FORMATS.md §obligations).

        For an :class:`Entity` the typed C path is used (``nis2_obligations_select``), reusing ``classification``
        when it is a result of :meth:`classify` on that entity with this context.
        """
        lib = self._lib
        if isinstance(entity, Entity) and hasattr(lib, "nis2_obligations_select"):
            cls = classification._handle if classification is not None else None
            lst = _ffi.ObligationsP()
            lib.nis2_obligations_select(self._p, entity._p, cls, byref(lst), _sink())
            try:
                out = OwnedStr()
                lib.nis2_obligations_to_json(lst, 0, byref(out), _sink())
                return _json.loads(lib.take_string(out))
            finally:
                lib.nis2_obligations_free(lst)
        return _json.loads(self.run_json("obligations", entity))

    def incident_deadlines(self, entity: Any, aware_at: Any = None, *, notified_at: Any = None,
                           impact_ended_at: Any = None, end_of_impact_notified_at: Any = None) -> Dict[str, Any]:
        """Incident-report due times (lib/schema/FORMATS.md §incident-deadlines).

        Either ``incident_deadlines(entity, aware_at, …)`` with datetimes or RFC 3339 text, or
        ``incident_deadlines(document)`` with the whole input document ``{"entity": …, "aware_at": …}``.
        """
        doc = _compose(entity, aware_at=_time(aware_at, "$.aware_at"), notified_at=_time(notified_at, "$.notified_at"),
                       impact_ended_at=_time(impact_ended_at, "$.impact_ended_at"),
                       end_of_impact_notified_at=_time(end_of_impact_notified_at, "$.end_of_impact_notified_at"))
        return _json.loads(self.run_json("incident_deadlines", doc))

    def assess_incident(self, entity: Any, impact: Optional[Mapping[str, Any]] = None,
                        **impact_fields: Any) -> Dict[str, Any]:
        """Is an incident significant (lib/schema/FORMATS.md §incident-assessment)? ``impact`` (and/or keyword fields) as there, e.g.
        ``assess_incident(entity, financial_loss_eur=600000, occurred_at=…)``; or the whole input document."""
        imp: Optional[Dict[str, Any]] = None
        if impact is not None or impact_fields:
            imp = {k: _time(v, "$.impact." + k) for k, v in {**dict(impact or {}), **impact_fields}.items()}
        return _json.loads(self.run_json("assess_incident", _compose(entity, impact=imp)))

    def gap_report(self, entity: Any, *, as_of: Any = None, soa: Optional[Iterable[Any]] = None,
                   certificate: Optional[Mapping[str, Any]] = None,
                   evidence: Optional[Iterable[Any]] = None,
                   management_body: Optional[Mapping[str, Any]] = None,
                   risks: Optional[Iterable[Any]] = None,
                   suppliers: Optional[Iterable[Any]] = None) -> Dict[str, Any]:
        """ISO/IEC 27001 evidence against NIS2 obligations (lib/schema/FORMATS.md §gap-report); or pass the whole input document.
        ``management_body``, ``risks`` and ``suppliers`` feed questions 5-7 (the report's ``questions``)."""
        return _json.loads(self.run_json("gap_report", _compose(
            entity, as_of=_time(as_of), soa=None if soa is None else list(soa),
            certificate=None if certificate is None else dict(certificate),
            evidence=None if evidence is None else list(evidence),
            management_body=None if management_body is None else dict(management_body),
            risks=None if risks is None else list(risks),
            suppliers=None if suppliers is None else list(suppliers))))


    def _needs(self, symbol: str):
        """The loaded library, after checking that it exports symbol (an older libnis2.so.1 may lack NIS2_1.1)."""
        if not hasattr(self._lib, symbol):
            raise UnsupportedError(11, "unsupported", "", "the loaded libnis2 has no %s" % symbol)
        return self._lib

    def gap_report_render(self, document: Any, format: str = "text") -> str:
        """The gap report of a whole input document (FORMATS.md §gap-report) rendered as ``"text"``, ``"html"``, compact
        ``"json"``, ``"csv"`` (the prioritised action list) or compact ``"oscal"`` (the text of
        :meth:`gap_report_oscal`); the CLI's ``nis2 gap --format``."""
        lib = self._needs("nis2_gap_report_render")
        try:
            fmt = _ffi.GAP_FORMATS[format]
        except KeyError:
            raise ValueError("format must be one of %s" % ", ".join(_ffi.GAP_FORMATS)) from None
        b = _encode(_compose(document))
        out = OwnedStr()
        lib.nis2_gap_report_render(self._p, b, len(b), fmt, byref(out), _sink())
        return lib.take_string(out)

    def export(self, format: str, part: Optional[str] = None, pretty: bool = False) -> str:
        """The catalog in an exchange format (``nis2 export``): ``"oscal-catalog"`` (part ``"nis2"``, ``"ir2690"``
        or an overlay's country code), ``"oscal-mapping"`` (the whole mapping graph) or ``"ciso-assistant"`` (YAML
        text). Raises :class:`nis2.NotFoundError` for an unknown part (lib/json/EXCHANGE.md)."""
        lib = self._needs("nis2_export")
        try:
            fmt = _ffi.EXPORT_FORMATS[format]
        except KeyError:
            raise ValueError("format must be one of %s" % ", ".join(_ffi.EXPORT_FORMATS)) from None
        out = OwnedStr()
        lib.nis2_export(self._p, fmt, None if part is None else part.encode("utf-8"),
                        _ffi.NIS2_JSON_PRETTY if pretty else 0, byref(out), _sink())
        return lib.take_string(out)

    def gap_report_oscal(self, document: Any) -> Dict[str, Any]:
        """The gap report of a whole input document (lib/schema/FORMATS.md §gap-report) as an OSCAL 1.2
        assessment-results document (``nis2 gap --format oscal``)."""
        lib = self._needs("nis2_gap_report_oscal")
        b = _encode(_compose(document))
        out = OwnedStr()
        lib.nis2_gap_report_oscal(self._p, b, len(b), 0, byref(out), _sink())
        return _json.loads(lib.take_string(out))

    def iso_normalise_id(self, text: str) -> str:
        """Canonical ISO/IEC 27001:2022 identifier: ``"A5.7"`` -> ``"A.5.7"``, ``"5.24"`` -> ``"A.5.24"``.
        Raises :class:`nis2.InvalidFieldError` or :class:`nis2.UnknownCodeError`."""
        lib = self._needs("nis2_iso_normalise_id")
        out = ctypes.c_char_p()
        lib.nis2_iso_normalise_id(self._p, text.encode("utf-8"), byref(out), _sink())
        return (out.value or b"").decode("utf-8")        # borrowed from the context: copied here

    def iso_control_title(self, control_id: str) -> Optional[str]:
        """Short title of a canonical clause or control id, or None when unknown."""
        lib = self._needs("nis2_iso_control_title")
        return _s(lib.nis2_iso_control_title(self._p, control_id.encode("utf-8")))


def _compose(entity: Any, **fields: Any) -> Any:
    """Build ``{"schema": 1, "entity": …, **fields}``; with no fields, a document that already has an ``entity``
    member (dict or text) is passed through unchanged."""
    given = {k: v for k, v in fields.items() if v is not None}
    if isinstance(entity, (str, bytes)) and not given:
        return entity
    if isinstance(entity, Mapping) and "entity" in entity:
        doc = dict(entity)
        doc.update(given)
        return doc
    doc = {"schema": 1, "entity": _as_obj(entity)}
    doc.update(given)
    return doc


# --- typed entity ----------------------------------------------------------------------------------------------
class Entity:
    """The facts about one organisation, built with typed setters (mirrors ``nis2_entity_*``).

    Codes and countries are checked when set, against the catalog of ``ctx`` (default: the shared default
    context); errors raise at once. Keyword arguments are the fields of lib/schema/FORMATS.md §entity::

        e = nis2.Entity(country="DE", activities=["digital_infrastructure.cloud_provider"], employees=120)
        e.set_flag("cer_critical_entity", True)
        ctx.classify(e)

    One thread at a time may modify an entity; a finished entity may be classified from several threads.
    """

    def __init__(self, ctx: Optional[Context] = None, *, name: Optional[str] = None,
                 country: Optional[str] = None, activities: Iterable[str] = (),
                 employees: Optional[float] = None, turnover_eur: Optional[float] = None,
                 balance_sheet_eur: Optional[float] = None,
                 previous_period: Optional[Mapping[str, float]] = None,
                 flags: Optional[Mapping[str, Any]] = None,
                 national: Optional[Mapping[str, Any]] = None) -> None:
        ctx = ctx if ctx is not None else default_context()
        lib = ctx._lib
        ptr = _ffi.EntityP()
        lib.nis2_entity_new(ctx._p, byref(ptr), _sink())
        self._adopt(ctx, ptr)
        if name is not None:
            self.set_name(name)
        if country is not None:
            self.set_country(country)
        for a in activities:
            self.add_activity(a)
        for fig, val in (("employees", employees), ("turnover_eur", turnover_eur),
                         ("balance_sheet_eur", balance_sheet_eur)):
            if val is not None:
                self.set_figure(fig, val)
        for fig, val in (previous_period or {}).items():
            if val is not None:
                self.set_figure(fig, val, previous=True)
        for flag, val in (flags or {}).items():
            if flag == "member_state_designation":
                self.set_designation(val)
            else:
                self.set_flag(flag, val)
        for c, facts in (national or {}).items():
            self.set_national(c, facts)

    def _adopt(self, ctx: Context, ptr: Any) -> None:
        self._ctx = ctx
        self._lib = ctx._lib
        self._ptr: Any = ptr
        self._finalizer = weakref.finalize(self, ctx._lib.nis2_entity_free, ptr)

    @classmethod
    def from_json(cls, document: Union[str, bytes, Mapping[str, Any]], ctx: Optional[Context] = None) -> "Entity":
        """Parse a lib/schema/FORMATS.md §entity document (strict: errors name the JSON path)."""
        ctx = ctx if ctx is not None else default_context()
        b = _encode(document)
        ptr = _ffi.EntityP()
        ctx._lib.nis2_entity_from_json(ctx._p, b, len(b), byref(ptr), _sink())
        self = cls.__new__(cls)
        self._adopt(ctx, ptr)
        return self

    @property
    def _p(self) -> Any:
        if self._ptr is None:
            raise ValueError("operation on a closed nis2.Entity")
        return self._ptr

    def close(self) -> None:
        """Free the C entity now (idempotent)."""
        self._ptr = None
        self._finalizer()

    def __enter__(self) -> "Entity":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- setters (each returns self, so calls chain)
    def set_name(self, name: Optional[str]) -> "Entity":
        self._lib.nis2_entity_set_name(self._p, None if name is None else name.encode("utf-8"), _sink())
        return self

    def set_country(self, country: str) -> "Entity":
        self._lib.nis2_entity_set_country(self._p, country.encode("utf-8"), _sink())
        return self

    def add_activity(self, code: str) -> "Entity":
        self._lib.nis2_entity_add_activity(self._p, code.encode("utf-8"), _sink())
        return self

    def clear_activities(self) -> "Entity":
        self._lib.nis2_entity_clear_activities(self._p)
        return self

    @staticmethod
    def _figure(figure: Union[str, int]) -> int:
        if isinstance(figure, str):
            try:
                return _ffi.FIGURES[figure]
            except KeyError:
                raise ValueError("unknown figure %r; expected one of %s" % (figure, ", ".join(_ffi.FIGURES))) from None
        return int(figure)

    def set_figure(self, figure: Union[str, int], value: float, previous: bool = False) -> "Entity":
        """Set ``employees``, ``turnover_eur`` or ``balance_sheet_eur`` of the latest (or previous) period."""
        self._lib.nis2_entity_set_figure(self._p, _ffi.PERIOD_PREVIOUS if previous else _ffi.PERIOD_LATEST,
                                         self._figure(figure), float(value), _sink())
        return self

    def unset_figure(self, figure: Union[str, int], previous: bool = False) -> "Entity":
        """Forget a figure (it becomes unknown)."""
        self._lib.nis2_entity_unset_figure(self._p, _ffi.PERIOD_PREVIOUS if previous else _ffi.PERIOD_LATEST,
                                           self._figure(figure), _sink())
        return self

    def set_flag(self, flag: Union[str, int], value: bool = True) -> "Entity":
        """Set a boolean fact by its JSON name (``"cer_critical_entity"``) or NIS2_FLAG_* number."""
        if isinstance(flag, str):
            try:
                num = _ffi.FLAGS[flag]
            except KeyError:
                raise ValueError("unknown flag %r; expected one of %s" % (flag, ", ".join(_ffi.FLAGS))) from None
        else:
            num = int(flag)
        self._lib.nis2_entity_set_flag(self._p, num, 1 if value else 0, _sink())
        return self

    def set_designation(self, designation: Optional[str]) -> "Entity":
        """Member State designation under Art. 2(2)(b)-(e): ``"essential"``, ``"important"`` or None."""
        try:
            num = _ffi.DESIGNATIONS[designation]
        except KeyError:
            raise ValueError("designation must be 'essential', 'important' or None, not %r" % (designation,)) from None
        self._lib.nis2_entity_set_designation(self._p, num, _sink())
        return self

    def set_national(self, country: str, facts: Union[str, Mapping[str, Any]]) -> "Entity":
        """Set the facts a national law asks, e.g. ``set_national("PT", {"ict_infrastructure_remit": True})``."""
        text = facts if isinstance(facts, str) else _dumps(dict(facts))
        self._lib.nis2_entity_set_national_json(self._p, country.encode("utf-8"), text.encode("utf-8"), _sink())
        return self

    def set_national_fact(self, country: str, key: str, value: Any) -> "Entity":
        """Set one fact of ``national.<country>`` without JSON (the typed C setters): a bool for a boolean key, an
        int or float for a number key, a str for an enum, date (``"YYYY-MM-DD"``, or a :class:`datetime.date`) or
        string key, a list of activity codes for a codes key (each one of the entity's activities); None forgets it.
        Errors name the path ``$.national.CC.key`` and what the key expects."""
        lib = self._ctx._needs("nis2_entity_set_national_bool")
        cc, k = country.encode("utf-8"), key.encode("utf-8")
        if value is None:
            lib.nis2_entity_unset_national(self._p, cc, k, _sink())
        elif isinstance(value, bool):
            lib.nis2_entity_set_national_bool(self._p, cc, k, 1 if value else 0, _sink())
        elif isinstance(value, (int, float)):
            lib.nis2_entity_set_national_number(self._p, cc, k, float(value), _sink())
        elif isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            lib.nis2_entity_set_national_text(self._p, cc, k, value.isoformat().encode("utf-8"), _sink())
        elif isinstance(value, str):
            lib.nis2_entity_set_national_text(self._p, cc, k, value.encode("utf-8"), _sink())
        elif isinstance(value, (list, tuple)):
            for c in value:
                if not isinstance(c, str):
                    raise TypeError("$.national.%s.%s: expected activity codes (str), got %r" % (country, key, c))
            arr = (ctypes.c_char_p * max(len(value), 1))(*[c.encode("utf-8") for c in value])
            lib.nis2_entity_set_national_codes(self._p, cc, k, arr, len(value), _sink())
        else:
            raise TypeError("$.national.%s.%s: expected a bool, a number, a str, a date or a list of codes, got %s"
                            % (country, key, type(value).__name__))
        return self

    def add_national_code(self, country: str, key: str, code: str) -> "Entity":
        """Add an activity code to a ``codes`` fact of ``national.<country>``."""
        lib = self._ctx._needs("nis2_entity_add_national_code")
        lib.nis2_entity_add_national_code(self._p, country.encode("utf-8"), key.encode("utf-8"), code.encode("utf-8"),
                                          _sink())
        return self

    def unset_national(self, country: str, key: str) -> "Entity":
        """Forget one fact of ``national.<country>`` (it becomes "not given")."""
        lib = self._ctx._needs("nis2_entity_unset_national")
        lib.nis2_entity_unset_national(self._p, country.encode("utf-8"), key.encode("utf-8"), _sink())
        return self

    # -- output
    def to_json(self, pretty: bool = False) -> str:
        """The entity as lib/schema/FORMATS.md §entity JSON text."""
        out = OwnedStr()
        self._lib.nis2_entity_to_json(self._p, _ffi.NIS2_JSON_PRETTY if pretty else 0, byref(out), _sink())
        return self._lib.take_string(out)

    def to_dict(self) -> Dict[str, Any]:
        return _json.loads(self.to_json())

    def classify(self) -> Result:
        """Classify with the context this entity was made with."""
        return self._ctx.classify(self)

    def __repr__(self) -> str:
        if self._ptr is None:
            return "<nis2.Entity closed>"
        return "<nis2.Entity %s>" % self.to_json()


# --- module-level shortcuts with a shared default context ------------------------------------------------------
_default: Optional[Context] = None
_default_lock = threading.Lock()


def default_context() -> Context:
    """The shared context built from the embedded catalog (created on first use; thread-safe)."""
    global _default
    ctx = _default
    if ctx is None:
        with _default_lock:
            if _default is None:
                _default = Context()
            ctx = _default
    return ctx


def classify(entity: EntityLike) -> Result:
    """:meth:`Context.classify` on the default context."""
    return default_context().classify(entity)


def classify_many(entities: Iterable[EntityLike], *, errors: str = "raise", raw: bool = False
                  ) -> Iterator[Union[Result, Error, str]]:
    """:meth:`Context.classify_many` on the default context."""
    return default_context().classify_many(entities, errors=errors, raw=raw)


def obligations(entity: EntityLike) -> Dict[str, Any]:
    """:meth:`Context.obligations` on the default context."""
    return default_context().obligations(entity)


def incident_deadlines(entity: Any, aware_at: Any = None, **kw: Any) -> Dict[str, Any]:
    """:meth:`Context.incident_deadlines` on the default context."""
    return default_context().incident_deadlines(entity, aware_at, **kw)


def assess_incident(entity: Any, impact: Optional[Mapping[str, Any]] = None, **fields: Any) -> Dict[str, Any]:
    """:meth:`Context.assess_incident` on the default context."""
    return default_context().assess_incident(entity, impact, **fields)


def gap_report(entity: Any, **kw: Any) -> Dict[str, Any]:
    """:meth:`Context.gap_report` on the default context."""
    return default_context().gap_report(entity, **kw)


def catalog(part: Optional[str] = None) -> Dict[str, Any]:
    """:meth:`Context.catalog` on the default context."""
    return default_context().catalog(part)


def capabilities() -> Dict[str, bool]:
    """Which JSON capabilities the loaded library has."""
    return {op: fn is not None for op, fn in _ffi.load().json_ops.items()}


def library_version() -> str:
    """Run-time version of the loaded libnis2, e.g. ``"0.1.0"``."""
    return _ffi.load().nis2_version_string().decode("ascii")


def library_version_number() -> int:
    """Run-time version as MAJOR * 10000 + MINOR * 100 + PATCH."""
    return int(_ffi.load().nis2_version_number())


def abi_version() -> int:
    """ABI major of the loaded library (the soname number)."""
    return int(_ffi.load().nis2_abi_version())


def catalog_version() -> str:
    """Version of the embedded catalog (the default context's)."""
    return default_context().catalog_version


def library_path() -> str:
    """What was loaded (the NIS2_LIBRARY path, the soname, …)."""
    return _ffi.load().path


def status_name(status: int) -> str:
    """Machine name of a status code (``"invalid_field"``)."""
    return _ffi.load().nis2_status_name(status).decode("ascii")


def strerror(status: int) -> str:
    """English description of a status code."""
    return _ffi.load().nis2_strerror(status).decode("utf-8")


# --- i14: typed results over the C getters (NIS2_1.1) ------------------------------------------------------------
# Read-only dataclasses filled from nis2_obligations, nis2_deadlines and nis2_assessment through their getters: no
# JSON is parsed. Bound to Context as obligation_list(), deadlines() and assess().

@dataclass(frozen=True)
class NationalKey:
    """One fact a national law asks (an overlay's ``national_keys`` entry; :meth:`Context.national_keys`)."""
    name: str
    type: str
    ref: Optional[str]
    meaning: Optional[str]
    values: Tuple[str, ...]


@dataclass(frozen=True)
class NationalProvision:
    """A national provision that implements a duty (e.g. RJC art. 42(1))."""

    id: str
    ref: str
    title: Optional[str]
    deadline: Optional[str]
    effective_from: Optional[str]
    condition: Optional[str]
    evidence: Tuple[str, ...]


@dataclass(frozen=True)
class Duty:
    """One duty of an obligations list (lib/schema/FORMATS.md §obligations ``obligations[i]``)."""

    id: str
    ref: str
    title: str
    group: str
    group_id: int                       #: NIS2_GROUP_* (GROUPS)
    nature: str
    nature_id: int                      #: NIS2_NATURE_* (NATURES)
    applies_because: str
    condition: Optional[str]
    condition_fact: Optional[str]       #: the fact that would settle an open condition
    condition_settled: bool             #: the entity's facts settle the condition as holding
    deadline: Optional[str]             #: the deadline text (national where one is attached)
    deadline_from: Optional[str]
    deadline_period: Optional[Tuple[str, float]]   #: ("hours", 24.0), ("months", 1.0), …
    effective_from: Optional[str]
    displaced_by: Optional[str]
    evidence: Tuple[str, ...]
    national: Tuple[NationalProvision, ...]


@dataclass(frozen=True)
class MaxFine:
    """The maximum administrative fine (lib/schema/FORMATS.md §obligations ``max_fine``)."""

    eur: Optional[float]                #: None when a turnover share applies and the turnover is unknown
    fixed_eur: Optional[float]
    turnover_share: Optional[float]
    ref: str
    offence_class: Optional[str]
    turnover_basis: Optional[str]


@dataclass(frozen=True)
class Obligations:
    """The duties that bind an entity (lib/schema/FORMATS.md §obligations), typed."""

    name: Optional[str]
    country: str
    category: str
    category_id: int                    #: NIS2_CATEGORY_* with the national codes (CATEGORY_CODES)
    law: str
    supervision: Optional[str]
    supervision_id: int                 #: NIS2_SUPERVISION_* (SUPERVISION)
    supervision_ref: Optional[str]
    displaced_by: Optional[str]
    max_fine: Optional[MaxFine]
    max_fine_none: Optional[Tuple[Optional[str], str]]   #: (provision, why) when there is no maximum
    duties: Tuple[Duty, ...]


@dataclass(frozen=True)
class Note:
    """A note of an answer: the provision (or None), an id (or None) and the text."""

    ref: Optional[str]
    text: str
    id: Optional[str] = None


@dataclass(frozen=True)
class Report:
    """One incident report (lib/schema/FORMATS.md §incident-deadlines ``reports[i]``)."""

    id: str
    due: Optional[_dt.datetime]         #: aware, UTC; None when on request or counting from a time not known yet
    due_rfc3339: Optional[str]
    ref: str
    relative_to: str
    from_time: Optional[_dt.datetime]
    law: str
    text: str
    condition: Optional[str]
    note: Optional[str]
    in_contract: bool


@dataclass(frozen=True)
class Deadlines:
    """The reporting deadlines of an incident (lib/schema/FORMATS.md §incident-deadlines), typed."""

    category: str
    law: str
    directive_category: str
    aware_at: _dt.datetime
    reports: Tuple[Report, ...]
    directive_reports: Tuple[Report, ...]
    notes: Tuple[Note, ...]


@dataclass(frozen=True)
class Criterion:
    """A significance criterion that is met (or a note with an id)."""

    ref: Optional[str]
    id: Optional[str]
    text: str


@dataclass(frozen=True)
class Undecided:
    """A criterion not decided for want of facts, with the facts it needs."""

    ref: str
    id: str
    missing: Tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """Whether an incident is significant (lib/schema/FORMATS.md §incident-assessment), typed."""

    significant: bool
    regime: Tuple[str, ...]
    criteria: Tuple[Criterion, ...]
    not_decided: Tuple[Undecided, ...]
    excluded_by: Optional[Tuple[str, str]]
    notes: Tuple[Note, ...]


def _utc(seconds: int) -> _dt.datetime:
    return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc)


def _typed_entity(ctx: "Context", entity: Any) -> "Entity":
    if isinstance(entity, Entity):
        return entity
    return Entity.from_json(entity if isinstance(entity, (str, bytes)) else _as_obj(entity), ctx)


def _set_time(lib: Any, inc: Any, which: int, value: Any, path: str) -> None:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise _invalid(path, "a naive datetime (%s): give it a timezone (tzinfo)" % value.isoformat())
        off = value.utcoffset()
        lib.nis2_incident_set_time(inc, which, int(value.timestamp()), int(off.total_seconds()), _sink())
    elif isinstance(value, str):
        lib.nis2_incident_set_time_rfc3339(inc, which, value.encode("utf-8"), _sink())
    else:
        raise _invalid(path, "expected an aware datetime or RFC 3339 text, got %s" % type(value).__name__)


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, _decimal.Decimal):
            raise _invalid(path, "a decimal.Decimal (%s): pass an int or a float" % value)
        raise _invalid(path, "expected a number, got %s" % type(value).__name__)
    if isinstance(value, float) and not _math.isfinite(value):
        raise _invalid(path, "%r is not a finite number" % value)
    return float(value)


def _build_incident(lib: Any, times: Mapping[str, Any], impact: Optional[Mapping[str, Any]]) -> Any:
    inc = _ffi.IncidentP()
    lib.nis2_incident_new(byref(inc), _sink())
    try:
        for key, value in times.items():
            if value is not None:
                _set_time(lib, inc, _ffi.INCIDENT_TIMES[key], value, "$." + key)
        for key, value in (impact or {}).items():
            path = "$.impact." + key
            if key.startswith("x_") or value is None:
                continue
            if key not in _ffi.IMPACT_FACTS:
                raise error_class(5)(5, "unknown_key", path, "%s: unknown impact fact (see lib/schema/FORMATS.md §incident-assessment)" % path)
            fid, kind = _ffi.IMPACT_FACTS[key]
            if kind == "time":
                _set_time(lib, inc, _ffi.INCIDENT_TIMES["occurred_at"], value, path)
            elif kind == "str":
                if not isinstance(value, str):
                    raise _invalid(path, "expected a non-empty string")
                lib.nis2_incident_set_root_cause(inc, value.encode("utf-8"), _sink())
            elif kind == "bool" or (kind == "count" and isinstance(value, bool)):
                if not isinstance(value, bool):
                    raise _invalid(path, "expected true or false, got %s" % type(value).__name__)
                lib.nis2_incident_set_bool(inc, fid, 1 if value else 0, _sink())
            elif kind == "list":
                if not isinstance(value, (list, tuple)):
                    raise _invalid(path, "expected a list of earlier incidents")
                for i, r in enumerate(value):
                    rp = "%s[%d]" % (path, i)
                    if not isinstance(r, Mapping) or "occurred_at" not in r or "root_cause" not in r:
                        raise _invalid(rp, "expected {occurred_at, root_cause, financial_loss_eur?}")
                    at = r["occurred_at"]
                    if isinstance(at, str):
                        tmp = _ffi.IncidentP()
                        lib.nis2_incident_new(byref(tmp), _sink())
                        try:
                            lib.nis2_incident_set_time_rfc3339(tmp, 0, at.encode("utf-8"), _sink())
                        finally:
                            lib.nis2_incident_free(tmp)
                        at = _dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
                    if not isinstance(at, _dt.datetime) or at.tzinfo is None or at.utcoffset() is None:
                        raise _invalid(rp + ".occurred_at", "expected an aware datetime or RFC 3339 text")
                    loss = r.get("financial_loss_eur")
                    lib.nis2_incident_add_related(inc, int(at.timestamp()), int(at.utcoffset().total_seconds()),
                                                  str(r["root_cause"]).encode("utf-8"), 0 if loss is None else 1,
                                                  0.0 if loss is None else _number(loss, rp + ".financial_loss_eur"),
                                                  _sink())
            else:
                lib.nis2_incident_set_number(inc, fid, _number(value, path), _sink())
    except BaseException:
        lib.nis2_incident_free(inc)
        raise
    return inc


def _obligation_list(self: "Context", entity: Any, classification: Optional[Result] = None) -> Obligations:
    """The duties that bind an entity as typed, read-only objects (:class:`Obligations`), over the C getters."""
    lib = self._lib
    ent = _typed_entity(self, entity)
    lst = _ffi.ObligationsP()
    cls = classification._handle if classification is not None else None
    lib.nis2_obligations_select(self._p, ent._p, cls, byref(lst), _sink())
    try:
        def nat(i: int, j: int) -> NationalProvision:
            return NationalProvision(
                _s(lib.nis2_obligations_national_id(lst, i, j)) or "", _s(lib.nis2_obligations_national_ref(lst, i, j)) or "",
                _s(lib.nis2_obligations_national_title(lst, i, j)), _s(lib.nis2_obligations_national_deadline(lst, i, j)),
                _s(lib.nis2_obligations_national_effective_from(lst, i, j)),
                _s(lib.nis2_obligations_national_condition(lst, i, j)),
                tuple(_s(lib.nis2_obligations_national_evidence_at(lst, i, j, k)) or ""
                      for k in range(lib.nis2_obligations_national_evidence_count(lst, i, j))))

        duties = []
        for i in range(lib.nis2_obligations_count(lst)):
            unit, amount = ctypes.c_uint32(), ctypes.c_double()
            period = None
            if lib.nis2_obligations_deadline_period(lst, i, byref(unit), byref(amount)):
                period = (_ffi.UNITS[unit.value], amount.value)
            duties.append(Duty(
                _s(lib.nis2_obligations_id(lst, i)) or "", _s(lib.nis2_obligations_ref(lst, i)) or "",
                _s(lib.nis2_obligations_title(lst, i)) or "", _s(lib.nis2_obligations_group(lst, i)) or "",
                int(lib.nis2_obligations_group_id(lst, i)), _s(lib.nis2_obligations_nature(lst, i)) or "",
                int(lib.nis2_obligations_nature_id(lst, i)), _s(lib.nis2_obligations_applies_because(lst, i)) or "",
                _s(lib.nis2_obligations_condition(lst, i)), _s(lib.nis2_obligations_condition_fact(lst, i)),
                bool(lib.nis2_obligations_condition_settled(lst, i)), _s(lib.nis2_obligations_deadline(lst, i)),
                _s(lib.nis2_obligations_deadline_from(lst, i)), period,
                _s(lib.nis2_obligations_effective_from(lst, i)), _s(lib.nis2_obligations_displaced_by(lst, i)),
                tuple(_s(lib.nis2_obligations_evidence_at(lst, i, j)) or ""
                      for j in range(lib.nis2_obligations_evidence_count(lst, i))),
                tuple(nat(i, j) for j in range(lib.nis2_obligations_national_count(lst, i)))))
        fine = none = None
        if lib.nis2_obligations_has_max_fine(lst):
            eur, fixed, share = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
            fine = MaxFine(eur.value if lib.nis2_obligations_max_fine_eur(lst, byref(eur)) else None,
                           fixed.value if lib.nis2_obligations_max_fine_fixed(lst, byref(fixed)) else None,
                           share.value if lib.nis2_obligations_max_fine_share(lst, byref(share)) else None,
                           _s(lib.nis2_obligations_max_fine_ref(lst)) or "",
                           _s(lib.nis2_obligations_max_fine_offence_class(lst)),
                           _s(lib.nis2_obligations_max_fine_turnover_basis(lst)))
        else:
            none = (_s(lib.nis2_obligations_max_fine_none_ref(lst)), _s(lib.nis2_obligations_max_fine_none_text(lst)) or "")
        return Obligations(
            _s(lib.nis2_obligations_name(lst)), _s(lib.nis2_obligations_country(lst)) or "",
            _s(lib.nis2_obligations_category(lst)) or "", int(lib.nis2_obligations_category_code(lst)),
            _s(lib.nis2_obligations_law(lst)) or "", _s(lib.nis2_obligations_supervision(lst)),
            int(lib.nis2_obligations_supervision_id(lst)), _s(lib.nis2_obligations_supervision_ref(lst)),
            _s(lib.nis2_obligations_regime_displaced_by(lst)), fine, none, tuple(duties))
    finally:
        lib.nis2_obligations_free(lst)


def _reports(lib: Any, d: Any, which: int) -> Tuple[Report, ...]:
    out = []
    for i in range(lib.nis2_deadlines_report_count(d, which)):
        due, frm = ctypes.c_int64(), ctypes.c_int64()
        has_due = lib.nis2_deadlines_report_due(d, which, i, byref(due))
        has_from = lib.nis2_deadlines_report_from(d, which, i, byref(frm))
        out.append(Report(
            _s(lib.nis2_deadlines_report_id(d, which, i)) or "", _utc(due.value) if has_due else None,
            _s(lib.nis2_deadlines_report_due_rfc3339(d, which, i)), _s(lib.nis2_deadlines_report_ref(d, which, i)) or "",
            _s(lib.nis2_deadlines_report_relative_to(d, which, i)) or "", _utc(frm.value) if has_from else None,
            _s(lib.nis2_deadlines_report_law(d, which, i)) or "", _s(lib.nis2_deadlines_report_text(d, which, i)) or "",
            _s(lib.nis2_deadlines_report_condition(d, which, i)), _s(lib.nis2_deadlines_report_note(d, which, i)),
            bool(lib.nis2_deadlines_report_in_contract(d, which, i))))
    return tuple(out)


def _deadlines(self: "Context", entity: Any, aware_at: Any, *, notified_at: Any = None, impact_ended_at: Any = None,
               end_of_impact_notified_at: Any = None) -> Deadlines:
    """Incident-report due times as typed, read-only objects (:class:`Deadlines`); times are aware datetimes or
    RFC 3339 text (a naive datetime is refused, naming the field)."""
    lib = self._lib
    ent = _typed_entity(self, entity)
    inc = _build_incident(lib, {"aware_at": aware_at, "notified_at": notified_at, "impact_ended_at": impact_ended_at,
                                "end_of_impact_notified_at": end_of_impact_notified_at}, None)
    d = _ffi.DeadlinesP()
    try:
        lib.nis2_incident_deadlines(self._p, ent._p, inc, byref(d), _sink())
    finally:
        lib.nis2_incident_free(inc)
    try:
        return Deadlines(
            _s(lib.nis2_deadlines_category(d)) or "", _s(lib.nis2_deadlines_law(d)) or "",
            _s(lib.nis2_deadlines_directive_category(d)) or "", _utc(lib.nis2_deadlines_aware_at(d)),
            _reports(lib, d, _ffi.DEADLINES_REPORTS), _reports(lib, d, _ffi.DEADLINES_DIRECTIVE),
            tuple(Note(_s(lib.nis2_deadlines_note_ref(d, i)), _s(lib.nis2_deadlines_note_text(d, i)) or "")
                  for i in range(lib.nis2_deadlines_note_count(d))))
    finally:
        lib.nis2_deadlines_free(d)


def _assess(self: "Context", entity: Any, impact: Optional[Mapping[str, Any]] = None, **fields: Any) -> Assessment:
    """Is an incident significant, as typed, read-only objects (:class:`Assessment`)? ``impact`` and keyword fields
    as in lib/schema/FORMATS.md §incident-assessment; NaN, Decimal and naive datetimes are refused naming the field."""
    lib = self._lib
    ent = _typed_entity(self, entity)
    inc = _build_incident(lib, {}, {**dict(impact or {}), **fields})
    a = _ffi.AssessmentP()
    try:
        lib.nis2_incident_assess(self._p, ent._p, inc, byref(a), _sink())
    finally:
        lib.nis2_incident_free(inc)
    try:
        ex = None
        if lib.nis2_assessment_excluded_by_ref(a):
            ex = (_s(lib.nis2_assessment_excluded_by_ref(a)) or "", _s(lib.nis2_assessment_excluded_by_text(a)) or "")
        return Assessment(
            bool(lib.nis2_assessment_significant(a)),
            tuple(_s(lib.nis2_assessment_regime_at(a, i)) or "" for i in range(lib.nis2_assessment_regime_count(a))),
            tuple(Criterion(_s(lib.nis2_assessment_criterion_ref(a, i)), _s(lib.nis2_assessment_criterion_id(a, i)),
                            _s(lib.nis2_assessment_criterion_text(a, i)) or "")
                  for i in range(lib.nis2_assessment_criterion_count(a))),
            tuple(Undecided(_s(lib.nis2_assessment_not_decided_ref(a, i)) or "",
                            _s(lib.nis2_assessment_not_decided_id(a, i)) or "",
                            tuple(_s(lib.nis2_assessment_not_decided_missing_at(a, i, j)) or ""
                                  for j in range(lib.nis2_assessment_not_decided_missing_count(a, i))))
                  for i in range(lib.nis2_assessment_not_decided_count(a))),
            ex,
            tuple(Note(_s(lib.nis2_assessment_note_ref(a, i)), _s(lib.nis2_assessment_note_text(a, i)) or "",
                       _s(lib.nis2_assessment_note_id(a, i)))
                  for i in range(lib.nis2_assessment_note_count(a))))
    finally:
        lib.nis2_assessment_free(a)


Context.obligation_list = _obligation_list      # type: ignore[attr-defined]
Context.deadlines = _deadlines                  # type: ignore[attr-defined]
Context.assess = _assess                        # type: ignore[attr-defined]
__all__ += ["Obligations", "Duty", "NationalProvision", "MaxFine", "Deadlines", "Report", "Note", "Assessment",
            "Criterion", "Undecided"]
# --- end i14 ----------------------------------------------------------------------------------------------------
