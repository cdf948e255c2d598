"""The one registry of the reader's actions: every key, its help line and its palette entry.

Each `Action` has an id (what `[keys]` in config.toml rebinds: see tui/settings/keymap.py),
the Textual action it runs, its default keys, one description (the footer's, help's and
the palette's title), a longer text for the palette (actions without one are not in
the palette), the help group it is listed under in the reader, and the screens or
widgets (scopes) that bind it. From it come:

- each screen's and widget's `BINDINGS` (`bindings_for`), Textual `Binding`s with the
  action's id, so Textual's own keymap (`App.set_keymap`) moves them;
- the reader's help groups (`help_groups`); help lists the live bindings, so a moved
  key shows there, in the footer and in the palette alike;
- the palette's commands (`palette_commands`);
- what the keymap check needs (`key_slots`, `CONTEXTS`, `load_user_keymap`);
- the keys an action has now, for hints and notices (`keys_for`).

Order matters: a scope's bindings are declared in the order of this list (the footer
shows its keys in that order), and help lists a group's actions in this order too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.actions import parse
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.markup import escape

from tui.settings.keymap import KeySlot, load_keymap, parse_keys

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen

# The reader's help groups, in the order a new user needs them.
GROUPS = ("Move", "Panes", "Stories", "Facts", "Filters", "Views", "Export", "App")

# Scopes: the screens, and the widgets and base screens whose keys work together with
# a screen's; with the app's keys they make one keyboard context, in which no key may
# belong to two actions. The title names the context in a keymap error.
SCREENS: dict[str, tuple[str, tuple[str, ...]]] = {
    "reader": ("the reader", ("report_pane",)),
    "story_list": ("the story list", ()),
    "report_list": ("the report list", ()),
    "fact_matrix": ("the fact matrix", ("fact_table",)),
    "fact_details": ("a fact in full", ("details_text",)),
    "sources_overview": ("the sources overview", ()),
    "entity_picker": ("the entity picker", ("picker",)),
    "picker": ("the source and topic pickers", ()),
    "export": ("the export dialog", ()),
    "links": ("the links", ()),
    "sensitivity": ("the fact sensitivity picker", ()),
    "alias_picker": ("the alias picker", ()),
    # Its enter (and only that) stands in for the picker's: the other picker keys are
    # the picker's own, checked with the other pickers.
    "story_picker": ("the story picker", ()),
    "help": ("help", ()),
}
APP = "app"
CONTEXTS: dict[str, tuple[str, ...]] = {
    title: (screen, *widgets, APP) for screen, (title, widgets) in SCREENS.items()
}
# Textual's own app keys: not ours to move, but a key moved onto one clashes.
TEXTUAL_KEYS = (
    KeySlot("quit (Textual's)", (APP,), ("ctrl+q",), rebindable=False),
    KeySlot("the command palette", (APP,), (App.COMMAND_PALETTE_BINDING,), rebindable=False),
    KeySlot("copy", (APP,), ("ctrl+c",), rebindable=False),
)


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    scopes: tuple[str, ...]
    # What Textual runs: `jump_fact(1)`, `app.help`.
    action: str
    # Default keys, comma-separated, as Textual names them; "" for a palette command.
    keys: str
    # The footer's and help's line, and the palette's title.
    description: str
    # The palette's longer line; "" keeps the action out of the palette.
    palette: str = ""
    # The reader's help group (one of GROUPS), for the reader's and its panes' keys.
    group: str = ""
    show: bool = False
    priority: bool = False
    key_display: str | None = None

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            id=self.id,
        )


def _actions(scope: str | tuple[str, ...], *entries: tuple[Any, ...]) -> Iterator[Action]:
    """The actions of one scope (or several), each entry written as
    `(id, action, keys, description[, palette[, group]][, {other fields}])`."""
    scopes = (scope,) if isinstance(scope, str) else scope
    for entry in entries:
        *fields, options = entry if isinstance(entry[-1], dict) else (*entry, {})
        yield Action(fields[0], scopes, *fields[1:], **options)


_SHOWN = {"show": True}

ACTIONS: tuple[Action, ...] = (
    # ------------------------------------------------------------------ the app
    *_actions(
        APP,
        # Help from every screen, text boxes too (where `?` is typed); priority: over
        # the modal pickers as well.
        ("help_anywhere", "help", "f1", "Help",
         "The keys of this screen, grouped by what they do",
         {"priority": True}),
        ("pick_theme", "pick_theme", "", "Theme…",
         "newsprism's dark, light or terminal-colour theme (remembered)"),
    ),
    # ------------------------------------------------------------------ the reader
    # The reader's groups: interleaved so that the keys the footer shows come in its
    # order (tab, e, m, ?, q); help lists each group's keys in this order.
    *_actions(
        "reader",
        # Shown (and working) only when the reports are about more than one story.
        ("story_list", "story_list", "escape", "Stories",
         "Every story with its reports, outlets, dates and shared facts: open another",
         "Panes", {"show": True, "key_display": "esc"}),
        ("next_pane", "switch_pane(1)", "tab", "Other pane", "", "Panes",
         {"show": True, "priority": True, "key_display": "tab"}),
        ("previous_pane", "switch_pane(-1)", "shift+tab", "Other pane", "", "Panes",
         {"priority": True}),
        ("previous_report", "cycle_report(-1)", "left_square_bracket", "Previous report",
         "Show the previous report in the focused pane", "Panes"),
        ("next_report", "cycle_report(1)", "right_square_bracket", "Next report",
         "Show the next report in the focused pane", "Panes"),
        ("report_list", "report_list", "r", "Report list",
         "Every report with its outlet, title, date and counts: pick one for this pane",
         "Panes"),
        ("add_pane", "add_pane", "p", "Add a pane (the next report not shown)",
         "One more pane side by side, on a report no pane shows (4 at most, by width)",
         "Panes"),
        ("remove_pane", "remove_pane", "P", "Close the focused pane",
         "Close the focused pane; the panes right of it move left", "Panes"),
        ("pick_entities", "pick_entities", "e", "Filter by entity",
         "Show only paragraphs naming chosen people, groups or places", "Filters", _SHOWN),
        ("pick_sources", "pick_sources", "s", "Filter by cited source or outlet",
         "Show only paragraphs citing chosen sources (Reuters, two residents) or outlets",
         "Filters"),
        ("pick_topics", "pick_topics", "t", "Filter by topic",
         "Show only paragraphs about chosen topics", "Filters"),
        ("toggle_match_mode", "toggle_match_mode", "a", "Match any/all entities",
         "Paragraphs naming any of the chosen entities, or all of them", "Filters"),
        ("next_mention", "jump_mention(1)", "full_stop", "Next mention",
         "Move to the next paragraph naming a chosen entity", "Filters",
         {"key_display": "."}),
        ("previous_mention", "jump_mention(-1)", "comma", "Previous mention",
         "Move to the previous paragraph naming a chosen entity", "Filters",
         {"key_display": ","}),
        ("clear_filters", "clear_filter", "c", "Clear all filters (entity, source, topic)",
         "Every paragraph again: no entity, source or topic filter", "Filters"),
        ("next_fact", "jump_fact(1)", "n", "Next shared fact",
         "Move to the next paragraph stating a fact another report states too", "Facts"),
        ("previous_fact", "jump_fact(-1)", "N", "Previous shared fact",
         "Move to the previous paragraph stating a shared fact", "Facts"),
        ("show_counterpart", "show_counterpart", "enter", "Same fact in the other pane",
         "Show the other panes on the sentences stating this paragraph's facts", "Facts"),
        ("toggle_follow", "toggle_follow", "f", "Follow mode: other pane keeps to the fact",
         "Keep the other panes on the same fact as the cursor moves", "Facts"),
        ("fact_matrix", "fact_matrix", "m", "Fact matrix",
         "Every shared fact against every report, in each report's words", "Facts", _SHOWN),
        ("sources_overview", "sources_overview", "o",
         "Sources overview: who each fact rests on",
         "Who the reports cite, and which shared facts rest on one source", "Facts"),
        ("stricter_facts", "fact_sensitivity(1)", "plus", "Stricter fact matching",
         "Raise the fact threshold one step: fewer, closer facts", "Facts",
         {"key_display": "+"}),
        ("looser_facts", "fact_sensitivity(-1)", "minus", "Looser fact matching",
         "Lower the fact threshold one step: more facts", "Facts", {"key_display": "-"}),
        ("pick_sensitivity", "pick_sensitivity", "", "Fact sensitivity…",
         "Choose the fact threshold from a list", "Facts"),
        ("cycle_fact_view", "cycle_fact_view", "u", "View: all / shared / unique paragraphs",
         "Show all paragraphs, only shared facts, or only unique sentences", "Views"),
        ("toggle_unique", "toggle_unique", "U", "Mark sentences no other report states",
         "Mark the sentences no other report states, or stop marking them", "Views"),
        # Not in the footer: it keeps room for m at 80 columns.
        ("toggle_boilerplate", "toggle_boilerplate", "b", "Show / hide boilerplate",
         "Publisher chrome: read-more links, promotions", "Views"),
        ("toggle_tags", "toggle_tags", "T", "Show / hide the tag line (sources, topics)",
         "The line under each paragraph naming its sources and topics", "Views"),
        ("links", "links", "L", "Links in the paragraph",
         "The links of the cursor paragraph with their addresses: open an http(s) one",
         "Views"),
        ("export", "export", "x", "Export to a file: paragraphs in view, facts, entities",
         "Write the paragraphs in view, the fact matrix or the entities to a file "
         "(Markdown, CSV, JSON)", "Export"),
        ("copy_paragraph", "copy_paragraph", "y", "Copy the paragraph (clipboard)",
         "Copy the cursor paragraph with its source to the clipboard", "Export"),
        ("copy_fact", "copy_fact", "Y", "Copy the paragraph's shared facts (clipboard)",
         "Copy the cursor paragraph's shared facts, in every report's words", "Export"),
        # Story corrections (tui/app/screens/reader/story_corrections.py): saved, and
        # the analysis runs again.
        ("move_to_story", "move_to_story", "v", "Move this report to another story…",
         "Put the focused pane's report in another story, or in a new story of its own "
         "(saved, applied from then on)", "Stories"),
        ("merge_stories", "merge_stories", "V", "Merge this story with…",
         "Make the focused pane's story and another one a single story (saved, applied "
         "from then on)", "Stories"),
        # ctrl+z, as in Textual's own text boxes: u is taken (the fact view).
        ("undo_story_correction", "undo_story_correction", "ctrl+z",
         "Undo the last story correction",
         "Take back the last report moved or stories merged (saved; again: the one "
         "before)", "Stories"),
    ),
    # ------------------------------------------------------------------ reading panes
    # j/k are what every reader knows: listed in help, not in the crowded footer.
    *_actions(
        "report_pane",
        ("next_paragraph", "cursor_down", "j,down", "Next paragraph", "", "Move"),
        ("previous_paragraph", "cursor_up", "k,up", "Previous paragraph", "", "Move"),
        ("page_down", "page_down", "pagedown,space", "Page down", "", "Move"),
        ("page_up", "page_up", "pageup", "Page up", "", "Move"),
        ("half_page_down", "half_page_down", "ctrl+d", "Half page down", "", "Move"),
        ("half_page_up", "half_page_up", "ctrl+u", "Half page up", "", "Move"),
        ("first_paragraph", "first", "g,home", "Top", "", "Move"),
        ("last_paragraph", "last", "G,end", "Bottom", "", "Move"),
    ),
    # ------------------------------------------------------------------ story list
    *_actions(
        "story_list",
        ("story_list_close", "close", "escape", "Back",
         {"show": True, "key_display": "esc"}),
        # Priority: enter opens from the filter box and the table alike.
        ("story_list_open", "open_story", "enter", "Open story",
         {"show": True, "priority": True}),
        # Control keys work from the filter box too (as in the report list); the plain
        # letters and digits only in the table (in the box they filter).
        ("story_list_entities", "pick_entities", "ctrl+f,e", "Entities", _SHOWN),
        ("story_list_next_sort", "next_sort", "ctrl+s", "Next sort", _SHOWN),
        ("story_list_reverse", "reverse", "ctrl+r", "Reverse", _SHOWN),
        ("story_list_clear_entities", "clear_entities", "c", "Clear the entity filter"),
        ("story_list_match_mode", "toggle_match_mode", "a", "Naming any/all entities"),
        # Priority, else the filter box's own ↓ hides it from help (see check_action).
        ("story_list_to_table", "focus_table", "down", "To the list", {"priority": True}),
        ("story_list_sort_number", "sort('number')", "0", "Story order"),
        # The columns of tui.query.stories.STORY_SORT_COLUMNS, keys 1..5 (a test checks).
        ("story_list_sort_title", "sort('title')", "1", "Sort by title"),
        ("story_list_sort_reports", "sort('reports')", "2", "Sort by reports"),
        ("story_list_sort_outlets", "sort('outlets')", "3", "Sort by outlets"),
        ("story_list_sort_dates", "sort('dates')", "4", "Sort by dates"),
        ("story_list_sort_facts", "sort('facts')", "5", "Sort by shared facts"),
    ),
    # ------------------------------------------------------------------ report list
    *_actions(
        "report_list",
        ("report_list_close", "close", "escape", "Close", _SHOWN),
        # Priority: enter picks from the filter box and the table alike.
        ("report_list_choose", "choose", "enter", "Show in the focused pane",
         {"priority": True}),
        # Control keys type nothing into the filter box (digits there filter: a date,
        # 2024) and reach a terminal over SSH as they are; alt+ and F-keys often do not.
        ("report_list_next_sort", "next_sort", "ctrl+s", "Sort by the next column", _SHOWN),
        ("report_list_reverse", "reverse", "ctrl+r", "Reverse the order", _SHOWN),
        # Priority, else the filter box's own ↓ hides it from help (see check_action).
        ("report_list_to_table", "focus_table", "down", "To the list", {"priority": True}),
        ("report_list_sort_number", "sort('number')", "0", "Report order"),
        # The columns of tui.app.report_rows.SORT_COLUMNS, keys 1..5 (a test checks).
        ("report_list_sort_outlet", "sort('outlet')", "1", "Sort by outlet"),
        ("report_list_sort_title", "sort('title')", "2", "Sort by title"),
        ("report_list_sort_date", "sort('date')", "3", "Sort by date"),
        ("report_list_sort_paragraphs", "sort('paragraphs')", "4", "Sort by paragraphs"),
        ("report_list_sort_facts", "sort('facts')", "5", "Sort by shared facts"),
    ),
    # ------------------------------------------------------------------ fact matrix
    *_actions(
        "fact_matrix",
        ("matrix_close", "close", "escape,q", "Close", _SHOWN),
        ("matrix_choose", "choose", "enter", "Show in reader", _SHOWN),
        ("matrix_fact_in_full", "fact_in_full", "d", "Fact in full", _SHOWN),
        ("matrix_next_column", "scroll_reports(1)", "l,right", "Next report column"),
        ("matrix_previous_column", "scroll_reports(-1)", "h,left", "Previous report column"),
    ),
    # The matrix's table: its keys move from fact to fact, and say so in the help.
    *_actions(
        "fact_table",
        ("matrix_next_fact", "cursor_down", "j,down", "Next fact"),
        ("matrix_previous_fact", "cursor_up", "k,up", "Previous fact"),
        ("matrix_page_down", "page_down", "pagedown", "Page of facts down"),
        ("matrix_page_up", "page_up", "pageup", "Page of facts up"),
        ("matrix_first_fact", "scroll_top", "g,home,ctrl+home", "First fact"),
        ("matrix_last_fact", "scroll_bottom", "G,end,ctrl+end", "Last fact"),
    ),
    *_actions(
        "fact_details",
        ("details_close", "close", "escape,q,d", "Back to the matrix", _SHOWN),
    ),
    # A fact's whole text, scrolled by the keys of the reading panes.
    *_actions(
        "details_text",
        ("details_scroll_down", "scroll_lines(1)", "j,down", "Scroll down"),
        ("details_scroll_up", "scroll_lines(-1)", "k,up", "Scroll up"),
        ("details_page_down", "scroll_pages(1)", "pagedown,space", "Page down"),
        ("details_page_up", "scroll_pages(-1)", "pageup,b", "Page up"),
        ("details_top", "scroll_lines(-1_000_000)", "g,home", "Top"),
        ("details_bottom", "scroll_lines(1_000_000)", "G,end", "Bottom"),
    ),
    # ------------------------------------------------------------------ sources overview
    *_actions(
        "sources_overview",
        ("overview_close", "close", "escape,q", "Close", _SHOWN),
        ("overview_switch_table", "app.focus_next", "tab", "Sources / facts", _SHOWN),
        # Priority: the table's own enter selects a cell.
        ("overview_choose", "choose", "enter", "Filter / show", {"show": True, "priority": True}),
        ("overview_down", "move(1)", "j", "Down"),
        ("overview_up", "move(-1)", "k", "Up"),
    ),
    # ------------------------------------------------------------------ pickers
    *_actions(
        "picker",
        ("picker_cancel", "cancel", "escape", "Cancel", _SHOWN),
        # Priority: enter applies from the search field and from the list alike.
        ("picker_apply", "apply", "enter", "Filter", {"show": True, "priority": True}),
        ("picker_select", "toggle_selected", "space", "Select", _SHOWN),
        ("picker_to_list", "focus_list", "down", "List"),
    ),
    *_actions(
        "entity_picker",
        ("merge_entities", "merge", "m", "Merge", _SHOWN),
        ("split_entity", "split", "s", "Split", _SHOWN),
    ),
    *_actions("sensitivity", ("sensitivity_cancel", "cancel", "escape", "Cancel", _SHOWN)),
    *_actions("alias_picker", ("alias_cancel", "cancel", "escape", "Cancel", _SHOWN)),
    *_actions(
        "story_picker",
        # Priority: enter chooses from the search field and from the list alike.
        ("story_picker_choose", "apply", "enter", "Choose", {"show": True, "priority": True}),
    ),
    # ------------------------------------------------------------------ other screens
    *_actions(
        "export",
        ("export_cancel", "cancel", "escape", "Cancel", _SHOWN),
        ("export_what", "focus_list('what')", "h,left", "Choose what to export"),
        ("export_format", "focus_list('format')", "l,right", "Choose the format"),
    ),
    *_actions(
        "links",
        ("links_close", "cancel", "escape,q", "Close", {"show": True, "key_display": "esc"}),
    ),
    *_actions(
        "help",
        ("help_close", "dismiss", "escape,q,question_mark", "Close help",
         {"show": True, "key_display": "esc"}),
        ("help_scroll_down", "scroll_down", "j,down", "Scroll down"),
        ("help_scroll_up", "scroll_up", "k,up", "Scroll up"),
    ),
    # ------------------------------------------------------------------ last
    # Last in each scope, as the footer shows them.
    # `?` is the app's help on the screens where it types nothing.
    *_actions(
        ("reader", "story_list", "sources_overview", "fact_matrix", "fact_details"),
        ("help", "app.help", "question_mark", "Help", "", "App",
         {"show": True, "key_display": "?"}),
    ),
    *_actions(("reader", "story_list"), ("quit", "app.quit", "q", "Quit", "", "App", _SHOWN)),
)  # fmt: skip


def bindings_for(scope: str) -> list[BindingType]:
    """The `BINDINGS` of a screen or widget: its actions that have a key, in order."""
    return [action.binding() for action in ACTIONS if scope in action.scopes and action.keys]


def help_groups(screen: str) -> dict[str, tuple[str, ...]]:
    """Help's groups for a screen and its widgets: group title -> action ids, in order."""
    scopes = {screen, *SCREENS[screen][1]}
    groups: dict[str, list[str]] = {title: [] for title in GROUPS}
    for action in ACTIONS:
        if action.group and action.keys and scopes.intersection(action.scopes):
            groups[action.group].append(action.id)
    return {title: tuple(ids) for title, ids in groups.items() if ids}


def palette_actions(screen: str | None) -> list[Action]:
    """The palette's actions on a screen (None: a screen with none of its own), the
    app's included."""
    scopes = {APP} if screen is None else {APP, screen}
    return [a for a in ACTIONS if a.palette and scopes.intersection(a.scopes)]


def palette_commands(app: App, screen: Screen, scope: str | None) -> Iterator[SystemCommand]:
    """The palette's commands on `screen`: each runs its action as its key does (an
    `app.` action on the app, any other on the screen); its line ends with the keys
    that do the same, as bound now (the user's keymap included)."""
    keys = _live_keys(app, screen)
    for action in palette_actions(scope):
        on_app, name, arguments = _effect(action.action, APP in action.scopes)
        if (app if on_app else screen).check_action(name, arguments) is False:
            continue  # not now (as its key): the stories with one story
        text = action.palette
        shown = keys.get(_effect(action.action, APP in action.scopes), [])
        if shown:
            text += " · " + ", ".join(shown)
        # Textual reads both as markup: a key such as `[` must stay a key.
        title = escape(action.description)
        yield SystemCommand(title, escape(text), _runner(app, screen, action))


Effect = tuple[bool, str, tuple[object, ...]]


def _effect(action: str, on_app: bool) -> Effect:
    """What an action string does: on the app or not, which action, which arguments."""
    namespace, name, arguments = parse(action)
    return (on_app or namespace == "app", name, arguments)


def _live_keys(app: App, screen: Screen) -> dict[Effect, list[str]]:
    """The keys of `screen` in force, as shown, by what they do."""
    found: dict[Effect, list[str]] = {}
    for key, active in screen.active_bindings.items():
        effect = _effect(active.binding.action, active.node is app)
        display = app.get_key_display(active.binding.with_key(key))
        if display not in found.setdefault(effect, []):
            found[effect].append(display)
    return found


def keys_for(screen: Screen, action_id: str) -> str:
    """The keys of action `action_id` on `screen` as bound now (the user's keymap
    included), as shown ("n", "j, down"): for hints and notices that name a key."""
    app = screen.app
    shown: list[str] = []
    for key, active in screen.active_bindings.items():
        if active.binding.id == action_id:
            display = app.get_key_display(active.binding.with_key(key))
            if display not in shown:
                shown.append(display)
    return ", ".join(shown)


def _runner(app: App, screen: Screen, action: Action) -> Callable[[], object]:
    on_app, name, arguments = _effect(action.action, APP in action.scopes)
    target: DOMNode = app if on_app else screen
    return partial(getattr(target, f"action_{name}"), *arguments)


def key_slots() -> list[KeySlot]:
    """The actions as the keymap check sees them, with Textual's own app keys."""
    slots = [
        KeySlot(action.id, action.scopes, parse_keys(action.keys) if action.keys else ())
        for action in ACTIONS
    ]
    return [*slots, *TEXTUAL_KEYS]


def load_user_keymap(path: Path | None = None) -> dict[str, str]:
    """The user's `[keys]`, checked against the registry, for `App.set_keymap`; raises
    tui.settings.keymap.KeymapError (one line) when it cannot be used."""
    return load_keymap(key_slots(), CONTEXTS, path)
