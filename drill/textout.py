"""Plain-text tables and bars for the CLI (untrusted text is printed as text, never markup)."""

from __future__ import annotations

from collections.abc import Sequence

from drill.core.text import clean_text

_BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(fraction: float | None, width: int = 10) -> str:
    """A horizontal bar for a share in 0..1 (blank-dotted when unknown)."""
    if fraction is None:
        return "·" * width
    cells = max(0.0, min(1.0, fraction)) * width
    full = int(cells)
    part = _BLOCKS[int((cells - full) * 8)] if full < width else ""
    return ("█" * full + part).ljust(width)


def cell(value: object) -> str:
    """A table cell as one line of safe text."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}"
    return clean_text(str(value)).replace("\n", " ")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns padded to width; numbers right-aligned."""
    text = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in text)]) for i, h in enumerate(headers)]
    numeric = [
        all(isinstance(row[i], int | float) or row[i] is None for row in rows) and bool(rows)
        for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out += [line(r) for r in text]
    return "\n".join(out)


def percent(value: float | None) -> str:
    """``55%`` or ``–``."""
    return "–" if value is None else f"{value:.0%}"
