"""errors: the exceptions parley raises, one per parley_code (parley/error.h), each carrying the location."""
from __future__ import annotations

from typing import Dict, Optional, Type


class Error(Exception):
    """A failure reported by libparley.

    Attributes:
        code: the negative parley_code (-1 bad input, -2 out of memory, ...).
        file: the input file ("" when none).
        line, column: 1-based position in the file (0 when unknown).
        path: where inside the document, e.g. ``parties[1].red_lines[0].rule`` ("" when none).
        message: what was found and what was expected.
    """

    code = -8

    def __init__(self, message: str, *, code: Optional[int] = None, file: str = "", line: int = 0, column: int = 0,
                 path: str = "", formatted: Optional[str] = None) -> None:
        super().__init__(formatted or message)
        if code is not None:
            self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message


class InputError(Error, ValueError):
    """Bad input: a malformed file, an unknown name, a value out of range (PARLEY_EINVAL)."""
    code = -1


class OutOfMemoryError(Error, MemoryError):
    """Out of memory (PARLEY_ENOMEM)."""
    code = -2


class FileError(Error, OSError):
    """A file could not be read or written (PARLEY_EIO)."""
    code = -3


class RangeError(Error, ValueError):
    """A size too large for the operation, e.g. a space too big to enumerate (PARLEY_ERANGE)."""
    code = -4


class NotFoundError(Error, LookupError):
    """The thing asked for does not exist, e.g. no acceptable package (PARLEY_ENOTFOUND)."""
    code = -5


class PermissionDenied(Error):
    """Not allowed (PARLEY_EPERM)."""
    code = -6


class StateError(Error):
    """The object is not in a state that allows the call (PARLEY_ESTATE)."""
    code = -7


class InternalError(Error):
    """A bug or an unexpected failure of a dependency (PARLEY_EINTERNAL)."""
    code = -8


BY_CODE: Dict[int, Type[Error]] = {cls.code: cls for cls in
                                   (InputError, OutOfMemoryError, FileError, RangeError, NotFoundError,
                                    PermissionDenied, StateError, InternalError)}
