"""The story bank: list, view, add/edit in a form, delete, coverage; the story picker."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Input,
    Label,
    OptionList,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from drill.core.model import STORY_FIELD_LABELS, STORY_TEXT_FIELDS, Story
from drill.tui.screens.base import Dialog, DrillScreen
from drill.tui.screens.decks import cell
from drill.tui.text import literal, one_line, styled

if TYPE_CHECKING:
    from drill.tui.app import DrillApp

REQUIRED_FIELDS = ("situation", "task", "action", "result")


class StoriesScreen(DrillScreen):
    """Your stories on the left, the selected one on the right; coverage below."""

    DEFAULT_CSS = """
    #stories-left { width: 45%; }
    #story-table { height: 1fr; }
    #story-view { border-left: solid $panel-lighten-2; padding: 0 1; }
    #story-text { height: auto; }
    """

    BINDINGS = [
        Binding("n", "add", "New story", id="stories.add"),
        Binding("e,enter", "edit", "Edit", id="stories.edit"),
        Binding("delete,x", "delete", "Delete", id="stories.delete"),
        Binding("c", "coverage", "Coverage", id="stories.coverage"),
        Binding("escape,q", "app.pop_screen", "Back", id="stories.back"),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="stories-main"):
            with Vertical(id="stories-left"):
                yield Static(Content("Stories"), classes="title")
                yield DataTable(id="story-table", cursor_type="row")
            with VerticalScroll(id="story-view"):
                yield Static(id="story-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#story-table", DataTable)
        table.add_columns("title", "competencies")
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Reload the list from the store."""
        table = self.query_one("#story-table", DataTable)
        table.clear()
        stories = self.drill.store.stories()
        for story in stories:
            table.add_row(cell(story.title), Text(str(len(story.competencies))), key=story.id)
        if not stories:
            self.query_one("#story-text", Static).update(
                Content(
                    "No stories yet. Press n to write your first one: a real situation, "
                    "what you decided, who you aligned, and what changed."
                )
            )

    def _selected(self) -> Story | None:
        table = self.query_one("#story-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.drill.store.story(str(key))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        story = self._selected()
        if story is not None:
            self.query_one("#story-text", Static).update(story_content(story, self.drill))

    def action_add(self) -> None:
        """Write a new story in the form."""
        self.app.push_screen(StoryFormScreen(None))

    def action_edit(self) -> None:
        """Edit the selected story."""
        story = self._selected()
        if story is not None:
            self.app.push_screen(StoryFormScreen(story))

    def action_delete(self) -> None:
        """Delete the selected story after confirmation (its practice history is kept)."""
        story = self._selected()
        if story is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.drill.store.delete_story(story.id)
                self.notify("Story deleted.", markup=False)
                self.reload()

        self.app.push_screen(
            ConfirmDialog(f"Delete the story “{one_line(story.title, 60)}”?"), confirmed
        )

    def action_coverage(self) -> None:
        """The competencies × stories matrix."""
        self.app.push_screen(CoverageScreen())


def story_content(story: Story, app: DrillApp) -> Content:
    """A story's outline, its competencies and the signals it can carry."""
    from drill.core.analysis import analyze

    comps = app.competencies
    parts: list[str | tuple[str, str]] = [styled(story.title, "bold $accent"), "\n"]
    names = ", ".join(comps[c].name if c in comps else c for c in story.competencies)
    parts += [("Competencies: ", "bold"), styled(names, ""), "\n\n"]
    for label, value in zip(STORY_FIELD_LABELS, story.text_fields, strict=True):
        if value:
            parts += [(label + "\n", "bold"), styled(value, ""), "\n\n"]
    result = analyze(story.outline)
    shown = [s for s, on in result.signals.items() if on]
    parts += [
        ("Signals this story can carry: ", "bold"),
        (", ".join(shown) or "none yet", "$success"),
    ]
    if result.missing:
        parts += ["\n", ("Not in it yet: ", "bold"), (", ".join(result.missing), "$warning")]
    return Content.assemble(*parts)


def slug(text: str) -> str:
    """An id from a title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "story"


class StoryFormScreen(DrillScreen):
    """Add or edit a story: title, STAR fields, learned, decision fields, competencies."""

    DEFAULT_CSS = """
    #story-form { padding: 0 1; }
    .story-field { height: 5; }
    #f-competencies { height: auto; max-height: 13; }
    #form-buttons { height: 3; }
    #form-error { color: $error; height: auto; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="story_form.save"),
        Binding("escape", "cancel", "Cancel", id="story_form.cancel"),
    ]

    def __init__(self, story: Story | None) -> None:
        super().__init__()
        self.story = story

    def compose(self) -> ComposeResult:
        app = self.drill
        story = self.story
        chosen = set(story.competencies) if story else set()
        with VerticalScroll(id="story-form"):
            yield Static(Content("Edit story" if story else "New story"), classes="title")
            yield Label(Content("Title"))
            yield Input(
                story.title if story else "", id="f-title", placeholder="A name you will recognise"
            )
            for name, label in zip(STORY_TEXT_FIELDS, STORY_FIELD_LABELS, strict=True):
                required = " (required)" if name in REQUIRED_FIELDS else ""
                yield Label(Content(label + required))
                yield TextArea(
                    getattr(story, name) if story else "",
                    id=f"f-{name}",
                    soft_wrap=True,
                    classes="story-field",
                )
            yield Label(Content("Competencies it can answer (space to tick)"))
            yield SelectionList[str](
                *[(Content(c.name), c.id, c.id in chosen) for c in app.competencies.values()],
                id="f-competencies",
            )
            yield Static(id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#f-title", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Leave without saving."""
        self.app.pop_screen()

    def action_save(self) -> None:
        """Validate and save; the story's cards are created or updated with it."""
        app = self.drill
        from drill.core.text import clean_text

        title = clean_text(self.query_one("#f-title", Input).value)
        values = {
            name: clean_text(self.query_one(f"#f-{name}", TextArea).text)
            for name in STORY_TEXT_FIELDS
        }
        comps = tuple(self.query_one("#f-competencies", SelectionList).selected)
        problems = []
        if not title:
            problems.append("a title")
        problems += [f"the {n}" for n in REQUIRED_FIELDS if not values[n]]
        if not comps:
            problems.append("at least one competency")
        if problems:
            self.query_one("#form-error", Static).update(
                Content("Still needed: " + ", ".join(problems))
            )
            return
        story_id = (
            self.story.id
            if self.story
            else _unique(slug(title), {s.id for s in app.store.stories()})
        )
        story = Story(id=story_id, title=title, competencies=comps, **values)
        app.store.save_stories([story])
        self.notify("Story saved; its cards join your sessions.", markup=False)
        self.app.pop_screen()


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class ConfirmDialog(Dialog[bool]):
    """A yes/no question."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog-box"):
            yield Static(literal(self.question))
            yield Static(Content("y: yes · n: no"))

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


class StoryPickDialog(Dialog[str | None]):
    """Pick the story you would tell for this question (stories for its competency first)."""

    DEFAULT_CSS = "#pick-list { height: auto; max-height: 20; }"

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="story_pick.cancel")]

    def __init__(self, stories: Sequence[Story], competency: str) -> None:
        super().__init__()
        self.stories = sorted(stories, key=lambda s: (competency not in s.competencies, s.title))
        self.competency = competency

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box", classes="dialog-box"):
            yield Static(Content("Which story would you tell? (enter picks, escape cancels)"))
            yield OptionList(
                *[
                    Option(
                        Content.assemble(
                            styled(
                                one_line(s.title, 60),
                                "bold" if self.competency in s.competencies else "",
                            ),
                            ("  ✓ mapped" if self.competency in s.competencies else "", "$success"),
                        ),
                        id=s.id,
                    )
                    for s in self.stories
                ],
                id="pick-list",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class CoverageScreen(DrillScreen):
    """Competencies × stories: gaps (none or only one story) and overused stories."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back", id="coverage.back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Content("Story coverage"), classes="title")
            yield DataTable(id="coverage-table", cursor_type="row")
            yield Static(id="coverage-notes")
        yield Footer()

    def on_mount(self) -> None:
        from drill.core.stories import coverage

        app = self.drill
        stories = app.store.stories()
        comps = app.competencies
        report = coverage(stories, list(comps), app.store.story_usage())
        table = self.query_one("#coverage-table", DataTable)
        table.add_column("competency")
        for i, _story in enumerate(stories, start=1):
            table.add_column(f"S{i}")
        table.add_column("stories")
        by_comp = {c.id: c.stories for c in report.competencies}
        for comp_id, comp in comps.items():
            mapped = by_comp.get(comp_id, ())
            marks = [Text("●" if s.id in mapped else "·") for s in stories]
            n = len(mapped)
            status = (
                Text("none", style="bold red")
                if n == 0
                else (Text("only one", style="yellow") if n == 1 else Text(str(n)))
            )
            table.add_row(cell(comp.name), *marks, status, key=comp_id)
        legend: list[str | tuple[str, str]] = [("Stories\n", "bold")]
        for i, s in enumerate(stories, start=1):
            legend += [(f"S{i} ", "$accent bold"), styled(one_line(s.title, 70), ""), "\n"]
        if report.overused:
            legend += [
                ("\nOverused: ", "bold $warning"),
                styled(", ".join(report.overused), ""),
                "\n",
            ]
        gaps = [comps[g].name if g in comps else g for g in report.gaps]
        if gaps:
            legend += [
                ("Gaps (fewer than two stories): ", "bold $warning"),
                styled(", ".join(gaps), ""),
            ]
        self.query_one("#coverage-notes", Static).update(Content.assemble(*legend))
