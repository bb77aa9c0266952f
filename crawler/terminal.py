"""Stored strings made safe to print on a terminal (issue 21).

A site name, a rule or a reason comes from a file or a database someone else may have written: an escape
code in it can move the cursor, recolour or rewrite a line ("\\r", ESC [ ... ), so `kznews status` could
show a fake "all sites OK". Every control character (C0 and DEL, C1, which some terminals read as ESC
sequences, and the bidi controls that reorder text) is shown as a visible escape instead.
"""

from __future__ import annotations

import re
from typing import Any

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(value: Any) -> str:
    """`value` as text with every control character escaped (one line, nothing for the terminal to run)."""
    return _UNSAFE.sub(_visible, "" if value is None else str(value))
