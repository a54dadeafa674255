"""JSON from strangers, parsed with limits.

`json.loads` recurses once per level of nesting: a body of `[[[[...` a few thousand
levels deep raises RecursionError (a 500), and one that parses just under Python's
limit breaks the next recursive walk over it. Every JSON document that comes from
outside (API and OAuth bodies, the inbox, the flagger API, remote documents, the
streaming socket) goes through `loads`, which refuses one that is too large or nested
deeper than any real client or server sends, before parsing it.
"""

import json
import re
from array import array
from itertools import accumulate
from typing import Any

# A Mastodon API body nests three or four levels, an ActivityPub activity five or six
# (Create > Note > tag > object > ...): 64 leaves room for any honest document.
MAX_DEPTH = 64
MAX_BYTES = 1024 * 1024

# Strings first (their brackets do not count), possessive so an unterminated one cannot backtrack.
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
# Openers step +1, closers -1 (0xFF read as a signed byte).
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


class JSONBodyError(ValueError):
    """The document is refused: `status` is 413 when too large, 400 when too deep or malformed."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def nesting_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in `raw` (well-formed or not), in linear time."""
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    if not brackets:
        return 0
    return max(0, max(accumulate(array("b", brackets.translate(_STEPS)))))


def check(raw: bytes | str, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> bytes:
    """`raw` as bytes, or JSONBodyError if it is larger or deeper than allowed."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
    if len(data) > max_bytes:
        raise JSONBodyError("The JSON document is too large.", 413)
    if nesting_depth(data) > max_depth:
        raise JSONBodyError("The JSON document is nested too deeply.")
    return data


def loads(raw: bytes | str, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Parse `raw`; JSONBodyError (a ValueError) if too large, too deep or not JSON."""
    data = check(raw, max_bytes=max_bytes, max_depth=max_depth)
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise JSONBodyError("The body is not valid JSON.") from None
