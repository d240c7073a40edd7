"""The core is importable without the TUI or the database."""

from __future__ import annotations

import json
import subprocess
import sys

_PROBE = """
import importlib, json, pkgutil, sys
import drill.core
names = [m.name for m in pkgutil.walk_packages(drill.core.__path__, "drill.core.")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "loaded": sorted(sys.modules)}))
"""

FORBIDDEN = ("textual", "sqlite3", "_sqlite3", "sqlite_utils", "click", "drill.store", "drill.tui")


def test_importing_every_core_module_pulls_in_no_ui_and_no_sqlite() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    report = json.loads(done.stdout)
    assert "drill.core.decks" in report["modules"]
    assert "drill.core.scheduling" in report["modules"]
    loaded = set(report["loaded"])
    leaked = sorted(
        name
        for name in loaded
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)
    )
    assert leaked == []
