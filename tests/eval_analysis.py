"""Precision and recall of the signal detector over the labelled answer set.

``python tests/eval_analysis.py`` prints a markdown table for the tune split, the holdout
split and all answers; ``--errors SPLIT`` also lists each miss and false alarm. Tune the
detector on ``tune`` only: ``holdout`` is the honest estimate.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drill.core.analysis import SIGNALS, analyze

ANSWERS_PATH = Path(__file__).resolve().parent / "data" / "answers.yaml"
"""The labelled set: entries {id, split, text, labels}."""

Score = tuple[float, float, int, int, int]
"""(precision, recall, true positives, false positives, false negatives)."""


@cache
def load_answers() -> tuple[dict[str, Any], ...]:
    """The labelled answers, in file order."""
    with ANSWERS_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return tuple(data["answers"])


def _entries(split: str | None) -> list[dict[str, Any]]:
    return [a for a in load_answers() if split is None or a["split"] == split]


def evaluate(split: str | None) -> dict[str, Score]:
    """Per-signal (precision, recall, tp, fp, fn) on `split` ("tune", "holdout" or None: all).

    With no positive predictions precision is 1.0 (nothing claimed wrongly); with no
    labelled positives recall is 1.0.
    """
    counts = {name: [0, 0, 0] for name in SIGNALS}
    for entry in _entries(split):
        found = analyze(entry["text"]).signals
        for name in SIGNALS:
            truth, guess = bool(entry["labels"][name]), found[name]
            if truth and guess:
                counts[name][0] += 1
            elif guess:
                counts[name][1] += 1
            elif truth:
                counts[name][2] += 1
    scores: dict[str, Score] = {}
    for name, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        scores[name] = (precision, recall, tp, fp, fn)
    return scores


def errors(split: str | None) -> list[str]:
    """One line per wrong call on `split`: id, signal, FN or FP, and the evidence."""
    lines: list[str] = []
    for entry in _entries(split):
        result = analyze(entry["text"])
        for name in SIGNALS:
            truth, guess = bool(entry["labels"][name]), result.signals[name]
            if truth != guess:
                kind = "FN" if truth else "FP"
                lines.append(f"{entry['id']:8s} {name:13s} {kind} {list(result.evidence[name])}")
    return lines


def markdown_table(split: str | None) -> str:
    """A markdown table of `evaluate(split)`."""
    title = split or "all"
    n = len(_entries(split))
    rows = [
        f"### {title} ({n} answers)",
        "",
        "| signal | precision | recall | tp | fp | fn |",
        "|---|---|---|---|---|---|",
    ]
    for name, (p, r, tp, fp, fn) in evaluate(split).items():
        rows.append(f"| {name} | {p:.2f} | {r:.2f} | {tp} | {fp} | {fn} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    """Print the tables (and, with ``--errors SPLIT``, the wrong calls)."""
    for split in ("tune", "holdout", None):
        print(markdown_table(split))
        print()
    if len(argv) >= 2 and argv[0] == "--errors":
        split = None if argv[1] == "all" else argv[1]
        print("\n".join(errors(split)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
