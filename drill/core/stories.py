"""The story bank file format (PRODUCT §6 Stories) and coverage of competencies by stories."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from drill.core import safeyaml
from drill.core.decks import Fields, dump_yaml, parse_items
from drill.core.errors import DeckError, Problem
from drill.core.model import STORY_TEXT_FIELDS, Competency, Story
from drill.core.taxonomy import BUILTIN_COMPETENCIES, BUILTIN_IDS

BANK_KEYS = ("stories",)
STORY_KEYS = ("id", "title", "competencies", *STORY_TEXT_FIELDS)
REQUIRED_TEXT_FIELDS = ("situation", "task", "action", "result")
MIN_STORIES_PER_COMPETENCY = 2
"""Fewer stories than this for a competency is a gap: one story cannot answer every follow-up."""
MAX_COMPETENCIES_PER_STORY = 4
"""A story stretched over more competencies than this is probably told badly for some of them."""
OVERUSE_SHARE = 0.4
"""A story chosen for more than this share of all story choices is leaned on too much."""
OVERUSE_MIN_CHOICES = 5
"""Below this many story choices in all, shares say nothing about habits yet."""


def parse_stories(
    data: bytes, *, path: str, known_competencies: Iterable[str] = BUILTIN_IDS
) -> list[Story]:
    """The stories in ``data`` (YAML bytes), or :class:`DeckError` with every problem found."""
    problems: list[Problem] = []
    try:
        root = safeyaml.compose(safeyaml.decode(data))
    except safeyaml.YamlProblem as exc:
        raise DeckError(path, [exc.problem]) from None
    if root is None:
        raise DeckError(path, [Problem(None, "the file is empty; a story bank needs 'stories:'")])
    if not isinstance(root, yaml.MappingNode):
        raise DeckError(
            path,
            [
                Problem(
                    safeyaml.line_of(root),
                    "a story bank must be a mapping with 'stories:' (a list)",
                )
            ],
        )
    if any(isinstance(k, yaml.ScalarNode) and k.value in ("deck", "cards") for k, _ in root.value):
        hint = "this looks like a deck, not a story bank; import it with 'drill import'"
        raise DeckError(path, [Problem(safeyaml.line_of(root), hint)])
    top = Fields(root, "file", BANK_KEYS, problems)
    known = set(known_competencies)
    stories = parse_items(
        top,
        "stories",
        "story",
        lambda item, index: _story(item, index, known, problems),
        lambda story: story.id,
        problems,
    )
    if problems:
        raise DeckError(path, sorted(problems, key=lambda p: p.line or 0))
    return stories


def _story(node: yaml.Node, index: int, known: set[str], problems: list[Problem]) -> Story | None:
    before = len(problems)
    what = f"story {index}"
    f = Fields(node, what, STORY_KEYS, problems)
    if not isinstance(node, yaml.MappingNode):
        return None
    story_id = f.ident("id", required=True)
    title = f.text("title", required=True)
    competencies = f.items("competencies")
    line = f.line_for("competencies")
    if "competencies" not in f.values:
        problems.append(Problem(f.line, f"{what}: missing required field 'competencies'"))
    elif not competencies:
        problems.append(Problem(line, f"{what}: 'competencies' needs at least one competency id"))
    for comp in competencies:
        if comp not in known:
            problems.append(Problem(line, f"{what}: unknown competency '{comp}'"))
    repeated = sorted({c for c in competencies if competencies.count(c) > 1})
    if repeated:
        problems.append(Problem(line, f"{what}: competency listed twice: {', '.join(repeated)}"))
    texts = {
        name: f.text(name, required=name in REQUIRED_TEXT_FIELDS) for name in STORY_TEXT_FIELDS
    }
    if len(problems) > before:
        return None
    return Story(id=story_id, title=title, competencies=competencies, **texts)


def story_fields(story: Story) -> dict[str, Any]:
    """The story-file fields of ``story`` that carry a value, in file order."""
    out: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "competencies": list(story.competencies),
    }
    pairs = zip(STORY_TEXT_FIELDS, story.text_fields, strict=True)
    out.update((name, value) for name, value in pairs if value)
    return out


def story_signals(story: Story) -> tuple[str, ...]:
    """The leadership signals (PRODUCT §5) the story's outline shows, in signal order."""
    from drill.core.analysis import analyze  # compiled regexes: load only when used

    found = analyze(story.outline).signals
    return tuple(name for name, shown in found.items() if shown)


def dump_stories(stories: Iterable[Story]) -> str:
    """YAML text that :func:`parse_stories` reads back to equal stories."""
    return dump_yaml({"stories": [story_fields(story) for story in stories]})


_TEMPLATE = """\
# A new story for your drill story bank.
#
# Fill in the fields below, then save and close the editor. Lines starting with '#' are
# notes for you and are ignored. To cancel, close the editor without changing anything
# (or delete everything).
#
# Write each answer on the lines below its 'field: |', indented by six spaces (see the
# example above 'situation'). Be concrete: roles, team sizes, dates and numbers make a
# story believable, and the follow-up questions will ask for them anyway.
stories:
    # A short name you will recognise, used to refer to the story later:
    # lower-case letters, digits and '-' only, e.g. payments-migration.
  - id:
    # One line that brings the whole story back to you.
    title:
    # The competencies this story can answer, as ids in brackets, e.g. [hiring, org-strategy].
    # One story usually fits two or three; drill makes one practice card for each.
    # Ids you can use:
{competency_lines}
    competencies: []

    # REQUIRED: the STAR core.
    # Situation: where you were and what was at stake (company, team size, the pressure).
    # For example:
    #   situation: |
    #     Our 40-person fintech had six weeks before a bank partner audit...
    situation: |

    # Task: what you, in particular, were responsible for.
    task: |

    # Action: what you did, and what you got others to do. Say "I" for your part
    # and "we" for the team's, and keep them apart.
    action: |

    # Result: how it ended, ideally with a number, and what it meant for the business.
    result: |

    # OPTIONAL, but these are what interviewers dig for in follow-ups. A story
    # without them sounds like an event; with them it sounds like leadership.
    # Learned: what you took away, or would do differently next time.
    learned: |

    # Decisions: the calls you made, the options you turned down, and why.
    decisions: |

    # Stakeholders: who outside the team had to agree or be kept informed, and how.
    stakeholders: |

    # Metrics: the measurable before and after (time, cost, incidents, revenue, people).
    metrics: |

    # Mistakes: what you got wrong and owned, and what you did about it.
    mistakes: |
"""


def story_template(competencies: Iterable[Competency] = BUILTIN_COMPETENCIES) -> str:
    """A commented YAML story to fill in for ``drill stories add``; unfilled, it does not parse."""
    lines = "\n".join(f"    #   {c.id:<26} {c.name}" for c in competencies)
    return _TEMPLATE.replace("{competency_lines}", lines)


@dataclass(frozen=True)
class CompetencyCoverage:
    """Which stories can answer one competency."""

    id: str
    """The competency id."""
    stories: tuple[str, ...]
    """Ids of the stories mapped to it, in bank order."""

    @property
    def gap(self) -> bool:
        """Fewer than :data:`MIN_STORIES_PER_COMPETENCY` stories."""
        return len(self.stories) < MIN_STORIES_PER_COMPETENCY


@dataclass(frozen=True)
class StoryUse:
    """How often the user chose one story to answer questions of one competency."""

    story_id: str
    competency: str
    """The competency of the question answered (not necessarily one the story is mapped to)."""
    times: int


@dataclass(frozen=True)
class Overuse:
    """A story the user leans on too much, and why."""

    story_id: str
    competencies: int
    """How many competencies the story is mapped to."""
    chosen: int
    """How many times it was chosen to answer a question."""
    share: float
    """``chosen`` as a share of all story choices (0 when there were none)."""
    reasons: tuple[str, ...]
    """Plain-text reasons, one per rule broken."""


@dataclass(frozen=True)
class Coverage:
    """The story bank against the competencies: who covers what, gaps and overused stories."""

    competencies: tuple[CompetencyCoverage, ...]
    """Every competency, in taxonomy order."""
    gaps: tuple[str, ...]
    """Ids of competencies with fewer than :data:`MIN_STORIES_PER_COMPETENCY` stories."""
    overused: tuple[str, ...]
    """Ids of stories mapped too widely or chosen too often, in bank order."""
    overuse: tuple[Overuse, ...]
    """Why each of :attr:`overused` is overused, in the same order."""
    usage: tuple[StoryUse, ...]
    """Story choices per story and question competency, for stories in the bank."""
    total_choices: int
    """All story choices recorded (stories since deleted included)."""

    def to_json(self) -> dict[str, Any]:
        """The ``drill stories coverage --json`` document."""
        return {
            "competencies": [{"id": c.id, "stories": list(c.stories)} for c in self.competencies],
            "gaps": list(self.gaps),
            "overused": list(self.overused),
            "overuse": [
                {
                    "id": o.story_id,
                    "competencies": o.competencies,
                    "chosen": o.chosen,
                    "share": round(o.share, 4),
                    "reasons": list(o.reasons),
                }
                for o in self.overuse
            ],
            "usage": [
                {"story": u.story_id, "competency": u.competency, "times": u.times}
                for u in self.usage
            ],
            "choices": self.total_choices,
        }


def coverage(
    stories: Sequence[Story],
    competency_ids: Sequence[str],
    usage: Iterable[tuple[str, str, int]] = (),
) -> Coverage:
    """How ``stories`` cover ``competency_ids``, given ``(story, competency, times)`` choices."""
    order = list(dict.fromkeys(competency_ids))
    # A story may name a competency that has since left the taxonomy; show it rather than hide it.
    order += [c for s in stories for c in s.competencies if c not in order]
    by_comp: dict[str, list[str]] = {c: [] for c in order}
    for story in stories:
        for comp in dict.fromkeys(story.competencies):
            by_comp[comp].append(story.id)
    rows = tuple(CompetencyCoverage(c, tuple(by_comp[c])) for c in order)
    uses = [StoryUse(s, c, n) for s, c, n in usage if n > 0]
    total = sum(u.times for u in uses)
    in_bank = {s.id for s in stories}
    chosen: dict[str, int] = {}
    for u in uses:
        chosen[u.story_id] = chosen.get(u.story_id, 0) + u.times
    overused = []
    for story in stories:
        times = chosen.get(story.id, 0)
        share = times / total if total else 0.0
        reasons = []
        if len(story.competencies) > MAX_COMPETENCIES_PER_STORY:
            reasons.append(
                f"mapped to {len(story.competencies)} competencies "
                f"(more than {MAX_COMPETENCIES_PER_STORY})"
            )
        if total >= OVERUSE_MIN_CHOICES and share > OVERUSE_SHARE:
            reasons.append(
                f"chosen for {times} of {total} answers "
                f"({share:.0%}, more than {OVERUSE_SHARE:.0%})"
            )
        if reasons:
            overused.append(
                Overuse(story.id, len(story.competencies), times, share, tuple(reasons))
            )
    return Coverage(
        competencies=rows,
        gaps=tuple(r.id for r in rows if r.gap),
        overused=tuple(o.story_id for o in overused),
        overuse=tuple(overused),
        usage=tuple(
            sorted(
                (u for u in uses if u.story_id in in_bank), key=lambda u: (u.story_id, u.competency)
            )
        ),
        total_choices=total,
    )
