"""User settings: one frozen value, persisted by the store as JSON."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from drill.core.scheduling import DEFAULT_PARAMETERS, SchedulerSettings

THEMES: tuple[str, ...] = ("textual-dark", "textual-light", "nord", "gruvbox", "solarized-light")


class Settings(NamedTuple):
    """Everything a user can change, with defaults for a first run."""

    desired_retention: float = 0.9
    """FSRS target probability of recall when a card falls due."""
    new_per_day: int = 10
    """New cards introduced per local day."""
    session_size: int = 12
    """Cards in one session."""
    answer_timer_s: int = 120
    """The answer timer on long-answer cards, in seconds."""
    rollover_hour: int = 4
    """Local hour at which a new day starts."""
    theme: str = "textual-dark"
    leech_threshold: int = 6
    """Lapses after which a card is flagged as a leech."""
    short_learning_steps_min: tuple[float, ...] = (1.0, 10.0)
    """Same-day steps for basic and recognize cards, in minutes."""
    long_learning_steps_min: tuple[float, ...] = ()
    """Same-day steps for question, reframe and story cards (none by default)."""
    parameters: tuple[float, ...] = DEFAULT_PARAMETERS
    """FSRS parameters in use (defaults until ``drill optimize`` adopts fitted ones)."""

    def scheduler_settings(self, **overrides: Any) -> SchedulerSettings:
        """The scheduler configuration these settings imply."""
        return SchedulerSettings(
            desired_retention=self.desired_retention,
            parameters=self.parameters,
            short_learning_steps_min=self.short_learning_steps_min,
            long_learning_steps_min=self.long_learning_steps_min,
            **overrides,
        )

    def to_json(self) -> str:
        """JSON text for storage."""
        return json.dumps(self._asdict())

    @classmethod
    def from_json(cls, text: str) -> Settings:
        """Settings from stored JSON; unknown keys are ignored, missing ones take defaults."""
        raw = json.loads(text)
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key in cls._fields:
                values[key] = tuple(value) if isinstance(value, list) else value
        return cls(**values)

    def validated(self) -> Settings:
        """These settings, or ValueError naming the first value out of range."""
        checks = [
            (0.7 <= self.desired_retention <= 0.99, "desired retention must be 0.70–0.99"),
            (0 <= self.new_per_day <= 500, "new cards per day must be 0–500"),
            (1 <= self.session_size <= 200, "session size must be 1–200"),
            (10 <= self.answer_timer_s <= 1800, "answer timer must be 10–1800 seconds"),
            (0 <= self.rollover_hour <= 23, "rollover hour must be 0–23"),
            (2 <= self.leech_threshold <= 50, "leech threshold must be 2–50"),
            (self.theme in THEMES, f"theme must be one of {', '.join(THEMES)}"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)
        return self
