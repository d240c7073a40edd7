"""A small learned model that backs up the signal rules of `drill.core.analysis`.

The rules are precise but miss phrasing nobody wrote a rule for. Behind them sits one
logistic regression per signal over the words of the answer (single words and pairs, numbers
folded to ``<num>``) and the rules' own verdicts. It is trained by
``tests/train_signal_model.py`` on the labelled answers in ``tests/data`` (never on the
kept-out set), and its weights ship in ``signal_model.json`` beside this module: no
download, no third-party library, a few hundred dictionary lookups per answer.

A signal the rules missed counts as present when the model's probability reaches that
signal's threshold, chosen by cross-validation so that the rules and the model together keep
a precision of 0.85 and the model's own additions are right at least three times in four
(the trainer's ``TARGET_PRECISION`` and ``ADDED_PRECISION``). Its evidence is the sentence
the model scores highest for that signal.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("signal_model.json")
"""Where the trained weights live (package data)."""

MIN_WORDS = 40
"""Shorter texts are left to the rules: the model learned from whole answers (60 words and
up), and a sentence or two gives it too little to go on."""

_TOKEN = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?|\d+(?:[.,]\d+)*%?|[$£€]")


def tokens(text: str) -> list[str]:
    """Lower-cased words; numbers become ``<num>`` (``<pct>`` with a per cent sign)."""
    out: list[str] = []
    for token in _TOKEN.findall(text.lower()):
        if token[0].isdigit() or token in "$£€":
            token = "<pct>" if token.endswith("%") else "<num>"
        out.append(token.replace("\u2019", "'"))
    return out


def features(text: str, rule_signals: Iterable[str] = ()) -> frozenset[str]:
    """The model's inputs: words, word pairs and the signals the rules found."""
    words = tokens(text)
    out = {"u:" + w for w in words}
    out.update(f"b:{a} {b}" for a, b in pairwise(words))
    out.update("rule:" + name for name in rule_signals)
    return frozenset(out)


@dataclass(frozen=True)
class SignalWeights:
    """One signal's logistic regression and its decision threshold."""

    bias: float
    threshold: float
    weights: Mapping[str, float]

    def score(self, feats: Iterable[str]) -> float:
        """The linear score (log-odds) of ``feats``."""
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in feats)

    def probability(self, feats: Iterable[str]) -> float:
        """The probability that the answer shows the signal."""
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(feats)))))


@cache
def load(path: Path = MODEL_PATH) -> Mapping[str, SignalWeights]:
    """The trained model by signal (empty when no model has been trained)."""
    if not path.exists():
        return {}
    document = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: SignalWeights(entry["bias"], entry["threshold"], entry["weights"])
        for name, entry in document["signals"].items()
    }
