"""Tests for drill.core.analysis: accuracy on the labelled sets, hard negatives, API shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from drill.core.analysis import (
    SIGNALS,
    Analysis,
    analyze,
    propose_quality,
    rubric_signal,
)
from tests.eval_analysis import (
    KEPT_OUT_SPLITS,
    SPLITS,
    deck_agreement,
    deck_report,
    evaluate,
    load_answers,
    main,
)

REPO = Path(__file__).resolve().parents[2]

TUNE_TARGET = 0.95
"""Precision and recall every signal keeps on the split the rules are tuned on."""
HOLDOUT_TARGET = 0.8
"""The holdout split has been looked at once, so it is a regression check, not an estimate."""
FRESH_TUNE_TARGET = 0.9
"""The odd ids of the blind fresh set became tuning data; their labels follow slightly
different conventions from answers.yaml (see its header), so a few calls stay apart."""
FRESH_HOLDOUT_TARGET = 0.85
"""What the even ids of the fresh set must keep. They were scored once blind (recall then
0.40-0.77 on stakeholders, tradeoffs, risk, reflection, credit) and have since been tuned on
(issue #9), so this is a regression floor, not an estimate of unseen recall: that is the
kept-out ``blind`` split's job."""
TUNE2_TARGET = 0.8
"""Floor on tune2 (the set most like unseen text), a little under the figures measured after
the issue #9 rule families (precision 0.91-1.00, recall 0.83-0.98)."""
BLIND4_TARGET = 0.78
"""Floor on blind4, scored once blind and then tuned and trained on: a regression check a
little under the figures measured after the blind4 rule families (precision 0.86-1.00,
recall 0.97-1.00), not an estimate of unseen text."""


KEPT_OUT_MEASURED = {
    "stakeholders": (0.93, 0.83),
    "tradeoffs": (0.89, 0.83),
    "risk": (0.86, 0.86),
    "metrics": (0.90, 0.76),
    "people": (0.86, 0.95),
    "decision": (0.88, 0.86),
    "reflection": (0.89, 0.92),
    "credit": (0.91, 0.83),
    "ownership": (0.94, 1.00),
    "business": (0.76, 0.86),
}
"""(precision, recall) on the kept-out split (`KEPT_OUT_SPLITS`), scored once with the
rules and the model as shipped (the README prints the table). A floor for later changes,
0.05 under."""


@pytest.mark.parametrize("signal", SIGNALS)
def test_the_kept_out_split_keeps_its_measured_precision_and_recall(signal: str) -> None:
    if not KEPT_OUT_SPLITS:
        pytest.skip("no kept-out split: the last one became tuning data, the next is not in")
    [split] = KEPT_OUT_SPLITS
    precision, recall, tp, fp, fn = evaluate(split)[signal]
    floor_p, floor_r = (v - 0.05 for v in KEPT_OUT_MEASURED[signal])
    assert precision >= floor_p, f"{signal}: precision {precision:.2f} (tp={tp}, fp={fp})"
    assert recall >= floor_r, f"{signal}: recall {recall:.2f} (tp={tp}, fn={fn})"


@pytest.mark.parametrize("signal", SIGNALS)
def test_tune_precision_and_recall(signal: str) -> None:
    precision, recall, tp, fp, fn = evaluate("tune")[signal]
    assert precision >= TUNE_TARGET, f"{signal}: precision {precision:.2f} (tp={tp}, fp={fp})"
    assert recall >= TUNE_TARGET, f"{signal}: recall {recall:.2f} (tp={tp}, fn={fn})"


@pytest.mark.parametrize("signal", SIGNALS)
def test_holdout_precision_and_recall(signal: str) -> None:
    precision, recall, tp, fp, fn = evaluate("holdout")[signal]
    assert precision >= HOLDOUT_TARGET, f"{signal}: precision {precision:.2f} (tp={tp}, fp={fp})"
    assert recall >= HOLDOUT_TARGET, f"{signal}: recall {recall:.2f} (tp={tp}, fn={fn})"


@pytest.mark.parametrize("signal", SIGNALS)
def test_fresh_tune_precision_and_recall(signal: str) -> None:
    precision, recall, _, fp, fn = evaluate("fresh-tune")[signal]
    assert precision >= FRESH_TUNE_TARGET, f"{signal}: precision {precision:.2f} (fp={fp})"
    assert recall >= FRESH_TUNE_TARGET, f"{signal}: recall {recall:.2f} (fn={fn})"


@pytest.mark.parametrize("signal", SIGNALS)
def test_fresh_holdout_precision_and_recall(signal: str) -> None:
    precision, recall, _, fp, fn = evaluate("fresh-holdout")[signal]
    assert precision >= FRESH_HOLDOUT_TARGET, f"{signal}: precision {precision:.2f} ({fp=})"
    assert recall >= FRESH_HOLDOUT_TARGET, f"{signal}: recall {recall:.2f} (fn={fn})"


@pytest.mark.parametrize("signal", SIGNALS)
def test_tune2_precision_and_recall(signal: str) -> None:
    precision, recall, _, fp, fn = evaluate("tune2")[signal]
    assert precision >= TUNE2_TARGET, f"{signal}: precision {precision:.2f} ({fp=})"
    assert recall >= TUNE2_TARGET, f"{signal}: recall {recall:.2f} (fn={fn})"


@pytest.mark.parametrize("signal", SIGNALS)
def test_blind4_precision_and_recall(signal: str) -> None:
    precision, recall, _, fp, fn = evaluate("blind4")[signal]
    assert precision >= BLIND4_TARGET, f"{signal}: precision {precision:.2f} ({fp=})"
    assert recall >= BLIND4_TARGET, f"{signal}: recall {recall:.2f} (fn={fn})"


def test_fresh_set_is_split_by_id_parity() -> None:
    fresh = [a for a in load_answers() if a["split"].startswith("fresh")]
    assert len(fresh) >= 80
    for a in fresh:
        odd = int(a["id"].rsplit("-", 1)[1]) % 2 == 1
        assert a["split"] == ("fresh-tune" if odd else "fresh-holdout"), a["id"]
    assert {a["split"] for a in load_answers()} == set(SPLITS)


def test_eval_refuses_to_list_kept_out_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for split in (*KEPT_OUT_SPLITS, "all"):
        assert main(["--errors", split]) == 2
    assert "refusing" in capsys.readouterr().err


def test_eval_prints_a_table_per_split(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    for title in (*SPLITS, "all"):
        assert f"### {title} (" in out


def test_labelled_set_is_balanced() -> None:
    # The balance was fixed for answers.yaml; the fresh set was written separately.
    answers = [a for a in load_answers() if a["split"] in ("tune", "holdout")]
    assert len(answers) >= 120
    holdout = [a for a in answers if a["split"] == "holdout"]
    assert abs(len(holdout) - len(answers) / 3) <= 2
    for signal in SIGNALS:
        present = sum(bool(a["labels"][signal]) for a in answers)
        assert present >= 25 and len(answers) - present >= 25, signal
    for a in answers:
        assert set(a["labels"]) == set(SIGNALS), a["id"]
        assert 40 <= len(a["text"].split()) <= 250, a["id"]


# Each text must NOT show the signal: the phrasing looks like it but is not it.
HARD_NEGATIVES = [
    ("metrics", "In 2019 I was on a team of 6. For 3 sprints I owned the refund endpoint."),
    ("metrics", "We upgraded from version 2 to version 3 of the library and wrote tests."),
    ("metrics", "I spent about 20% of my time on interviews and wrote 60% of the gateway."),
    ("metrics", "The team grew from three to nine people in a year."),
    ("credit", "We wrote the parser in a weekend, we added error recovery, and we shipped it."),
    ("credit", "I thanked everyone for their time and we moved on to the next item."),
    ("credit", "Thanks to the new caching layer I built, the page loads much faster."),
    ("risk", "There was a real risk the migration would corrupt records. We went ahead."),
    ("risk", "It shipped behind a feature flag with a rollback script, like everything we ship."),
    ("decision", "We decided to move to a monorepo. I set up the tooling and migrated it."),
    ("decision", "In the end we went with SQS. I wrote the Terraform for it."),
    ("reflection", "I learned Kotlin on that project, which I still use."),
    ("reflection", "I learned a lot about distributed systems and read the Raft paper twice."),
    ("tradeoffs", "We considered React, Vue, Svelte and Angular. In the end we used React."),
    ("tradeoffs", "There are always trade-offs in engineering. We just used Redis."),
    ("ownership", "The outage wasn't our fault. The platform team changed the config."),
    ("ownership", "I take full responsibility for my team, so I told the junior off."),
    ("ownership", "I was responsible for the backend and I owned the deployment pipeline."),
    ("people", "I paired with Sarah on the retries because she knew the provider's API."),
    ("people", "I've always liked mentoring and I'm on the mentoring committee."),
    ("stakeholders", "The product manager gave me the ticket and I built the page."),
    ("stakeholders", "I didn't tell finance about the test charges."),
    ("business", "I refactored the business logic layer and the customer_id lookups."),
    ("business", "The revenue_reports job read the user table, so I updated its queries."),
    # a capitalised pronoun or a language is not a named person
    ("credit", "He did it in a weekend and we moved on."),
    ("credit", "She delivered it late, so we slipped the launch."),
    ("credit", "The default scheduler was Go's, so we kept it."),
    ("credit", "I thought the design was wrong and I said so in the review."),
    # how long something was broken is not an outcome; a team size is not a baseline
    ("metrics", "The bad deploy broke the export for two days before anyone noticed."),
    ("metrics", "Checkout was down for 40 minutes on Friday."),
    ("metrics", "We were down from eight engineers to five after the reorg."),
    ("metrics", "I joined a team with zero documentation and a flaky build."),
    # a vendor's or an API's contract is not a customer's
    ("business", "We signed a vendor contract with Datadog for three years."),
    ("business", "We added contract tests so the two services stopped drifting."),
    ("tradeoffs", "We traded war stories for an hour after the offsite."),
    ("tradeoffs", "We cut a release to hit the Friday window and went home."),
    ("tradeoffs", "I accepted more work from the platform team this quarter."),
    ("people", "I gave her the news about the reorg on Monday."),
    ("people", "I handed him the keyboard and watched him type."),
    ("people", "We agreed that Legal would decide on the wording."),
    ("people", "The move was a stretch for the budget."),
    ("people", "Sanjay led the queue replacement and I wrote the tests."),
    ("risk", "We kept the old server around so we could leave early on Friday."),
    ("stakeholders", "Our dashboard showed customers dropping off at the payment step."),
    ("stakeholders", "HR explained the process, so I wrote up the plan."),
    ("stakeholders", "I wrote the shared client library that other teams used."),
    ("stakeholders", "The director asked for a plan. Later I proposed him for the panel."),
    ("decision", "The options were React or Vue. We went with React."),
    ("decision", "A year later he chose to stay on the technical track."),
    ("decision", "I proposed a code freeze. I set up the tooling."),
    # time is not money, and a thing named after customers is not a customer
    ("business", "Carving it out would cost us a quarter of feature work."),
    ("business", "I reorganised the squads by customer journey."),
    ("business", "The bug only showed up against real invoice data."),
    ("business", "She got her promotion to senior last cycle."),
    ("business", "I saved a lot of time by scripting the setup."),
    ("business", "We switched the library to an MIT license."),
    ("business", "Procurement had signed the contract in March and I built the adapter."),
    ("stakeholders", "Once testers reported to product leads, the squads adapted."),
    ("stakeholders", "I held design discussions at 3 pm Austin time, 10 pm in Krakow."),
    # dropping something that was not working gives nothing up
    ("tradeoffs", "I dropped the approval board because it caught almost nothing."),
    ("tradeoffs", "I listed the options: Unleash, Flagsmith, or our own. We went with Unleash."),
    # a safeguard not taken, and a fix after the fact, contain nothing
    ("risk", "I'd raised the risk of data loss but didn't push for a dry run."),
    ("risk", "I got paged for an outage, rolled back their change and restarted the workers."),
    ("metrics", "I spent 20% more time on interviews that quarter."),
    ("metrics", "We are now 3 weeks into the migration."),
    ("credit", "He did it in a weekend, brilliantly fast, and we moved on."),
    ("ownership", "I didn't want to tell her to speak up, so I gave her the lead."),
    ("reflection", "Since then the service has been stable."),
    # issue #9 families: the near misses of each new way of saying a signal
    ("risk", "If the cache misses, we'd fall back to the database. It works fine."),
    ("risk", "I paired her as shadow on-call with Marcus; she thought deploying was dangerous."),
    ("risk", "The pricing service fell over and orders failed over two hours."),
    ("risk", "The risk was that our API rate limits would be hit. I raised a ticket."),
    ("metrics", "It came down to two vendors, and we went with the cheaper one."),
    ("metrics", "When our group doubled in size I split the team in two."),
    ("metrics", "The old one still the official, the new one only for comparison."),
    ("stakeholders", "My growth plan for him: running the sync and presenting to our director."),
    ("stakeholders", "She told me the director had already decided."),
    ("tradeoffs", "For Carla, who wanted scope, that meant a review; for Jon, it meant planning."),
    ("tradeoffs", "That part was on me: I'd raised the risk but didn't push for a dry run."),
    ("tradeoffs", "A script compared which tests each one ran. They would have been dropped."),
    ("credit", "It was the most impactful thing my team did that year."),
    ("credit", "I mostly wrote the code myself and made the dashboards."),
    ("people", "I also mentor a couple of juniors in general and run a study group."),
    ("people", "Then we flipped a flag that could hand billing back to Oracle."),
    ("reflection", "Now I lead a team of eight."),
    ("ownership", "My team owned the release train and shipped weekly."),
    ("business", "We were hiring for three roles and the market was brutal."),
    ("business", "We rolled it out to internal users first, then everyone."),
    ("business", "I took the decision to start with the invoice generator."),
]

# Each text MUST show the signal.
POSITIVES = [
    ("metrics", "The checklist cut new-hire setup time from four days to one."),
    ("metrics", "After the change p99 latency went from 900 ms to 210 ms."),
    ("metrics", "We reduced our cloud bill by 30%, about $250k a year."),
    ("credit", "The launch was down to the team: Nadia fixed the caching problem."),
    ("credit", "Credit to Olu and Marta; they put real effort into it."),
    ("risk", "The risk was double-charging customers, so we rolled out behind a feature flag."),
    ("decision", "I chose the token bucket because our limits didn't need to be exact."),
    ("reflection", "What I learned is that I step in too early; next time I'll wait."),
    ("tradeoffs", "Batch was simple but meant stale data; CDC was fresher but added a system."),
    ("ownership", "That was my call, and it was wrong."),
    ("ownership", "I got the capacity planning badly wrong. I own that."),
    ("people", "I coached Dev through his first on-call rotation."),
    ("stakeholders", "I walked the product manager and her director through the data."),
    ("business", "Both renewals closed, and the deal was worth $1.2M."),
    ("credit", "That was Kofi's and Ana's rigour."),
    ("credit", "Most of the comparison tooling was Gus's, and I said so at the all-hands."),
    # a bare choice whose reason is the sentence before, or the options laid out earlier
    (
        "decision",
        "A mandate would have stalled against their roadmaps. I chose the phased standard.",
    ),
    (
        "decision",
        "I set out three options. Buying meant lock-in; building meant two engineers for a"
        " quarter. We bought, and kept a thin wrapper around the SDK.",
    ),
    ("decision", "I proposed fixing the vendor problem first, because it affected logins."),
    (
        "decision",
        "I had considered point targets, but points measure estimates, so I dropped them.",
    ),
    (
        "decision",
        "Down-levelling risked losing her. I decided against it; instead we hired at senior.",
    ),
    (
        "decision",
        "I had to decide what to offer. Matching the cash would have been impossible."
        " Instead I asked him what mattered.",
    ),
    (
        "decision",
        "I gave her two options: ship now and accept a later launch, or fix the alerts first."
        " She chose the second.",
    ),
    # a safeguard built for a purpose implies the risk; a sign-off can be the containment
    ("risk", "We built reverse replication so we could roll back, and rehearsed twice."),
    ("risk", "We named ledger rounding as the top risk and had finance sign off the rules."),
    ("risk", "Jon believed big imports could lock the database, so we capped them at 5,000 rows."),
    # delegation shown by who did what
    (
        "people",
        "Yusuf led load testing and owned the launch criteria, Chloe designed the fallback.",
    ),
    ("people", "I handed Nia, a mid-level engineer, the weekly on-call review."),
    ("people", "We agreed that Marta would decide after a one-week spike."),
    ("people", "Tomás and Grace led the drafting, a deliberate stretch for both."),
    # weighing without the word "trade-off"
    ("tradeoffs", "The cost was three weeks of slower roadmap work."),
    ("tradeoffs", "We shipped on the date at the price of a manual reconciliation step."),
    ("tradeoffs", "I chose the bench, trading some consistency risk for throughput."),
    ("tradeoffs", "Building looked free but meant two engineers for a quarter."),
    ("tradeoffs", "We considered a change freeze, which would have put his deadline at risk."),
    ("tradeoffs", "I proposed dropping the synonyms project to protect the ranking relaunch."),
    ("tradeoffs", "We gave up the custom dashboards for an earlier launch."),
    ("business", "The old processor's contract renewed at a 400,000 dollar premium."),
    ("metrics", "We cut over five weeks later with zero unreconciled transactions."),
    ("metrics", "Checkout had one incident that half, down from three a quarter."),
    ("stakeholders", "I put the trade-off to the VP and my director together."),
    ("stakeholders", "I framed the debt for our VP of product as lead time on pricing changes."),
    (
        "stakeholders",
        "My director heard a complaint. I rebuilt the case in her terms."
        " I showed her that most pages came from three services.",
    ),
    ("stakeholders", "Our tech lead scoped it down, and our PM worked with sales on the metrics."),
    ("ownership", "My own habits were part of the problem."),
    ("ownership", "I let the first two incidents pass as bad luck, and that cost us a report."),
    ("ownership", "I had contributed to that by escalating over his head."),
    # phrasing families the fresh set showed the rules missing
    ("ownership", "That part was on me: I'd raised it but not pushed."),
    ("ownership", "I let it sit for three months before acting, which I own."),
    ("ownership", "I dropped the ball on the handover."),
    ("ownership", "I failed to spot the dependency until it was too late."),
    ("reflection", "My takeaway was that cost work needs an owner."),
    ("reflection", "If I were doing it again, I'd start with the data."),
    ("credit", "The project's success was mostly hers."),
    ("credit", "The team did a great job on the schema, Carla especially."),
    ("credit", "That success was down to the product managers, who treated them as peers."),
    ("credit", "It was Kofi's analysis that made it happen."),
    ("credit", "We couldn't have shipped it without Omar."),
    ("stakeholders", "I apologised to them and to the marketing VP, and walked her through it."),
    ("stakeholders", "I walked the payments team's lead through the reasoning."),
    ("stakeholders", "My director wanted a rewrite. I disagreed, and told him in our one-to-one."),
    ("stakeholders", "I ran a workshop with the research director and two product leads."),
    ("stakeholders", "I persuaded the CFO to fund a second region."),
    ("tradeoffs", "Options: one cluster per team (simple, double the cost) or quotas (cheaper)."),
    ("tradeoffs", "The rota felt like the lesser evil."),
    ("tradeoffs", "We lost some flexibility, but gained a much simpler on-call story."),
    ("tradeoffs", "Buying would have been faster; building gave us control of the model."),
    ("risk", "During the outage we turned on load shedding and flipped the kill flag."),
    ("risk", "The worst case was losing a day of orders, so we took hourly backups."),
    ("risk", "Any bad deploy could only affect one cell."),
    ("risk", "We put config behind a canary stage, so a bad value hits one percent first."),
    ("risk", "I froze deploys, because left running the job would have issued refunds twice."),
    ("metrics", "The deal closed at about $600k ARR."),
    ("metrics", "Five of eight people had left; over the next year only one person left."),
    ("metrics", "We saw a 40% reduction in pages."),
    ("metrics", "Test coverage went from roughly half to 80 per cent."),
    ("decision", "My first call was to freeze deploys, because the job would double-refund."),
    ("decision", "We decided to ship SAML first. That meant giving up auto-provisioning."),
    ("decision", "Options: hire or grow someone. Chose to grow Ade; a hire would take months."),
    ("people", "I put Omar in charge of the incident review."),
    ("business", "Our largest reseller needed the new API for their own launch."),
    ("business", "The company was cutting infrastructure spend that year."),
    # issue #9 families
    ("risk", "My worry was drift, so we ran dual writes for six weeks."),
    ("risk", "The scary part was locking people out. It went to employees first."),
    ("risk", "If the model was too aggressive, we'd decline good customers, so it ran in shadow."),
    ("risk", "We had one shot. We did a dry run the weekend before."),
    ("risk", "We shipped it behind a flag, so if numbers differed we could switch that customer."),
    ("risk", "The risk was a broken release, so we moved one zone a fortnight."),
    ("risk", "I disabled the cache with its kill flag as soon as we saw the first report."),
    ("metrics", "Month-end close went from four days to a day and a half."),
    ("metrics", "Pages dropped from something like thirty a week to five or six."),
    ("metrics", "Revenue over the weekend was up around eighteen percent."),
    ("metrics", "Nine of eleven teams moved within the quarter."),
    ("metrics", "It cost us roughly four thousand pounds in SMS fees."),
    ("metrics", "Turnaround on those deals went from weeks to a couple of days."),
    ("metrics", "We lost attachments for roughly nine hundred customer accounts."),
    ("stakeholders", "I briefed the parking enforcement manager before each zone moved."),
    ("stakeholders", "I went round the marketing leads one by one to explain it."),
    ("stakeholders", "He presented his recommendation to our CTO and procurement himself."),
    ("stakeholders", "I kept our VP and the two product directors in a weekly note."),
    ("stakeholders", "I arranged for him to present it to the architecture council."),
    ("tradeoffs", "The cost of waiting was three months of users not finding things."),
    ("tradeoffs", "I chose shadow, because a month of losses was cheaper than a month of churn."),
    ("tradeoffs", "Not hiring would slow the roadmap; cutting tracing would make incidents worse."),
    ("tradeoffs", "The cheaper option would have been a big-bang switch."),
    ("tradeoffs", "I opted for a staged cutover and accepted three months of double running."),
    ("tradeoffs", "It was speed versus safety."),
    ("credit", "That win belongs to Jamal and Rosa."),
    ("credit", "The team carried that; I just kept the plan honest."),
    ("credit", "I mostly cleared the way."),
    ("credit", "The cutover went without a hitch, and that's down to him."),
    ("credit", "The second attempt succeeded because of their judgement, not mine."),
    ("people", "Jamal led the backend and owned the provisioning flow."),
    ("people", "I nominated her for the quarterly engineering award."),
    ("people", "So we role-played the conversation twice before he had it."),
    ("people", "I picked Jia and met her weekly to go through the hard conversations."),
    ("reflection", "My rule now is that feedback has to name a problem."),
    ("reflection", "I've changed how I plan since."),
    ("reflection", "Since then, any change touching tenant data gets a second reviewer."),
    ("reflection", "Now, when I see a mismatch, I set a clear plan within a month."),
    ("ownership", "The slip started with me."),
    ("ownership", "My call, and the wrong one."),
    ("ownership", "That was my bug."),
    ("ownership", "That was a failure on my side."),
    ("business", "If the new job fired twice, thousands of small businesses would be charged."),
    ("business", "The data warehouse bill had tripled in a year."),
    ("business", "It would have landed on the holiday sales peak."),
]


@pytest.mark.parametrize(("signal", "text"), HARD_NEGATIVES)
def test_hard_negative_is_not_the_signal(signal: str, text: str) -> None:
    result = analyze(text)
    assert not result.signals[signal], result.evidence[signal]


@pytest.mark.parametrize(("signal", "text"), POSITIVES)
def test_positive_shows_the_signal(signal: str, text: str) -> None:
    assert analyze(text).signals[signal]


def test_missing_lists_expected_first_in_given_order() -> None:
    result = analyze("I fixed a bug in the parser.", expects=["reflection", "decision"])
    assert result.expected == ("reflection", "decision")
    assert result.missing[:2] == ("reflection", "decision")
    rest = result.missing[2:]
    assert list(rest) == [s for s in SIGNALS if s not in ("reflection", "decision")]


def test_missing_skips_expected_signals_that_are_shown() -> None:
    result = analyze("Credit to Olu and Marta.", expects=["credit", "people"])
    assert "credit" not in result.missing
    assert result.missing[0] == "people"


def test_unknown_expected_signal_is_an_error() -> None:
    with pytest.raises(ValueError, match="bogus"):
        analyze("text", expects=["bogus"])


def test_to_json_shape() -> None:
    result = analyze("I decided to pause features because outages kept recurring. We did it.")
    doc: dict[str, Any] = json.loads(json.dumps(result.to_json()))
    assert {"signals", "evidence", "words", "speaking_seconds"} <= set(doc)
    assert list(doc["signals"]) == list(SIGNALS)
    assert all(isinstance(v, bool) for v in doc["signals"].values())
    assert all(isinstance(v, list) for v in doc["evidence"].values())
    assert doc["signals"]["decision"] and doc["evidence"]["decision"]
    assert doc["words"] == 12
    assert doc["speaking_seconds"] == 5
    assert doc["i_count"] == 1 and doc["we_count"] == 1


def test_spans_point_into_the_text() -> None:
    text = load_answers()[0]["text"]
    result = analyze(text)
    for span in result.spans:
        assert text[span.start : span.end] == span.phrase
        assert span.signal in SIGNALS
        assert span.phrase in result.evidence[span.signal]


def test_counts_and_speaking_time() -> None:
    result = analyze("I think we should ship. My team and I agree; our users want it.")
    assert result.i_count == 3
    assert result.we_count == 2
    assert result.words == 14
    assert result.speaking_seconds == round(14 * 60 / 140)


def test_empty_answer() -> None:
    result = analyze("")
    assert result.words == 0 and not any(result.signals.values())
    assert result.missing == SIGNALS


@pytest.mark.parametrize(
    ("item", "signal"),
    [
        ("Named the stakeholders and how they were aligned", "stakeholders"),
        ("Aligned the product director using a measured baseline", "stakeholders"),
        ("Weighed options with the team", "tradeoffs"),
        ("Named what was given up (the data-layer rewrite) and told the team", "tradeoffs"),
        ("Contained the risk with a rollback plan", "risk"),
        ("Gave before-and-after numbers (45 to 14 minutes)", "metrics"),
        ("Delegated the design to a named engineer and grew her", "people"),
        ("Explained the decision and the evidence behind it", "decision"),
        ("Said what they would do differently", "reflection"),
        ("Credited Tomás and Grace", "credit"),
        ("Owned a specific mistake in the first person", "ownership"),
        ("Tied the work to a business need (a renewal)", "business"),
        ("Spoke clearly", None),
    ],
)
def test_rubric_signal(item: str, signal: str | None) -> None:
    assert rubric_signal(item) == signal


def _with(signals: set[str]) -> Analysis:
    base = analyze("")
    return Analysis(
        signals={name: name in signals for name in SIGNALS},
        evidence=base.evidence,
        spans=(),
        words=0,
        speaking_seconds=0,
        i_count=0,
        we_count=0,
        missing=(),
        expected=(),
    )


def test_propose_quality_bounds() -> None:
    assert propose_quality(_with(set())) == 1
    assert propose_quality(_with(set(SIGNALS))) == 5
    assert propose_quality(_with(set()), ["people"]) == 1
    assert propose_quality(_with({"people", "credit", "risk", "business"}), ["people"]) == 5


def test_propose_quality_is_monotonic() -> None:
    expects = ["decision", "people", "reflection"]
    shown: set[str] = set()
    last = propose_quality(_with(shown), expects)
    for name in ("credit", "decision", "business", "people", "risk", "reflection", "metrics"):
        shown.add(name)
        now = propose_quality(_with(shown), expects)
        assert 1 <= now <= 5
        assert now >= last
        last = now


def test_propose_quality_weighs_expected_signals_most() -> None:
    expects = ["decision", "people"]
    expected_shown = propose_quality(_with({"decision", "people"}), expects)
    others_shown = propose_quality(_with({"credit", "risk"}), expects)
    assert expected_shown > others_shown


def test_core_stays_pure() -> None:
    code = (
        "import sys, drill.core.analysis; "
        "assert 'textual' not in sys.modules and 'sqlite3' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


EXEMPLAR_AGREEMENT = 0.85
"""Share of reframe exemplars that must show at least 70% of their card's expects."""
IC_LEADERSHIP_SHARE = 0.15
"""Most IC answers must not read as leadership: at most this share may show credit,
stakeholders or people."""


def test_reframe_exemplars_show_their_expected_signals() -> None:
    agreement = deck_agreement()
    if not agreement.cards:
        pytest.skip("no reframe cards with expects in decks/")
    print("\n" + deck_report(agreement))
    assert agreement.agreeing >= EXEMPLAR_AGREEMENT * agreement.cards, "\n".join(agreement.misses)


def test_ic_answers_mostly_do_not_read_as_leadership() -> None:
    agreement = deck_agreement()
    if not agreement.ic_answers:
        pytest.skip("no reframe cards with an IC answer in decks/")
    assert len(agreement.ic_flags) <= IC_LEADERSHIP_SHARE * agreement.ic_answers, "\n".join(
        agreement.ic_flags
    )


# Rule families widened after blind2 (issue #9), checked on the rules alone: each family has
# phrasings that must show the signal and near-misses that must not.
RULE_FAMILIES = [
    # stakeholders: an outside party aligned through a delegate or in a meeting
    ("stakeholders", True, "Imani owned every conversation with the console maker's cert team."),
    ("stakeholders", True, "He handled all the negotiations with the franchisees' association."),
    ("stakeholders", True, "Rui presented the safety case to our notified body herself."),
    ("stakeholders", True, "I walked the regulator's case officer and our QA head through it."),
    ("stakeholders", True, "I took the revised plan to the publisher before the milestone."),
    ("stakeholders", True, "Every Monday I went to their weekly call with the league's partners."),
    ("stakeholders", True, "I asked him to present the postmortem at the ops review."),
    ("stakeholders", True, "I sat with the finance controller to agree the cut-over rules."),
    ("stakeholders", True, "I reviewed the risk list weekly with the head of logistics."),
    ("stakeholders", True, "She ran the fortnightly calls with the aviation authority."),
    ("stakeholders", True, "I wrote it up for the programme board the same afternoon."),
    ("stakeholders", False, "I told him he was ready before the promotion committee had met."),
    ("stakeholders", False, "Noor owned the conversations with the rest of our own team."),
    ("stakeholders", False, "The Kafka producer retries, so we set the timeout to five seconds."),
    # credit: possession or a share of the success
    ("credit", True, "That turnaround is Renée's, and I said so at the all-hands."),
    ("credit", True, "This success is completely Ito-san's."),
    ("credit", True, "The release was Bogdan's and the team's, start to finish."),
    ("credit", True, "It was entirely the team's plan, not mine."),
    ("credit", True, "The savings are as much theirs as mine."),
    ("credit", True, "The nurses made this work as much as my engineers did."),
    ("credit", True, "That's thanks to the team, honestly."),
    ("credit", True, "The person who made it happen was Kwabena."),
    ("credit", True, "Without her it would have taken a week."),
    ("credit", False, "It was the team's plan to migrate the queue in March."),
    ("credit", False, "The default was Go's, so we kept it."),
    ("credit", False, "The savings came from turning off idle clusters I had found."),
    # metrics: an outcome stated without a before-and-after
    ("metrics", True, "About 2,300 parcels were routed to the wrong hub that night."),
    ("metrics", True, "Roughly 900 players got dropped from their matches."),
    ("metrics", True, "By the cut-off date nine accounts were left on the old API."),
    ("metrics", True, "About 70 per cent of claims in the pilot came through the new form."),
    ("metrics", True, "We handled the peak with zero payment errors."),
    ("metrics", True, "Crash reports went from our biggest category to almost zero."),
    ("metrics", True, "Build time became about six minutes for a normal change."),
    ("metrics", True, "Match accuracy reached 96 per cent."),
    ("metrics", False, "We migrated the cluster from 11 to 15 last spring."),
    ("metrics", False, "The company had gone from two hundred to five hundred engineers."),
    ("metrics", False, "I met the team 3 times that week to plan the work."),
    # risk: a danger and what contained it
    ("risk", True, "My worry was a missed cycle, so we added a watchdog that stops it."),
    ("risk", True, "The risk was a bad model, so no model shipped if any cohort got worse."),
    ("risk", True, "What could go wrong was lost tokens, so we kept both providers live."),
    ("risk", True, "A rewrite can corrupt a file, so it moved only after the checksum passed."),
    ("risk", True, "We did not want to find out live, so we ran both systems in parallel."),
    ("risk", False, "The danger was lost tokens. We moved everyone on the Monday."),
    ("risk", False, "We kept both providers live for a month because the contract overlapped."),
    # reflection: a lesson or a changed practice
    ("reflection", True, "What I'd take from it is to bring support in at design."),
    ("reflection", True, "I keep a notice-period checklist for every vendor now."),
    ("reflection", True, "I don't skip load tests to hit a date any more."),
    ("reflection", True, "Ever since, I tell each person privately before an announcement."),
    ("reflection", True, "Since then a failed canary gets a postmortem, not a retry."),
    ("reflection", True, "Now drills get booked against the traffic chart."),
    ("reflection", True, "After this, every queue we create gets an alert."),
    ("reflection", False, "We decided to keep REST for now."),
    ("reflection", False, "The part that mattered most, in hindsight, was the league call."),
    ("reflection", False, "I manage seven engineers and two designers."),
    # ownership: a mistake owned in other words
    ("ownership", True, "I had approved the change without reading the policy properly."),
    ("ownership", True, "I was wrong almost every time, and people planned around it."),
    ("ownership", True, "That's entirely on me."),
    ("ownership", True, "It was my decision and it was a mistake."),
    ("ownership", True, "That one's mine."),
    ("ownership", True, "I'd cut the edge-case tests when we were running late."),
    ("ownership", False, "I was the one who wrote the parser, and it held up."),
    ("ownership", False, "The vendor was wrong about the limits, and we found out late."),
]


@pytest.mark.parametrize(("signal", "shown", "text"), RULE_FAMILIES)
def test_rule_family(signal: str, shown: bool, text: str) -> None:
    result = analyze(text, model=False)
    assert result.signals[signal] is shown, (text, result.evidence[signal])


# Rule families widened after blind4 (issue #9), on the rules alone: each family has new
# phrasings that must show the signal and near-misses that must not.
BLIND4_FAMILIES = [
    # business: the people a product serves and money in more words
    ("business", True, "The outage meant no patient got their results that evening."),
    ("business", True, "Most players quit at the second dungeon."),
    ("business", True, "A new law said citizens could file the form online by March."),
    ("business", True, "Hosting costs went from 40 grand a month to about 25."),
    ("business", True, "The acquirer charged lower fees than the bank did."),
    ("business", True, "We raised our Series B that spring."),
    ("business", True, "Revenue per user rose a little after the redesign."),
    ("business", False, "The reviewers were very patient with my pull requests."),
    ("business", False, "I rewrote the pricing service in Go."),
    ("business", False, "She is a strong team player."),
    # stakeholders: company-wide audiences, other orgs, a miss owned to a party
    ("stakeholders", True, "Lena presented the new pipeline at the engineering all-hands."),
    ("stakeholders", True, "I spent most of March in meetings with the payments org."),
    ("stakeholders", True, "I took the proposal through the academic board and the union."),
    ("stakeholders", True, "The risk I named to the privacy lead was a drop in opt-ins."),
    ("stakeholders", True, "I gave him the contract negotiation with the billing team."),
    ("stakeholders", True, "I put my hand up for the slip with the sales ops lead."),
    ("stakeholders", True, "When I reported to our VP, I put both their names on the slide."),
    ("stakeholders", False, "I told our VP it was Sam's win."),
    ("stakeholders", False, "We moved the chart to the team board."),
    # metrics: defects counted, a measure that went somewhere, harm counted
    ("metrics", True, "The soak test caught 14 memory leaks before launch."),
    ("metrics", True, "In production we saw only one bad migration."),
    ("metrics", True, "Median review time went to 6 hours."),
    ("metrics", True, "The F1 on the test set was 0.74."),
    ("metrics", True, "By the second wave we were at 58 percent adoption."),
    ("metrics", True, "About 300 failed payments had to be retried by hand."),
    ("metrics", True, "Refund requests went up roughly four times after the change."),
    ("metrics", True, "Duplicate shipments were almost zero in the new quarter."),
    ("metrics", True, "Eleven teams moved onto it within a month."),
    ("metrics", False, "We found the bug on a Tuesday."),
    ("metrics", False, "I spoke to 3 teams before the design review."),
    # credit: the win put down to others in more words
    ("credit", True, "The 40 percent was her number, not mine."),
    ("credit", True, "It's Tomasz's service; my name isn't on it."),
    ("credit", True, "Really strong work from them on the replay harness."),
    ("credit", True, "The people who actually made the launch work were Ade and Lin."),
    ("credit", True, "Without them it would not have been possible."),
    ("credit", True, "I made sure it was clear it was Noor who found the leak."),
    ("credit", True, "The layout changes were Ana's, and I said so."),
    ("credit", False, "The team did the migration in two sprints."),
    ("credit", False, "The people who use it are mostly analysts."),
    # reflection: a practice changed after a miss
    ("reflection", True, "After the outage I introduced a second reviewer for schema changes."),
    ("reflection", True, "After that, I never merge on a Friday without a rollback plan."),
    ("reflection", True, "Since that day every backfill runs first into a scratch table."),
    ("reflection", True, "Change: every new queue ships with an alert now."),
    ("reflection", True, "For me the insight was that estimates are a breakdown skill."),
    ("reflection", True, "Now, for every cut to the test suite, I write down the reason."),
    ("reflection", False, "After that we shipped the second phase."),
    ("reflection", False, "We handle about a million events a day on it now."),
    # risk: a danger named and a safeguard, a prepared way back used
    ("risk", True, "The big worry was a wrong figure, so we ran the old job in parallel."),
    ("risk", True, "We had nightly snapshots, so we restored the table by noon."),
    ("risk", True, "If a node misbehaves we can move its traffic back in minutes."),
    ("risk", True, "I was afraid of the launch spike, so we added a waiting room."),
    ("risk", True, "Containment: we reverted the release within the hour."),
    ("risk", False, "We had nightly standups during the migration."),
    ("risk", False, "The big question was which database to use."),
    # tradeoffs: an option's gain with its price, what mattered more, a price paid
    ("tradeoffs", True, "We could buy the add-on, which was quick but locked us in."),
    ("tradeoffs", True, "Sharding gave better throughput, but cross-shard joins got painful."),
    ("tradeoffs", True, "Buyers cared more about uptime than about the last few features."),
    ("tradeoffs", True, "Two extra weeks of testing was the right price to pay."),
    ("tradeoffs", True, "A short pause is fine for them but a lost message is not."),
    ("tradeoffs", True, "We dropped bulk upload from the first version to make the date."),
    ("tradeoffs", False, "The new cluster was faster, and the team liked it."),
    ("tradeoffs", False, "We picked Rust even though nobody had asked for it."),
    # people: handing over, pairing, coaching side by side
    ("people", True, "I give her the billing migration, and she owns it."),
    ("people", True, "I decided to make him the reliability owner for the app."),
    ("people", True, "I pair her with our best analyst for a quarter."),
    ("people", True, "I sat with him for six weeks on his design docs."),
    ("people", True, "We went through her first incident reports together."),
    ("people", True, "I picked Ren, who had been asking for something bigger."),
    ("people", False, "I gave her the news on Friday."),
    ("people", False, "We sat with the logs for an hour."),
    # decision: present-tense choices and calls owned with their reason
    ("decision", True, "So I decide we keep the old protocol, because it fits in flash."),
    ("decision", True, "I went for the slower plan, because a contractor would leave."),
    ("decision", True, "I skipped the smoke test to hit the date. That was my call."),
    ("decision", False, "I had to decide whether to stay."),
    ("decision", False, "We moved to BigQuery. That was my call, and I'd make it again."),
]


@pytest.mark.parametrize(("signal", "shown", "text"), BLIND4_FAMILIES)
def test_blind4_rule_family(signal: str, shown: bool, text: str) -> None:
    result = analyze(text, model=False)
    assert result.signals[signal] is shown, (text, result.evidence[signal])


BLIND5_FAMILIES = [
    # stakeholders: told in the present tense, a meeting named by its noun, a party met as a
    # group just named, "I'd" as had, apologies and warnings to a party
    ("stakeholders", True, "Each quarter I sit with the head of claims and go through the plan."),
    ("stakeholders", True, "I talk to the finance director before every release."),
    ("stakeholders", True, "I walk the support leads through each rehearsal."),
    ("stakeholders", True, "We held a weekly session with the procurement team."),
    ("stakeholders", True, "We checked the flags together with the fraud department."),
    ("stakeholders", True, "I warned the board that the server had no support."),
    ("stakeholders", True, "I apologised to the art director in person."),
    ("stakeholders", True, "I raised it with the board twice."),
    ("stakeholders", True, "I helped her present it to the finance partner."),
    ("stakeholders", True, "I let her present the policy to the platform leads herself."),
    ("stakeholders", True, "Ravi runs the calls with their CTO."),
    ("stakeholders", True, "Before launch I'd briefed the account managers on the change."),
    ("stakeholders", True, "The legal team was worried. We met them three times."),
    ("stakeholders", True, "About forty customers saw errors. I emailed every one of them."),
    ("stakeholders", False, "Next time I'd tell the sales team earlier."),
    ("stakeholders", False, "Musa and Claire both wanted it. I told them both together."),
    ("stakeholders", False, "I apologised to her one to one and gave her the data work."),
    ("stakeholders", False, "I sit with my engineers every morning."),
    # metrics: against a baseline, ratios, affected counts, thresholds, other currencies
    ("metrics", True, "About 40 percent more people finished the form than the year before."),
    ("metrics", True, "Conversion settled about two points higher than on the old checkout."),
    ("metrics", True, "The model went out in three weeks instead of the usual ten."),
    ("metrics", True, "Roughly one in four onsites turned into an offer."),
    ("metrics", True, "Around 1,200 customer volumes needed a restore."),
    ("metrics", True, "A year on, the build is under ten minutes."),
    ("metrics", True, "The overspend was about eighteen hundred dollars."),
    ("metrics", True, "The overspend was about 1.2 million euro."),
    ("metrics", False, "We had more people than desks, so we booked a second room."),
    ("metrics", False, "About forty customers use the old API."),
    ("metrics", False, "The meeting is under the big clock."),
]


@pytest.mark.parametrize(("signal", "shown", "text"), BLIND5_FAMILIES)
def test_blind5_rule_family(signal: str, shown: bool, text: str) -> None:
    result = analyze(text, model=False)
    assert result.signals[signal] is shown, (text, result.evidence[signal])


BLIND6_FAMILIES = [
    # business: a money word naming what a system is about, a rescued project, data named
    # after revenue, regulatory paperwork, a feared harm to shoppers are not business
    ("business", False, "She took over the tax calculation module in March."),
    ("business", False, "We rebuilt the savings accounts feature in two sprints."),
    ("business", False, "He rewrote the invoice renderer and the PDF export."),
    ("business", False, "In the end the platform team saved it with a late fix."),
    ("business", False, "We diffed every revenue table each night for a month."),
    ("business", False, "She wrote most of the regulatory documents herself."),
    ("business", False, "The worry was that a slow index would hide bread from some shoppers."),
    ("business", False, "Amber early is far cheaper than red later."),
    # business: plain money at stake, money that moved, outside people hit, statutory dates
    ("business", True, "We lost money on that fixed-price project."),
    ("business", True, "Packing the GPUs tightly is real money for a startup."),
    ("business", True, "More servers would be quick, but it costs a lot every year."),
    ("business", True, "Premium plan sales went up nine percent after the redesign."),
    ("business", True, "Our CI bill dropped by a quarter."),
    ("business", True, "Around sixty paying schools use it every day."),
    ("business", True, "For an hour most viewers got errors on the live stream."),
    ("business", True, "The new rules had a statutory start date in July."),
    ("business", True, "Finance put the saving at roughly three million a year."),
    ("business", True, "The regulatory submission date could not move."),
    # stakeholders: demos and presentations to an outside party, an outside owner, a
    # university's officers, the wider engineering org, what I said to a head of function
    ("stakeholders", True, "Every sprint I demo the new screens to their finance director."),
    ("stakeholders", True, "She was the one presenting the roadmap to the audio director."),
    ("stakeholders", True, "I apologised to the restaurant owner the same evening."),
    ("stakeholders", True, "I took the figures to the registrar before the term started."),
    ("stakeholders", True, "He presented the design to the wider engineering org."),
    ("stakeholders", True, "I said so to him and later to our head of sales."),
    ("stakeholders", False, "The director said it is better to wait a quarter."),
    ("stakeholders", False, "I demo nothing until it works on my laptop."),
    ("stakeholders", False, "I sent an email to the whole company about the holiday rota."),
    # credit: a success put down to named people
    ("credit", True, "The rollout went well because of Priya and Tom."),
    ("credit", True, "The migration worked because of them, not the plan."),
    ("credit", True, "It shipped on time, and it worked because she drove it."),
    ("credit", True, "That win was hers entirely."),
    ("credit", True, "The fix was the team's, and a clever one."),
    ("credit", True, "That we launched at all is thanks to those two."),
    ("credit", True, "Honestly it was the team, not me."),
    ("credit", False, "The rollout went well because we had a plan."),
    ("credit", False, "The fix was simple once we found the config."),
    ("credit", False, "Thanks to the outage we finally got budget for replicas."),
]


@pytest.mark.parametrize(("signal", "shown", "text"), BLIND6_FAMILIES)
def test_blind6_rule_family(signal: str, shown: bool, text: str) -> None:
    result = analyze(text, model=False)
    assert result.signals[signal] is shown, (text, result.evidence[signal])


BLIND7_FAMILIES = [
    # business: customers or users named but not affected: asking for a feature, an audience
    # or a source, a rollout share, a tracked count, a harm only feared (in a conditional, with
    # a modal, or "could be serious"); a licence the product issues, a certificate renewal, a
    # person's promotion, a unit conversion, phones bought at a market, a software client
    ("business", False, "We built SSO first because most of the clients requesting it used Okta."),
    ("business", False, "The gamers who voted for replays were a small group in the survey."),
    ("business", False, "She ran interviews with users and kept a backlog from users too."),
    ("business", False, "Marek is great with customers but hates writing specs."),
    ("business", False, "We enabled it to 5 percent of subscribers first, then everyone."),
    ("business", False, "Monthly active users went from 2,000 to 9,000."),
    ("business", False, "Support and product argued about the definition of an active customer."),
    ("business", False, "If the retry fires twice, the shopper pays twice."),
    ("business", False, "A wrong dose in the label and a patient might be harmed."),
    ("business", False, "For residents that kind of outage could be very dangerous."),
    ("business", False, "We built the licence application system for the ministry."),
    ("business", False, "The team owned the renewal journey for fishing permits."),
    ("business", False, "The cert came from another renewal cycle, so we renewed the backup."),
    ("business", False, "I pushed his case for promotion with the director."),
    ("business", False, "The bug was in the unit conversion between grams and ounces."),
    ("business", False, "We tested on a dozen cheap tablets bought from the market."),
    ("business", False, "Only the client changed; the backend stayed the same."),
    ("business", False, "We shipped on a commercial RTOS with a yearly licence."),
    ("business", False, "We planned for about 200 thousand concurrent players at launch."),
    ("business", False, "The artists had to change how they saved scenes mid-project."),
    ("business", False, "I took over the client team in the spring."),
    ("business", False, "We capped the arm speed at 70% on the first customer site."),
    # business: people really hit, and money (kept)
    ("business", True, "None of our customers could check out for an hour."),
    ("business", True, "Our biggest customer was up for renewal that quarter."),
    ("business", True, "The licence fees had doubled since the last contract."),
    ("business", True, "Some shoppers were charged twice before we caught it."),
    # stakeholders: someone outside met, phoned, presented or defended to, brought in, or
    # made aware, told many ways
    ("stakeholders", True, "Every fortnight I had a session with legal and security on progress."),
    ("stakeholders", True, "I was meeting the head of finance each month with a short summary."),
    ("stakeholders", True, "That evening I was on the phone to the safety officer at the clinic."),
    ("stakeholders", True, "For a quarter I joined their platform team's weekly call."),
    ("stakeholders", True, "I go to the sales director and lay out what it would cost."),
    ("stakeholders", True, "I let her defend the schema to the analytics leads herself."),
    ("stakeholders", True, "I made sure our VP of product knew whose fix it was."),
    ("stakeholders", True, "So I bring the warehouse lead and someone from finance into the room."),
    ("stakeholders", True, "We restored the data and wrote to each customer the same day."),
    ("stakeholders", True, "I went with the head of partnerships to our three biggest agencies."),
    ("stakeholders", False, "I kept bringing him into the design reviews so he could learn."),
    ("stakeholders", False, "We meet every Monday and I mostly ask questions."),
    ("stakeholders", False, "All the safety-critical strings go to two human reviewers."),
    ("stakeholders", False, "I paired Jiwoo, our junior DBA, with a senior, and I reviewed it."),
    # metrics: outcomes told every way (a harm counted, where a measure ended or sat, a share
    # of a whole, up/down, before and after)
    ("metrics", True, "It double-charged about 900 shoppers before support noticed."),
    ("metrics", True, "Roughly two thousand payments failed in the first hour."),
    ("metrics", True, "By the end of the quarter we were at six pages a week."),
    ("metrics", True, "After her fix the crash-free rate went to 99.4 percent."),
    ("metrics", True, "Our error rate was stuck at 4.2 percent for months."),
    ("metrics", True, "Out of nine thousand phones updated, only three needed a reset."),
    ("metrics", True, "Checkout conversion on mobile was up four and a half percent."),
    ("metrics", True, "Before, a cluster upgrade took three days of work for one engineer."),
    ("metrics", True, "She got the alerts down to under twenty a week."),
    ("metrics", True, "Tickets about login fell from around sixty a month to single figures."),
    ("metrics", True, "Last year only one critical bug reached production."),
    ("metrics", False, "After the reorg the team was 12 engineers across two sites."),
    ("metrics", False, "All the strings still go to two human reviewers."),
    ("metrics", False, "We alert when disk usage reaches 80% on any node."),
    ("metrics", False, "We rolled it to 10 percent of devices, then to all of them."),
    ("metrics", False, "The migration took about four months, start to finish."),
    # credit: the win owned by a name or a pronoun
    ("credit", True, "I told him plainly that it was Lena and Omar's work."),
    ("credit", True, "The cache is why it held, and it's Farah's."),
    ("credit", True, "It was her catch, full stop."),
    ("credit", True, "That's his work, not mine."),
    ("credit", True, "I said that this was the work of Tanaka-san."),
    ("credit", True, "The designers bought him lunch, which tells you whose win it was."),
    ("credit", True, "The launch went right because of what Zoe and Ike built."),
    ("credit", True, "The tooling she wrote is the reason we never had a repeat."),
    ("credit", False, "It was his first project as a lead."),
    ("credit", False, "The launch went right because of what we learned last year."),
    ("credit", False, "It was her call to delay, and I agreed."),
]


@pytest.mark.parametrize(("signal", "shown", "text"), BLIND7_FAMILIES)
def test_blind7_rule_family(signal: str, shown: bool, text: str) -> None:
    result = analyze(text, model=False)
    assert result.signals[signal] is shown, (text, result.evidence[signal])


BLIND8_FAMILIES: list[tuple[str, bool, str]] = [
    # metrics: zero and not one, counted
    ("metrics", True, "Across the whole fleet we had zero failed upgrades this time."),
    ("metrics", True, "The cutover finished without a single data-loss incident."),
    ("metrics", True, "Not one payment was lost during the switch."),
    ("metrics", False, "Our target was zero failed upgrades for the year."),
    ("metrics", False, "We built it as a zero-downtime migration from the start."),
    ("metrics", False, "The two engines agreed, and stayed at zero for a week."),
    ("metrics", False, "We switched once the differences were zero for ten days."),
    ("metrics", True, "In the parallel run the difference was zero."),
    # metrics: harm counted with more verbs and units
    ("metrics", True, "About 40,000 reminder emails were never sent that night."),
    ("metrics", True, "Roughly nine hundred homes had no heating data for a day."),
    ("metrics", True, "Some 3,100 card payments declined before we rolled back."),
    ("metrics", True, "About 12% of daily players had churned by the weekend."),
    ("metrics", False, "We have about nine hundred homes on the pilot."),
    # metrics: remediation counted
    ("metrics", True, "We refunded the delivery fee on about 2,000 orders."),
    ("metrics", True, "We shipped a week late, with 75 faulty units replaced."),
    ("metrics", False, "We needed to replace the firmware on four thousand robots."),
    # metrics: money a deal or a loss came to, paying customers reached
    ("metrics", True, "In the end they renewed the contract for three years, $400,000."),
    ("metrics", True, "The deal went through, an $800k account."),
    ("metrics", True, "We took a six-figure write-off on the bad stock."),
    ("metrics", True, "By summer we reached 25 paying practices."),
    ("metrics", False, "The contract came with a long list of conditions."),
    ("metrics", False, "We sell to about 80 paying practices in the region."),
    # metrics: usage and adoption counted
    ("metrics", True, "In the first month 2,400 customers used the new instalment plan."),
    ("metrics", True, "The dashboard was used by nine of eleven regional offices."),
    ("metrics", True, "Today thirty of the forty teams deploy through the new pipeline."),
    ("metrics", False, "Two of the five options needed a new licence."),
    # metrics: before against after
    ("metrics", True, "A release took about three days before and half a day after."),
    ("metrics", True, "Nine builds in ten go green now, where before they failed weekly."),
    ("metrics", True, "We shipped in the same sprint, against about two sprints behind before."),
    ("metrics", True, "After that, a deploy took about six minutes."),
    ("metrics", True, "After that we released every two weeks."),
    ("metrics", True, "The support backlog was under 150 by the end of the month."),
    ("metrics", False, "After that it took two weeks to roll the change out everywhere."),
    ("metrics", False, "My review queue was three days deep that month."),
    # metrics: defects found, singular or explained
    ("metrics", True, "The rehearsal found one serious locking flaw, which we fixed first."),
    ("metrics", True, "They found 23 mappings that hadn't carried over."),
    ("metrics", False, "We found two vendors who could do it in time."),
    # business: words that name a role, code, an agency or a volume, not customers or money
    ("business", False, "I sent the report to the customer director before the call."),
    ("business", False, "SLOs tie the work to the customer experience."),
    ("business", False, "I lead the frontend team at the tax agency."),
    ("business", False, "The service handles about 50,000 invoices a day now."),
    ("business", False, "Night pages went down from about 40 per month to 12."),
    ("business", False, "I pushed a smart-contract upgrade with the wrong admin address."),
    (
        "business",
        False,
        "It validates the order, then applies the business logic for the discounts.",
    ),
    ("business", False, "We share only the business-rule layer between the two apps."),
    ("business", False, "My job is getting the old system through security audits."),
    ("business", False, "Honestly, their work is what saved the project."),
    ("business", False, "I thank the client's IT manager for his patience."),
    ("business", False, "It is a self-care app where customers check their balance."),
    ("business", False, "I never talked to the warehouse managers, who are the real users."),
    ("business", False, "Every form went through two screen reader users from the lab."),
    ("business", False, "Those users would simply have been unable to log in."),
    ("business", False, "The client hides both stores behind one interface."),
    ("business", False, "The company does contract logistics for food brands."),
    # business: kept
    ("business", True, "We failed the PCI audit and had to fix it in a month."),
    ("business", True, "The move had to land before the auditors came back in spring."),
    ("business", True, "Our licence bill went from 12,000 a year to nothing."),
    ("business", True, "About 300 customers were charged twice."),
    ("business", True, "We cut our tax bill by moving the entity."),
]


@pytest.mark.parametrize(("signal", "shown", "text"), BLIND8_FAMILIES)
def test_blind8_rule_family(signal: str, shown: bool, text: str) -> None:
    result = analyze(text, model=False)
    assert result.signals[signal] is shown, (text, result.evidence[signal])


BLIND8_BUSINESS_CONTEXT: list[tuple[bool, str]] = [
    (False, "I run QA at a company that sells point-of-sale terminals."),
    (False, "I am an EM at a retailer; we sell furniture online."),
    (False, "We compared both flows for a week before any customer touched the new one."),
    (True, "The new plan sells twice as well as the old one did."),
    (True, "Before the fix, customers were charged twice."),
]
"""Business: what the company sells, and customers not reached yet, are context (blind8)."""


@pytest.mark.parametrize(("shown", "text"), BLIND8_BUSINESS_CONTEXT)
def test_blind8_business_context(shown: bool, text: str) -> None:
    result = analyze(text, model=False)
    assert result.signals["business"] is shown, (text, result.evidence["business"])


BLIND10_FAMILIES: list[tuple[str, bool, str]] = [
    # stakeholders: a delegate presenting or taking a matter to another group, even with
    # the pronoun far back or a first name as subject; a matter brought to a body, raised
    # with or gone over a head to someone, a standing slot, sessions run for another group
    ("stakeholders", True, "I had Omar walk the plan through with the field operations group."),
    (
        "stakeholders",
        True,
        "She owns the nightly replay job end to end and presents the findings to the product "
        "managers each month.",
    ),
    ("stakeholders", True, "Priya took the revised schedule to the safety committee."),
    ("stakeholders", True, "I introduced him to the assessor from the notified body."),
    ("stakeholders", True, "I brought the proposal to the architecture board in March."),
    ("stakeholders", True, "I raised with the director that the restore had never been tried."),
    ("stakeholders", True, "I went over her head to the CTO, which I regret."),
    ("stakeholders", True, "I set up a monthly half-hour with the head of retail and finance."),
    ("stakeholders", True, "He ran three workshops for the call centre supervisors."),
    ("stakeholders", True, "The ward managers get a short status note from me every week."),
    ("stakeholders", True, "Then I defended it with the head of engineering."),
    ("stakeholders", True, "I booked time with the VP of sales so she could demo it herself."),
    ("stakeholders", True, "Later I presented it to the leads of the other trading desks."),
    ("stakeholders", False, "I introduced the new linter to the team."),
    ("stakeholders", False, "I brought it up in our own retro."),
    ("stakeholders", False, "He runs the test suite and presents nothing to anyone."),
    ("stakeholders", False, "Maria took the laptop home to finish the migration."),
    ("stakeholders", False, "I booked time with my manager to talk about my growth."),
    ("stakeholders", True, "What I learned, talking to the chief of staff, was the real deadline."),
    ("stakeholders", False, "I asked her to spend a week talking to every team that used it."),
    # metrics: a harm landing on a stated number of things, a count set against the last
    # time, customers won, a gain in time, a measure that ended without starting as a number
    ("metrics", True, "Around 3,400 trip events were lost before the fix went out."),
    ("metrics", True, "The statement run went out twice for about 250 accounts."),
    ("metrics", True, "We had four escalations this quarter, against roughly thirty before."),
    ("metrics", True, "By spring we had signed 18 new clinics."),
    ("metrics", True, "Agents now close tickets two days faster."),
    ("metrics", True, "We took the nightly report from a whole night to forty minutes."),
    ("metrics", True, "Stand-up became ten minutes."),
    ("metrics", True, "Flaky builds went to zero after the change."),
    ("metrics", False, "We have 40 shops in the city and 300 accounts in total."),
    ("metrics", False, "The team had 12 engineers and 3 new hires."),
    ("metrics", False, "We became 5 people after the reorg."),
    ("metrics", False, "The release is now 3 weeks late."),
    ("metrics", False, "It went against everything we had said about the release."),
    # business: the company set out as context, customers observed, a deal that is an
    # arrangement, a regulator that is a part, a person's promotion, saving a week of time
    (
        "business",
        False,
        "I manage the platform team at a SaaS firm: HR software, mid-market customers.",
    ),
    ("business", False, "In our company we make sensors for industrial customers."),
    ("business", False, "I manage the customer identity team."),
    ("business", False, "Now I shadow the users for a week before proposing a tool."),
    ("business", False, "I took it on, with the deal that she would review every change."),
    ("business", False, "They picked the voltage regulator from our bench results."),
    ("business", False, "She got the promotion that spring."),
    ("business", False, "Asking earlier would have saved a week of back-and-forth."),
    ("business", False, "The tax rules live in a separate service."),
    ("business", False, "The region was down for an hour but our patients did not notice."),
    ("business", True, "I manage the platform team, and the outage cost us two customers."),
    ("business", True, "Three customers churned after the outage."),
    ("business", True, "The deal with the retailer closed a week after the demo."),
    ("business", True, "The regulator gave us until June to fix the reporting."),
]
"""Phrasing families added on blind10 and blind11, each with near misses."""


@pytest.mark.parametrize(("signal", "shown", "text"), BLIND10_FAMILIES)
def test_blind10_rule_family(signal: str, shown: bool, text: str) -> None:
    result = analyze(text, model=False)
    assert result.signals[signal] is shown, (text, result.evidence[signal])


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Latency went from 900 ms to 300 ms after the change.", "from 900 ms to 300 ms"),
        ("Build time dropped from 40 minutes to 12 minutes.", "from 40 minutes to 12 minutes"),
        ("Page load went from 4 seconds to 1.5 seconds.", "from 4 seconds to 1.5 seconds"),
    ],
)
def test_metric_evidence_ends_with_its_unit(text: str, phrase: str) -> None:
    evidence = analyze(text, model=False).evidence["metrics"]
    assert any(e.endswith(phrase) for e in evidence), evidence


BLIND12_FAMILIES = [
    # tradeoffs: one option's merit set against its cost, a price accepted, not everything
    # fitting, two options named and then weighed
    ("tradeoffs", True, "Scaling the cluster was quick but expensive."),
    ("tradeoffs", True, "Hand translation is fast, but the contracts need a lawyer."),
    ("tradeoffs", True, "A native app would look more polished, but I am one developer."),
    ("tradeoffs", True, "The search team accepted losing some flexibility to get that."),
    ("tradeoffs", True, "We knew we would lose some sign-ups from the change."),
    ("tradeoffs", True, "The old tool had the nicer editor and we gave that up."),
    ("tradeoffs", True, "Two weeks of frozen work was the cheapest insurance we had."),
    ("tradeoffs", True, "A slow export is better than no export."),
    ("tradeoffs", True, "We could not staff both projects, so the mobile app waited."),
    ("tradeoffs", True, "We chose a managed message queue over the cluster we ran."),
    ("tradeoffs", True, "We had two real paths. One kept our code, but it was slow to fix."),
    ("tradeoffs", True, "We could wait for the vendor, or fail over, because time mattered."),
    ("tradeoffs", True, "The core question was whether to keep the parser or add review."),
    ("tradeoffs", False, "The fix was quick and the tests passed."),
    ("tradeoffs", False, "The rollout is fast, and the team likes it."),
    ("tradeoffs", False, "I accepted the offer from the platform team."),
    ("tradeoffs", False, "We knew the vendor from a previous project."),
    ("tradeoffs", False, "We could not find the logs from that night."),
    ("tradeoffs", False, "We had two engineers on call that week."),
    ("tradeoffs", False, "The question was raised in the retro."),
    # metrics: harm counted on people and with more verbs, a hit rate, adoption and seats
    # counted, a share reached within a time, a cycle that now takes less (an outage's
    # length alone is not a measured outcome)
    ("metrics", True, "About 1,400 creators saw their episodes missing for a day."),
    ("metrics", True, "Around 1,800 employees did not receive their salary on time."),
    ("metrics", True, "About 3,000 households sat in the dark for a week."),
    ("metrics", True, "The script charged about eighty accounts twice."),
    ("metrics", True, "In shadow mode it caught 41 of 47 confirmed cases."),
    ("metrics", True, "Today 22 internal apps have adopted it."),
    ("metrics", True, "At renewal they added 400 seats."),
    ("metrics", True, "Within six weeks 90 percent of handovers were on the tablets."),
    ("metrics", True, "We automated the flows, and now the cycle takes one day."),
    ("metrics", False, "About 1,400 creators use the platform."),
    ("metrics", False, "The script charged the accounts on the first of the month."),
    ("metrics", False, "The reviewers caught the bug before release."),
    ("metrics", False, "The booking service was down for forty minutes."),
    ("metrics", False, "We added two engineers to the project."),
    ("metrics", False, "Now, because ninety percent of our users are on mobile, we test there."),
]
"""Phrasing families added on blind12 (tradeoffs and metrics), each with near misses."""


@pytest.mark.parametrize(("signal", "shown", "text"), BLIND12_FAMILIES)
def test_blind12_rule_family(signal: str, shown: bool, text: str) -> None:
    result = analyze(text, model=False)
    assert result.signals[signal] is shown, (text, result.evidence[signal])
