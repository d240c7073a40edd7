"""Untrusted text made safe to store and show: control characters removed."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def strip_controls(value: str) -> str:
    """Text with control characters removed (newlines and tabs kept)."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_text(value: str) -> str:
    """Text with control characters removed (newlines and tabs kept) and ends trimmed."""
    # Control characters are all unprintable, so most text needs no regex pass (which costs
    # several times as much); multi-line text is checked without its line breaks.
    if value.isprintable() or value.replace("\n", "").isprintable():
        return value.strip()
    return strip_controls(value).strip()
