# SPDX-License-Identifier: Apache-2.0
"""Exceptions of the libnis2 binding: one class per ``nis2_status`` (common.h), all subclasses of :class:`Error`."""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple, Type


class Error(Exception):
    """A libnis2 call failed.

    Attributes:
        status: the numeric ``nis2_status`` (e.g. 4).
        code: its machine name as in the JSON error objects (e.g. ``"invalid_field"``).
        path: JSON path of the offending field (``"$.activities[1]"``), or ``""``.
        message: the library's one-line message saying what was expected.
    """

    status: int
    code: str
    path: str
    message: str

    def __init__(self, status: int, code: str, path: str = "", message: str = "") -> None:
        self.status = status
        self.code = code
        self.path = path
        self.message = message
        #: i14: the row of a batch (``classify_many``) that failed, counted from 0; None outside a batch.
        self.index: Optional[int] = None
        super().__init__(message or code)

    def __str__(self) -> str:
        msg = self.message or self.code
        if self.path and not msg.startswith(self.path):
            msg = "%s: %s" % (self.path, msg)
        if self.index is not None:
            msg = "row %d: %s" % (self.index, msg)
        return "%s (%s)" % (msg, self.code)

    def __repr__(self) -> str:
        return "%s(status=%d, code=%r, path=%r, message=%r)" % (
            type(self).__name__, self.status, self.code, self.path, self.message)

    def __reduce__(self) -> Tuple[Any, ...]:      # picklable, e.g. across a ProcessPoolExecutor
        return (type(self), (self.status, self.code, self.path, self.message))

    def to_dict(self) -> Dict[str, Any]:
        """The CLI's error object: ``{"error": {"code": …, "path": …, "message": …}}``."""
        return {"error": {"code": self.code, "path": self.path, "message": self.message}}


class InvalidArgumentError(Error, ValueError):
    """NIS2_ERR_INVALID_ARG: a NULL or out-of-range argument to a C function."""


class OutOfMemoryError(Error, MemoryError):
    """NIS2_ERR_NOMEM."""


class ParseError(Error, ValueError):
    """NIS2_ERR_PARSE: the text is not well-formed JSON."""


class InvalidFieldError(Error, ValueError):
    """NIS2_ERR_INVALID_FIELD: a field has the wrong type or value."""


class UnknownKeyError(Error, ValueError):
    """NIS2_ERR_UNKNOWN_KEY: an object has a key the format does not define."""


class UnknownCodeError(Error, ValueError):
    """NIS2_ERR_UNKNOWN_CODE: an entity-type code, country, id or control is not in the catalog."""


class MissingFieldError(Error, ValueError):
    """NIS2_ERR_MISSING_FIELD: a required field is absent."""


class FileError(Error):
    """NIS2_ERR_IO (``io_error``): a file could not be read."""


class CatalogError(Error):
    """NIS2_ERR_CATALOG: the catalog is invalid (bad entry, dangling reference, duplicate)."""


class LimitError(Error):
    """NIS2_ERR_LIMIT: an input exceeds a documented limit."""


class UnsupportedError(Error):
    """NIS2_ERR_UNSUPPORTED, also raised by the binding when the loaded library lacks a capability."""


class NotFoundError(Error, LookupError):
    """NIS2_ERR_NOT_FOUND: a looked-up item (e.g. a catalog part) does not exist."""


class InternalError(Error):
    """NIS2_ERR_INTERNAL: a bug in libnis2."""


class LibraryNotFoundError(ImportError):
    """libnis2 could not be loaded, or it has an incompatible ABI. The message names what was tried."""


_BY_STATUS: Dict[int, Type[Error]] = {
    1: InvalidArgumentError, 2: OutOfMemoryError, 3: ParseError, 4: InvalidFieldError, 5: UnknownKeyError,
    6: UnknownCodeError, 7: MissingFieldError, 8: FileError, 9: CatalogError, 10: LimitError,
    11: UnsupportedError, 12: NotFoundError, 13: InternalError,
}


def error_class(status: int) -> Type[Error]:
    """The exception class for a status; :class:`Error` itself for a status this binding does not know."""
    return _BY_STATUS.get(status, Error)
