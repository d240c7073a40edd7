"""The learned model behind the signal rules: shipped up to date, and only ever adding."""

from __future__ import annotations

import json

import pytest

from drill.core import signal_model
from drill.core.analysis import SIGNALS, analyze
from tests.eval_analysis import KEPT_OUT_SPLITS, analysis, load_answers
from tests.train_signal_model import data_hash, training_sets

LONG_ANSWER = (
    "We had to move the billing jobs off the old scheduler before the licence ran out. "
    "The scary part was the month-end run: if it failed, invoices would go out late to "
    "every customer. We ran both schedulers side by side for two cycles and compared "
    "every output before switching, and the old one stayed ready to take over. Priya, "
    "a junior engineer who wanted more scope, owned the comparison work and presented the "
    "results to finance herself. The switch went through without a late invoice, and the "
    "licence saving was about forty thousand a year, which finance had been asking for."
)


def test_the_shipped_model_was_trained_on_the_current_labelled_data() -> None:
    document = json.loads(signal_model.MODEL_PATH.read_text(encoding="utf-8"))
    rows = training_sets()
    assert document["data_sha256"] == data_hash(rows), (
        "the labelled data changed: run python tests/train_signal_model.py"
    )
    assert not any(a.get("split") in KEPT_OUT_SPLITS for a in rows)


def test_the_model_has_weights_and_thresholds_for_known_signals_only() -> None:
    model = signal_model.load()
    assert model, "no model shipped"
    for name, weights in model.items():
        assert name in SIGNALS
        assert 0.0 < weights.threshold < 1.0
        assert weights.weights


def test_the_model_only_adds_to_what_the_rules_find() -> None:
    for answer in load_answers():
        if answer["split"] in KEPT_OUT_SPLITS:
            continue
        rules = analysis(answer["text"], model=False).signals
        both = analysis(answer["text"]).signals
        assert all(both[s] for s in SIGNALS if rules[s]), answer["id"]


def test_a_sentence_or_two_is_left_to_the_rules() -> None:
    short = "I fixed the flaky test and we shipped on Friday."
    assert analyze(short) == analyze(short, model=False)
    assert len(LONG_ANSWER.split()) >= signal_model.MIN_WORDS


def test_model_evidence_is_a_whole_sentence_of_the_answer() -> None:
    result = analyze(LONG_ANSWER)
    rules = analyze(LONG_ANSWER, model=False)
    added = [s for s in result.spans if not rules.signals[s.signal]]
    for span in added:
        assert LONG_ANSWER[span.start : span.end] == span.phrase
        assert span.phrase.endswith((".", "!", "?")) or span.end == len(LONG_ANSWER)


@pytest.mark.parametrize(
    ("text", "features"),
    [
        ("Cut p99 from 900ms to 210 ms, 40% less.", {"u:<num>", "u:<pct>", "b:from <num>"}),
        ("We didn\u2019t ship.", {"u:didn't", "b:we didn't"}),
    ],
)
def test_features_fold_numbers_and_apostrophes(text: str, features: set[str]) -> None:
    assert features <= signal_model.features(text)


def test_rule_verdicts_are_features() -> None:
    assert "rule:risk" in signal_model.features("anything", ["risk"])


def test_learned_names_exactly_the_signals_the_model_added() -> None:
    both = analyze(LONG_ANSWER)
    rules = analyze(LONG_ANSWER, model=False)
    added = {s for s in SIGNALS if both.signals[s] and not rules.signals[s]}
    assert both.learned == added
    assert added, "the example answer should need the model for at least one signal"
    assert rules.learned == frozenset()
