"""Timing helpers, result rows and the printed table.

Every figure is a :class:`Row`: our value (median over runs, with the min-max spread),
the baseline measured in the same run, their ratio, the target and whether it was met.
Benchmarks and their baselines run interleaved (ABBA order) so that a machine that
speeds up or slows down during the run affects both alike.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MIB = 1024 * 1024


@dataclass(frozen=True)
class Spread:
    """A figure over several runs: the median, and the smallest and largest run."""

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        """The spread of ``values`` (at least one)."""
        return cls(statistics.median(values), min(values), max(values), len(values))

    def to_json(self) -> dict[str, float]:
        """A JSON object with ``median``, ``min``, ``max`` and ``n``."""
        return {"median": self.median, "min": self.low, "max": self.high, "n": self.n}


@dataclass(frozen=True)
class Target:
    """What a figure must reach: ``ours <= limit``, or ``ours <= ratio x baseline``."""

    text: str
    check: Callable[[float, float | None], bool]

    @classmethod
    def at_most(cls, limit: float, unit: str) -> Target:
        """Ours must not exceed ``limit`` (in the row's unit)."""
        return cls(f"≤ {_number(limit)} {unit}", lambda ours, _base: ours <= limit)

    @classmethod
    def ratio(cls, limit: float) -> Target:
        """Ours must not exceed ``limit`` times the baseline."""
        return cls(
            f"≤ {limit:g}x baseline",
            lambda ours, base: base is not None and base > 0 and ours <= limit * base,
        )

    @classmethod
    def over_baseline(cls, extra: float, unit: str) -> Target:
        """Ours must not exceed the baseline by more than ``extra``."""
        return cls(
            f"≤ baseline + {_number(extra)} {unit}",
            lambda ours, base: base is not None and ours - base <= extra,
        )

    @classmethod
    def equals(cls, wanted: float, text: str) -> Target:
        """Ours must be exactly ``wanted`` (used for yes/no checks)."""
        return cls(text, lambda ours, _base: ours == wanted)


@dataclass
class Row:
    """One figure of the report."""

    key: str
    """A stable id for the JSON output (``first_card.time``)."""
    figure: str
    unit: str
    ours: Spread | None
    baseline: Spread | None = None
    baseline_label: str = ""
    target: Target | None = None
    note: str = ""
    skipped: str = ""
    """Why the figure was not measured (empty when it was)."""
    display: Callable[[float], str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """Ours over the baseline (medians), when both exist."""
        if self.ours is None or self.baseline is None or not self.baseline.median:
            return None
        return self.ours.median / self.baseline.median

    @property
    def met(self) -> bool:
        """Whether the target holds; rows without a target are informational and count as met."""
        if self.skipped:
            return self.target is None
        if self.target is None or self.ours is None:
            return True
        base = self.baseline.median if self.baseline is not None else None
        return self.target.check(self.ours.median, base)

    def fmt(self, value: float) -> str:
        """A value in the row's unit, as printed."""
        if self.display is not None:
            return self.display(value)
        return f"{_number(value)} {self.unit}".rstrip()

    def to_json(self) -> dict[str, Any]:
        """The row as written by ``--json``."""
        return {
            "key": self.key,
            "figure": self.figure,
            "unit": self.unit,
            "ours": self.ours.to_json() if self.ours else None,
            "baseline": (
                {"label": self.baseline_label, **self.baseline.to_json()} if self.baseline else None
            ),
            "ratio": self.ratio,
            "target": self.target.text if self.target else None,
            "met": self.met,
            "note": self.note,
            "skipped": self.skipped or None,
            **self.extra,
        }


def _number(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0-1) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def pooled(rounds: Sequence[Sequence[float]], q: float) -> Spread:
    """Quantile ``q`` of all samples, with its spread across groups of consecutive rounds.

    A group holds enough samples for the quantile to mean something (500 for a p99: with
    fewer, one checkpoint stall per round would vanish from every round's p99 and yet be
    the pooled p99); with a single group the spread is that one value.
    """
    everything = [v for r in rounds for v in r]
    needed = max(10, math.ceil(5 / max(1e-9, 1 - q)))
    groups: list[list[float]] = [[]]
    for r in rounds:
        if len(groups[-1]) >= needed:
            groups.append([])
        groups[-1].extend(r)
    if len(groups) > 1 and len(groups[-1]) < needed:
        groups[-2].extend(groups.pop())
    per_group = [percentile(g, q) for g in groups if g]
    return Spread(percentile(everything, q), min(per_group), max(per_group), len(everything))


def interleave(
    ours: Callable[[], float], baseline: Callable[[], float], *, runs: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Run both ``runs`` times in ABBA order (after ``warmup`` unrecorded runs of each)."""
    for _ in range(warmup):
        ours()
        baseline()
    mine: list[float] = []
    theirs: list[float] = []
    for i in range(runs):
        if i % 2 == 0:
            mine.append(ours())
            theirs.append(baseline())
        else:
            theirs.append(baseline())
            mine.append(ours())
    return mine, theirs


def timed(func: Callable[[], object]) -> float:
    """Seconds one call of ``func`` takes."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


@dataclass(frozen=True)
class ChildRun:
    """A finished child process: wall time, its own peak RSS, and what it printed."""

    wall_s: float
    started_at: float
    """``time.perf_counter()`` just before the child was started (system-wide clock)."""
    maxrss_bytes: int
    returncode: int
    stdout: str
    stderr: str

    def report(self) -> dict[str, Any]:
        """The JSON object the child printed on its last stdout line."""
        lines = [line for line in self.stdout.splitlines() if line.startswith("{")]
        if self.returncode != 0 or not lines:
            raise RuntimeError(
                f"child failed (exit {self.returncode}): {self.stderr.strip()[-2000:]}"
            )
        result: dict[str, Any] = json.loads(lines[-1])
        return result


def bytecode_env() -> dict[str, str]:
    """Children keep compiled bytecode, as an installed drill does, outside the source tree.

    Without it (``PYTHONDONTWRITEBYTECODE`` is set on some machines, and an editable
    install has no ``__pycache__`` yet) every child would compile drill from source and
    start-up figures would measure the compiler.
    """
    from benchmarks.generate import cache_dir

    return {"PYTHONPYCACHEPREFIX": str(cache_dir() / "pycache")}


def run_child(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout_s: float = 600,
) -> ChildRun:
    """Run a fresh child and collect its own resource usage (``wait4``, not RUSAGE_CHILDREN).

    ``wait4`` reports the peak RSS of that one child, where ``RUSAGE_CHILDREN`` would give
    the largest of every child waited for so far.
    """
    full_env = {**os.environ, **bytecode_env(), **(env or {})}
    full_env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    process = subprocess.Popen(
        list(args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=full_env,
        cwd=cwd,
    )
    try:
        # communicate() would reap the child and lose its rusage; read the pipes first.
        stdout, stderr = _drain(process, timeout_s)
    except BaseException:
        process.kill()
        process.wait()
        raise
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    return ChildRun(
        wall_s=wall,
        started_at=started,
        maxrss_bytes=usage.ru_maxrss * 1024,
        returncode=process.returncode,
        stdout=stdout,
        stderr=stderr,
    )


def _drain(process: subprocess.Popen[bytes], timeout_s: float) -> tuple[str, str]:
    """Read stdout and stderr to EOF without reaping the process."""
    import selectors

    assert process.stdout is not None and process.stderr is not None
    out_fd, err_fd = process.stdout.fileno(), process.stderr.fileno()
    chunks: dict[int, list[bytes]] = {out_fd: [], err_fd: []}
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        selector.register(process.stderr, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout_s
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"child {process.args!r} ran longer than {timeout_s:.0f} s")
            for key, _ in selector.select(timeout=remaining):
                data = os.read(key.fd, 65536)
                if data:
                    chunks[key.fd].append(data)
                else:
                    selector.unregister(key.fileobj)
    process.stdout.close()
    process.stderr.close()
    return (
        b"".join(chunks[out_fd]).decode("utf-8", "replace"),
        b"".join(chunks[err_fd]).decode("utf-8", "replace"),
    )


def python_child(*args: str) -> list[str]:
    """A command line running this interpreter with ``args``."""
    return [sys.executable, *args]


def render_table(rows: Sequence[Row]) -> str:
    """The report: figure, ours (median, min-max), baseline, ratio, target, met."""
    header = ["figure", "ours (median, min-max)", "baseline", "ratio", "target", "met"]
    body: list[list[str]] = []
    for row in rows:
        if row.skipped:
            body.append([row.figure, f"skipped: {row.skipped}", "", "", _target(row), _met(row)])
            continue
        ours = "—"
        if row.ours is not None:
            ours = row.fmt(row.ours.median)
            if row.ours.n > 1 and row.ours.low != row.ours.high:
                ours += f" ({row.fmt(row.ours.low)}-{row.fmt(row.ours.high)})"
        base = ""
        if row.baseline is not None:
            base = row.fmt(row.baseline.median)
            if row.baseline_label:
                base += f" {row.baseline_label}"
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        body.append([row.figure, ours, base, ratio, _target(row), _met(row)])
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = [
        "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    for r in body:
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    return "\n".join(lines)


def _target(row: Row) -> str:
    return row.target.text if row.target else "—"


def _met(row: Row) -> str:
    if row.target is None:
        return "info" if not row.skipped else "—"
    if row.skipped:
        return "NO (skipped)"
    return "yes" if row.met else "NO"
