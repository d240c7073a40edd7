"""``python -m benchmarks [--quick] [--json PATH] [--only NAMES] [--runs N]``."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import cases, generate
from benchmarks.measure import Row, Target, render_table


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": cpu_model,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "textual": version("textual"),
        "drill": version("em-drill"),
        "anki": version("anki"),
        "platform": platform.platform(),
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="drill's benchmarks: figures against baselines measured in the same run.",
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer runs (< 60 s)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the rows as JSON")
    parser.add_argument(
        "--only",
        metavar="NAMES",
        help=f"comma-separated cases to run (of: {', '.join(cases.CASES)})",
    )
    parser.add_argument("--runs", type=int, metavar="N", help="override runs per figure")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the suite, print the table, optionally write JSON; exit 0 unless a case crashed."""
    args = _parser().parse_args(argv)
    names = list(cases.CASES) if not args.only else [n.strip() for n in args.only.split(",")]
    unknown = [n for n in names if n not in cases.CASES]
    if unknown:
        _parser().error(f"unknown case(s) {', '.join(unknown)} (of: {', '.join(cases.CASES)})")
    sizes = cases.with_runs(cases.sizes_for(args.quick), args.runs)
    info = machine()
    print(
        f"drill benchmarks ({sizes.name}): {info['cpus']} CPUs ({info['cpu_model'] or 'unknown'}), "
        f"Python {info['python']}, SQLite {info['sqlite']}, Textual {info['textual']}, "
        f"load {info['load_average']}",
        flush=True,
    )
    print(f"data cache: {generate.cache_dir()}", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="drill-bench-"))
    ctx = cases.Context(sizes=sizes, work=work)
    rows: list[Row] = []
    crashed = False
    started = time.perf_counter()
    try:
        for name in names:
            print(f"[{name}]", file=sys.stderr, flush=True)
            case_started = time.perf_counter()
            try:
                rows += cases.CASES[name](ctx)
            except Exception as exc:
                crashed = True
                traceback.print_exc()
                # A case that crashed has missed whatever it was to measure.
                failed = Target("completes", lambda _ours, _base: False)
                rows.append(
                    Row(name, f"{name}: failed", "", None, target=failed, skipped=f"error: {exc}")
                )
            print(f"  {time.perf_counter() - case_started:.1f} s", file=sys.stderr, flush=True)
            if not args.keep:
                # Working copies of big databases add up; each case made its own.
                for leftover in work.iterdir():
                    shutil.rmtree(leftover, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    for line in ctx.data:
        print(f"data: {line}")
    print(render_table(rows))
    missed = [r for r in rows if not r.met]
    print(
        f"{len(rows) - len(missed)} of {len(rows)} rows met or informational; "
        f"{len(missed)} missed; {elapsed:.0f} s"
    )
    if args.json:
        document = {
            "suite": sizes.name,
            "machine": info,
            "data": ctx.data,
            "seconds": elapsed,
            "rows": [r.to_json() for r in rows],
        }
        args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
