"""Functional tests of the terminal UI: Pilot, snapshots, markup safety, a real terminal."""
