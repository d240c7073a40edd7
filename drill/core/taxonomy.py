"""The built-in competency taxonomy (PRODUCT §2)."""

from __future__ import annotations

from collections.abc import Iterable

from drill.core.model import Competency

BUILTIN_COMPETENCIES: tuple[Competency, ...] = (
    Competency(
        "technical-direction",
        "Technical direction",
        "technical leadership",
        "Steering architecture choices through the team rather than by decree; judging "
        "rival proposals.",
    ),
    Competency(
        "system-design-leadership",
        "System design leadership",
        "technical leadership",
        "Designing with the organisation in view: migrations, run cost, on-call load, team speed.",
    ),
    Competency(
        "people-development",
        "People development",
        "organizational leadership",
        "Growing engineers: coaching, stretch work, delegation and honest career talks.",
    ),
    Competency(
        "performance-management",
        "Performance management",
        "organizational leadership",
        "Clear expectations, timely feedback, and treating underperformance as a signal "
        "to diagnose.",
    ),
    Competency(
        "hiring",
        "Hiring",
        "organizational leadership",
        "Getting real signal from interviews, calibrating interviewers, deciding under "
        "uncertainty.",
    ),
    Competency(
        "org-strategy",
        "Org strategy",
        "organizational leadership",
        "Setting direction, shaping teams, leading across groups when the path is unclear.",
    ),
    Competency(
        "stakeholder-management",
        "Stakeholder management",
        "communication",
        "Aligning partners, persuading without authority, and keeping your own manager informed.",
    ),
    Competency(
        "conflict-resolution",
        "Conflict resolution",
        "communication",
        "Treating disagreement as misaligned goals or context, and rebuilding the shared picture.",
    ),
    Competency(
        "trust-accountability",
        "Trust and accountability",
        "communication",
        "Owning what went wrong, giving the team the credit, being open, showing sound judgment.",
    ),
    Competency(
        "execution-delivery",
        "Execution and delivery",
        "execution",
        "Landing work across teams: surfacing risk early, handling slips, owning the outcome.",
    ),
    Competency(
        "business-alignment",
        "Business alignment",
        "execution",
        "Weighing engineering quality against what the business needs now, and measuring outcomes.",
    ),
)

BUILTIN_IDS: frozenset[str] = frozenset(c.id for c in BUILTIN_COMPETENCIES)


def merge(base: Iterable[Competency], extra: Iterable[Competency]) -> dict[str, Competency]:
    """The taxonomy with ``extra`` added to (or overriding) ``base``, by id, in order."""
    merged = {c.id: c for c in base}
    merged.update({c.id: c for c in extra})
    return merged
