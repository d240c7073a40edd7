"""Untrusted text for widgets: always literal Content, never markup, no control characters."""

from __future__ import annotations

from textual.content import Content

from drill.core.text import clean_text, strip_controls


def literal(text: str) -> Content:
    """Deck, story or user text as Content that no markup or escape code can affect."""
    return Content(clean_text(text))


def styled(text: str, style: str) -> tuple[str, str]:
    """A (text, style) part for ``Content.assemble``; the text is cleaned and never parsed."""
    return (strip_controls(text), style)


def one_line(text: str, width: int = 80) -> str:
    """Text folded to one line and shortened to ``width`` characters."""
    flat = " ".join(clean_text(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
