"""What is wrong with a file the user gave us: the problems, each at its line.

Kept apart from the parsers (and YAML) so that code which only reports these errors does
not load them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a file, at a line (1-based) when one is known."""

    line: int | None
    message: str


class DeckError(Exception):
    """A file that cannot be used, with every problem found in it (``path:line: message``)."""

    def __init__(self, path: str, problems: Sequence[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__(str(self))

    @property
    def line(self) -> int | None:
        """The line of the first problem."""
        return self.problems[0].line

    @property
    def message(self) -> str:
        """The first problem's message."""
        return self.problems[0].message

    def __str__(self) -> str:
        return "\n".join(
            f"{self.path}:{p.line}: {p.message}" if p.line else f"{self.path}: {p.message}"
            for p in self.problems
        )
