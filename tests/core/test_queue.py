"""The session queue policy documented in drill/core/queue.py."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from drill.core.model import CardType
from drill.core.queue import Candidate, Mode, QueueItem, build_queue, interleave


def cand(card_id: str, competency: str, r: float = 0.0) -> Candidate:
    """A candidate card; its id says which competency it belongs to."""
    return Candidate(card_id, competency, CardType.QUESTION, r)


def ids(items: list[QueueItem]) -> list[str]:
    """The card ids in queue order."""
    return [item.card_id for item in items]


def test_due_cards_come_first_most_at_risk_first() -> None:
    due = [cand("a1", "a", 0.9), cand("b1", "b", 0.2), cand("c1", "c", 0.5), cand("d1", "d", 0.7)]
    queue = build_queue(due=due, new=[cand("n1", "e")], size=10, new_allowance=5, weakest=[])
    assert ids(queue) == ["b1", "c1", "d1", "a1", "n1"]
    assert [item.mode for item in queue] == [Mode.DUE] * 4 + [Mode.NEW]


def test_when_due_cards_exceed_the_size_the_most_at_risk_are_kept() -> None:
    due = [cand(f"c{i}", f"comp{i}", r) for i, r in enumerate([0.9, 0.1, 0.8, 0.3, 0.5])]
    queue = build_queue(due=due, new=[cand("n", "x")], size=3, new_allowance=5, weakest=[])
    assert sorted(ids(queue)) == ["c1", "c3", "c4"]
    assert all(item.mode is Mode.DUE for item in queue)


def test_new_cards_round_robin_from_the_weakest_competency() -> None:
    new = [
        cand("a1", "a"),
        cand("a2", "a"),
        cand("a3", "a"),
        cand("b1", "b"),
        cand("b2", "b"),
        cand("c1", "c"),
    ]
    queue = build_queue(due=[], new=new, size=10, new_allowance=5, weakest=["c", "a", "b"])
    assert ids(queue) == ["c1", "a1", "b1", "a2", "b2"]
    assert {item.mode for item in queue} == {Mode.NEW}


def test_the_weakest_competency_gets_new_material_when_there_is_room_for_one() -> None:
    new = [cand("a1", "a"), cand("b1", "b"), cand("c1", "c")]
    queue = build_queue(due=[], new=new, size=10, new_allowance=1, weakest=["b", "c", "a"])
    assert ids(queue) == ["b1"]


def test_the_new_card_allowance_is_respected() -> None:
    new = [cand(f"n{i}", f"comp{i % 3}") for i in range(9)]
    for allowance, expected in [(0, 0), (-3, 0), (2, 2), (4, 4), (50, 9)]:
        queue = build_queue(due=[], new=new, size=20, new_allowance=allowance, weakest=[])
        assert sum(item.mode is Mode.NEW for item in queue) == expected


def test_new_cards_only_fill_what_due_cards_leave() -> None:
    due = [cand(f"d{i}", f"comp{i}", 0.5) for i in range(4)]
    new = [cand(f"n{i}", f"comp{i}") for i in range(4)]
    queue = build_queue(due=due, new=new, size=5, new_allowance=10, weakest=[])
    assert Counter(item.mode for item in queue) == {Mode.DUE: 4, Mode.NEW: 1}


def test_practice_tops_up_a_short_session() -> None:
    practice = [
        cand("p1", "a", 0.9),
        cand("p2", "b", 0.95),
        cand("p3", "c", 0.99),
        cand("p4", "a", 0.97),
    ]
    queue = build_queue(
        due=[cand("d1", "x", 0.3)],
        new=[cand("n1", "y"), cand("n2", "y")],
        practice=practice,
        size=5,
        new_allowance=1,
        weakest=["c", "b", "a"],
    )
    assert Counter(item.mode for item in queue) == {Mode.DUE: 1, Mode.NEW: 1, Mode.PRACTICE: 3}
    assert [item.card_id for item in queue if item.mode is Mode.PRACTICE] == ["p3", "p2", "p1"]


def test_practice_prefers_the_weakest_memory_within_a_competency() -> None:
    practice = [cand("strong", "a", 0.99), cand("weak", "a", 0.6), cand("middle", "a", 0.8)]
    queue = build_queue(due=[], new=[], practice=practice, size=2, new_allowance=0, weakest=["a"])
    assert ids(queue) == ["weak", "middle"]


def test_practice_never_repeats_a_card_already_in_the_session() -> None:
    queue = build_queue(
        due=[cand("x", "a", 0.1)],
        new=[],
        practice=[cand("x", "a", 0.1), cand("y", "b", 0.9)],
        size=5,
        new_allowance=0,
        weakest=[],
    )
    assert sorted(ids(queue)) == ["x", "y"]
    assert Counter(ids(queue))["x"] == 1


def test_no_practice_when_the_session_is_full() -> None:
    queue = build_queue(
        due=[cand("d1", "a", 0.5), cand("d2", "b", 0.5)],
        new=[],
        practice=[cand("p1", "c", 0.5)],
        size=2,
        new_allowance=0,
        weakest=[],
    )
    assert Mode.PRACTICE not in {item.mode for item in queue}


def test_an_unknown_competency_comes_before_ranked_ones() -> None:
    new = [cand("ranked-weakest", "a"), cand("unranked", "custom")]
    queue = build_queue(due=[], new=new, size=10, new_allowance=1, weakest=["a", "b"])
    assert ids(queue) == ["unranked"]
    practice = [cand("p-ranked", "a", 0.5), cand("p-unranked", "custom", 0.99)]
    queue = build_queue(due=[], new=[], practice=practice, size=1, new_allowance=0, weakest=["a"])
    assert ids(queue) == ["p-unranked"]


def test_competencies_are_interleaved() -> None:
    due = [
        cand("a1", "a", 0.1),
        cand("a2", "a", 0.2),
        cand("a3", "a", 0.3),
        cand("b1", "b", 0.4),
        cand("b2", "b", 0.5),
        cand("c1", "c", 0.6),
    ]
    queue = build_queue(due=due, new=[], size=10, new_allowance=0, weakest=[])
    assert ids(queue) == ["a1", "b1", "a2", "b2", "a3", "c1"]


def test_interleave_keeps_runs_only_when_nothing_else_waits() -> None:
    items = [QueueItem(f"a{i}", "a", Mode.DUE) for i in range(3)] + [QueueItem("b0", "b", Mode.DUE)]
    assert ids(interleave(items)) == ["a0", "b0", "a1", "a2"]


_CANDIDATES = st.lists(
    st.builds(
        cand,
        card_id=st.text("abcdefgh", min_size=1, max_size=4),
        competency=st.sampled_from(["a", "b", "c", "d", "x"]),
        r=st.floats(0, 1),
    ),
    max_size=25,
    unique_by=lambda c: c.card_id,
)


@given(
    pool=_CANDIDATES,
    split=st.tuples(st.integers(0, 25), st.integers(0, 25)),
    size=st.integers(1, 20),
    allowance=st.integers(-2, 20),
    weakest=st.permutations(["a", "b", "c", "d"]),
)
def test_queue_properties(
    pool: list[Candidate], split: tuple[int, int], size: int, allowance: int, weakest: list[str]
) -> None:
    first, second = sorted(split)
    due, new, practice = pool[:first], pool[first:second], pool[second:]
    queue = build_queue(
        due=due, new=new, practice=practice, size=size, new_allowance=allowance, weakest=weakest
    )
    modes = Counter(item.mode for item in queue)
    assert len(queue) <= size
    assert len(set(ids(queue))) == len(queue)
    assert modes[Mode.DUE] == min(size, len(due))
    assert modes[Mode.NEW] == min(size - modes[Mode.DUE], max(0, allowance), len(new))
    assert modes[Mode.PRACTICE] == min(size - modes[Mode.DUE] - modes[Mode.NEW], len(practice))
    for index, (before, after) in enumerate(pairwise(queue), start=1):
        if before.competency == after.competency:
            # a repeat is allowed only when every later card has this competency too
            rest = queue[index:]
            assert {item.competency for item in rest} == {after.competency}
