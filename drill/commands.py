"""Commands kept in their own modules, registered on the main group."""

from __future__ import annotations

import click

from drill.cli_stories import stories

COMMANDS: list[click.Command] = [stories]
