"""Answer insight rendered for the review screen (signals found, with evidence, and missing)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from drill.core.analysis import analyze
from drill.tui.text import one_line, styled

SIGNAL_LABELS = {
    "stakeholders": "stakeholders",
    "tradeoffs": "trade-offs",
    "risk": "risk",
    "metrics": "metrics",
    "people": "people",
    "decision": "decision",
    "reflection": "reflection",
    "credit": "credit",
    "ownership": "ownership",
    "business": "business",
}


def insight_content(text: str, expects: Sequence[str]) -> Content:
    """What the typed answer shows and lacks; the card's expected signals come first."""
    result = analyze(text, expects)
    parts: list[str | tuple[str, str]] = [
        ("Answer insight", "bold"),
        (
            f"  {result.words} words · about {result.speaking_seconds // 60}:"
            f"{result.speaking_seconds % 60:02d} spoken · I {result.i_count} / we "
            f"{result.we_count}\n",
            "$text-muted",
        ),
    ]
    shown = [s for s, on in result.signals.items() if on]
    for signal in shown:
        evidence = result.evidence.get(signal, ())
        parts += [(" ✓ ", "$success bold"), (SIGNAL_LABELS.get(signal, signal), "bold")]
        if signal in result.learned:
            # The model's pick of sentence, not a matched phrase: say so, keep it short.
            parts.append((" (likely)", "$text-muted"))
            evidence = tuple(one_line(e, 90) for e in evidence)
        if evidence:
            parts += ["  ", styled("“" + evidence[0].strip() + "”", "italic $text-muted")]
        parts.append("\n")
    missing = list(result.missing)
    if missing:
        parts.append(("Missing: ", "bold $warning"))
        for i, signal in enumerate(missing):
            style = "bold $warning" if signal in result.expected else "$text-muted"
            parts.append(
                (SIGNAL_LABELS.get(signal, signal) + ("" if i == len(missing) - 1 else ", "), style)
            )
    return Content.assemble(*parts).rstrip()
