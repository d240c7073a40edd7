"""Commands kept in their own modules, registered on the main group."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
