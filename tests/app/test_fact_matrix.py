"""Pilot tests of the fact matrix at scale and in small terminals: whole fact numbers
from f1000 on, short terminals, the whole fact's text at 80 and 60 columns, the keys its
help lists; and a check that no class of the reader overrides a Textual name by
accident (NEWSPRISM_DATA_DIR is a temporary folder in every test)."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from functools import cache
from pathlib import Path

import pytest
from rich.cells import cell_len

import tui
import tui.app
from tests.app.harness import analysed
from tui.app.app import NewsprismApp
from tui.app.screens.fact_matrix import (
    FactDetails,
    FactMatrix,
    fact_details,
    fixed_columns,
    matrix_title,
)
from tui.app.screens.help import HelpScreen
from tui.model.facts import Fact
from tui.query.why import FactWhys, matched_line
from tui.resources import seeds_dir

# Syllables for made-up words: every number gets its own word, so every sentence of the
# generated reports states exactly one fact.
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def made_up_word(number: int) -> str:
    word = ""
    for _ in range(3):
        number, digit = divmod(number, len(SYLLABLES))
        word += SYLLABLES[digit]
    return word


def write_many_facts(folder: Path, count: int, words: int = 3) -> list[str]:
    """Two reports that share `count` sentences, one a paragraph: `count` facts."""
    paragraphs = [
        " ".join(made_up_word(n * words + k) for k in range(words)).capitalize() + "."
        for n in range(count)
    ]
    paths = []
    for name in ("first", "second"):
        path = folder / f"{name}.txt"
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
        paths.append(str(path))
    return paths


def write_long_fact(folder: Path, reports: int = 4) -> list[str]:
    """Reports that all state one long sentence (and a line of their own)."""
    sentence = " ".join(made_up_word(n) for n in range(70)).capitalize() + "."
    paths = []
    for number in range(reports):
        path = folder / f"report-{number}.txt"
        own = " ".join(made_up_word(9000 + 10 * number + k) for k in range(5)).capitalize()
        path.write_text(f"{own}.\n\n{sentence}", encoding="utf-8")
        paths.append(str(path))
    return paths


def screen_lines(app: NewsprismApp) -> list[str]:
    """The screen as the terminal shows it, a string a line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def open_matrix(app: NewsprismApp, pilot) -> FactMatrix:  # type: ignore[no-untyped-def]
    await pilot.press("m")
    await pilot.pause()
    matrix = app.screen
    assert isinstance(matrix, FactMatrix)
    return matrix


# ---------------------------------------------------------------------- widths


def test_the_title_fits_one_line_of_80_columns_with_a_dozen_reports() -> None:
    """At 80x24 the matrix shows two report columns of 14: the title says which, and how
    to scroll, on one line (the screen's padding aside); with room, in full."""
    title = matrix_title(77, 14, 14, 0.4, (0, 2), 80)
    assert cell_len(title.plain) <= 78
    assert title.plain.endswith("reports 1-2 of 14 (h/l)")
    wide = matrix_title(77, 14, 14, 0.4, (0, 5), 160)
    assert wide.plain.endswith("match ≥0.40 · reports 1-5 of 14, h/l scroll")
    assert "h/l" not in matrix_title(7, 2, 2, 0.4, (0, 2), 80).plain


def test_fixed_columns_fit_their_widest_cell() -> None:
    def facts(count: int, most_reports: int) -> list[Fact]:
        found = [Fact(f"f{n}", (), ("r1", "r2"), 1.0) for n in range(1, count)]
        reports = tuple(f"r{n}" for n in range(most_reports))
        return [Fact("f0", (), reports, 1.0), *found]

    basis = ("basis", 5)
    assert fixed_columns(facts(7, 2)) == (("fact", 4), ("in", 2), ("≠", 1), basis)
    assert fixed_columns(facts(1000, 2))[0] == ("fact", 5)
    assert fixed_columns(facts(12_345, 1_000)) == (("fact", 6), ("in", 4), ("≠", 1), basis)


async def test_the_basis_column_says_what_each_fact_rests_on() -> None:
    from tui.resources import seeds_dir

    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        matrix = await open_matrix(app, pilot)
        words = {"one-source": "1 src", "independent": "indep", "unattributed": "none"}
        for fact in corpus.facts:
            assert fact.basis is not None
            cells = [cell.text.plain for cell in matrix.table.get_row(fact.id)]
            assert cells[3] == words[fact.basis.kind], cells
        # Still two report columns at 80 columns.
        assert len(matrix.shown_reports) == 2
        # The line under the table spells the basis out.
        details = str(matrix.query_one("#matrix-details").render())
        first = corpus.facts[0].basis
        assert first is not None and first.kind == "one-source"
        assert "one source: via Hayat Tahrir al-Sham in 1 report; 1 report cites" in details
        assert any("basis" in line for line in screen_lines(app))


async def test_fact_numbers_from_1000_on_are_whole(tmp_path: Path) -> None:
    app = NewsprismApp(write_many_facts(tmp_path, 1_010))
    async with app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        assert len(corpus.facts) == 1_010
        matrix = await open_matrix(app, pilot)
        await pilot.press("G")
        await pilot.pause()
        lines = screen_lines(app)
        numbers = [
            match.group(1) for line in lines if (match := re.match(r"\s*(f\d+)\s+\d+\s", line))
        ]
        # The last rows, each with its own whole number.
        assert numbers[-3:] == ["f1008", "f1009", "f1010"], "\n".join(lines)
        assert len(set(numbers)) == len(numbers)
        # The wider number column leaves the report columns room: no sideways scrolling.
        assert not matrix.table.show_horizontal_scrollbar
        assert matrix.table.columns[next(iter(matrix.table.columns))].width == len("f1010")


def write_fact_at_the_end(folder: Path) -> list[str]:
    """Two short reports that fit any pane, and two long ones that share one sentence,
    their last paragraph: a jump to that fact switches both panes to a longer report."""
    shared = " ".join(made_up_word(9000 + k) for k in range(8)).capitalize() + "."
    paths = []
    for number, name in enumerate(("a-short", "b-short", "c-long", "d-long")):
        own = 2 if "short" in name else 60
        paragraphs = [
            " ".join(made_up_word(1000 * number + 7 * p + k) for k in range(5)).capitalize() + "."
            for p in range(own)
        ]
        if "long" in name:
            paragraphs.append(shared)
        path = folder / f"{name}.txt"
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("size", [(160, 45), (80, 24)])
async def test_a_jump_to_a_fact_scrolls_to_it_in_every_pane(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = NewsprismApp(write_fact_at_the_end(tmp_path), one_story=True)
    async with app.run_test(size=size) as pilot:
        corpus = await analysed(pilot)
        assert len(corpus.facts) == 1
        await open_matrix(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.reader
        for index in range(2):
            pane = app.reader.pane(index)
            assert pane.report is not None and "long" in pane.report.path
            assert pane.cursor == len(pane.paragraphs) - 1
            region = pane._paragraph_region(pane.cursor)
            assert region is not None
            top, height = pane.scroll_offset.y, pane.scrollable_content_region.height
            # The fact's paragraph is on screen, not just under the cursor.
            assert top <= region.y and region.bottom - 1 <= top + height, (top, region)


# ---------------------------------------------------------------------- why linked


@pytest.mark.parametrize("width", [80, 50])
async def test_the_matrix_says_what_each_fact_matched_on(width: int) -> None:
    """Under the table, one line of the words and names the highlighted fact matched on,
    cut to the screen; in the fact's own view, all of them and each link of the fact."""
    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(width, 24)) as pilot:
        corpus = await analysed(pilot)
        matrix = await open_matrix(app, pilot)
        whys = FactWhys(corpus)
        label = "Matched on: "
        for row, fact in enumerate(corpus.facts):
            why = whys.why(fact)
            assert why.matched, fact.id
            details = matrix.query_one("#matrix-details")
            room = details.content_region.width - len(label)
            wanted = label + matched_line(why.matched, room)
            # One line of its own, within the screen, the words as the reports write them.
            assert wanted in [line.strip() for line in screen_lines(app)], (fact.id, wanted)
            assert len(wanted) <= width - 2
            if row + 1 < len(corpus.facts):
                await pilot.press("j")
                await pilot.pause()
        # A fact of more than one link: each link, in full, in the fact's own view.
        fact = next(f for f in corpus.facts if len(whys.why(f).links) > 1)
        await pilot.press("g", *["j"] * corpus.facts.index(fact), "d")
        await pilot.pause()
        assert isinstance(app.screen, FactDetails)
        text = app.screen.text.plain
        assert f"{label}{matched_line(whys.why(fact).matched)}" in text
        for link in whys.why(fact).links:
            assert f" {link.score:.2f}: {matched_line(link.matched)}" in text


# ---------------------------------------------------------------------- small terminals


@pytest.mark.parametrize("height", [9, 6])
async def test_matrix_works_in_a_short_terminal(height: int) -> None:
    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(80, height)) as pilot:
        await analysed(pilot)
        matrix = await open_matrix(app, pilot)
        await pilot.press("j", "j", "j", "down", "G", "k", "pagedown", "pageup", "g")
        await pilot.press("l", "l", "h", "right", "left")
        await pilot.pause(0.6)  # the columns follow the resting cursor
        await pilot.press("G")
        await pilot.pause(0.6)
        assert matrix.highlighted_fact is not None
        await pilot.press("d")
        assert isinstance(app.screen, FactDetails)
        await pilot.press("j", "G", "escape", "escape")
        assert app.screen is app.reader


# ---------------------------------------------------------------------- the whole fact


@pytest.mark.parametrize("width", [80, 60])
async def test_the_whole_fact_can_be_read(tmp_path: Path, width: int) -> None:
    app = NewsprismApp(write_long_fact(tmp_path))
    async with app.run_test(size=(width, 24)) as pilot:
        corpus = await analysed(pilot)
        matrix = await open_matrix(app, pilot)
        assert not matrix.table.show_horizontal_scrollbar
        fact = corpus.facts[0]
        full = fact_details(fact, 1, matrix.reports, matrix.wordings[fact.id], limit=None)
        wanted = " ".join(full.plain.split())
        # Too long for the lines under the table ...
        assert wanted not in " ".join(" ".join(screen_lines(app)).split())
        # ... and all of it readable in the fact's own view, a page at a time.
        await pilot.press("d")
        details = app.screen
        assert isinstance(details, FactDetails)
        body = details.query_one("#fact-details-body")
        seen: dict[int, str] = {}  # the text's lines as the screen showed them
        for _ in range(20):
            area = body.scrollable_content_region
            shown = screen_lines(app)[area.y : area.bottom]
            for row, line in enumerate(shown):
                seen[round(body.scroll_y) + row] = line[area.x : area.right]
            await pilot.press("pagedown")
            await pilot.pause()
        text = " ".join(" ".join(seen[row] for row in sorted(seen)).split())
        for line in full.plain.splitlines():
            assert " ".join(line.split()) in text
        await pilot.press("escape")
        assert app.screen is matrix


# ---------------------------------------------------------------------- keys


async def test_matrix_help_describes_the_matrix_keys() -> None:
    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await open_matrix(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {description: key for key, description in app.screen.rows}
        for description in ("Next fact", "Previous fact", "First fact", "Last fact"):
            assert description in keys
        assert "j" in keys["Next fact"] and "↓" in keys["Next fact"]
        assert "k" in keys["Previous fact"] and "↑" in keys["Previous fact"]
        assert "d" in keys["Fact in full"]
        # DataTable's own words for its keys describe no key of the matrix.
        generic = {"Cursor up", "Cursor down", "Home", "End", "Page Left", "Page Right", "Top"}
        assert not generic & set(keys)


# ---------------------------------------------------------------------- overrides

# Textual names our classes mean to override: hooks and settings Textual offers.
INTENDED = {
    "BINDINGS",
    "COMPONENT_CLASSES",
    "CSS_PATH",
    "ENABLE_COMMAND_PALETTE",
    "TITLE",
    "action_page_down",
    "action_page_up",
    "action_scroll_down",
    "action_scroll_up",
    "allow_focus",
    "animation_level",
    "bindings_changed",
    "check_action",
    "compose",
    "discover",
    "get_content_height",
    "get_content_width",
    "get_key_display",
    "get_system_commands",
    "get_theme_variable_defaults",
    "notify_style_update",
    "render",
    "render_line",
    "search",
    "virtual_size",
}
FOREIGN = ("textual", "rich")


@cache
def assigned_on_self(cls: type) -> frozenset[str]:
    """The names a class's own code assigns as `self.name = ...`."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return frozenset()
    names: set[str] = set()
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        while targets:
            target = targets.pop()
            if isinstance(target, (ast.Tuple, ast.List)):
                targets.extend(target.elts)
            elif (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            ):
                names.add(target.attr)
    return frozenset(names)


def defined_by(cls: type) -> set[str]:
    """The names a class defines, but for dunders and message handlers (Textual calls
    the `on_x` of every class of the MRO, so a handler hides none)."""
    names = set(vars(cls)) | set(vars(cls).get("__annotations__", {})) | assigned_on_self(cls)
    return {
        n
        for n in names
        if not (n.startswith("__") and n.endswith("__")) and not n.startswith(("on_", "_on_"))
    }


def hides(base: type, name: str, in_body: bool) -> bool:
    """Does a class that defines `name` (in its body, or only as `self.name = ...`) hide
    `base`'s? Assigning to a reactive or a property is using it, not hiding it."""
    if name in vars(base):
        return in_body or not hasattr(type(vars(base)[name]), "__set__")
    return name in assigned_on_self(base)  # both set a plain attribute of that name


def reader_classes() -> list[type]:
    root = Path(next(iter(tui.app.__path__)))
    found: list[type] = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent.parent).with_suffix("").parts
        module = importlib.import_module(".".join(parts).removesuffix(".__init__"))
        found.extend(
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__
        )
    return found


def test_no_class_overrides_a_textual_name_by_accident() -> None:
    """A method or attribute named like one of a Textual base class's replaces it: Textual
    then calls ours (FactMatrix._scroll_to crashed short terminals) or reads ours
    (a screen's `loading` flag made Textual treat the whole screen as loading)."""
    accidents: list[str] = []
    for cls in reader_classes():
        bases = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] in FOREIGN]
        if not bases:
            continue
        given = set(vars(type("Probe", (bases[0],), {})))  # every subclass gets these
        ours = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] not in FOREIGN]
        for name in sorted(defined_by(cls) - given - INTENDED):
            if any(name in defined_by(b) for b in ours if b is not object):
                continue  # reported for the class that brings it in
            for base in bases:
                if hides(base, name, name in vars(cls)):
                    accidents.append(f"{cls.__qualname__}.{name} hides {base.__qualname__}.{name}")
                    break
    assert not accidents, "\n".join(accidents)


def test_two_links_between_the_same_reports_are_told_apart() -> None:
    """A fact's view lists each link; two between the same two reports name the first
    words of their sentences, so the reader sees which sentences each joins."""
    from tui.query.why import FactWhy, LinkWhy

    corpus = tui.analyze([seeds_dir()], cache=None)
    r1, r2 = corpus.reports[:2]
    s1 = [s for p in r1.paragraphs for s in p.sentences][:2]
    s2 = [s for p in r2.paragraphs for s in p.sentences][:2]
    links = (
        LinkWhy(s1[0].id, s2[0].id, 0.5, ("fled",)),
        LinkWhy(s1[1].id, s2[1].id, 0.4, ("prison",)),
    )
    fact = corpus.facts[0]
    why = FactWhy(0.5, ("fled",), links)
    text = fact_details(fact, 1, corpus.reports, {}, limit=None, why=why).plain
    lines = [line for line in text.splitlines() if line.startswith("  r")]
    assert len(lines) == 2 and lines[0] != lines[1]
    for link, line in zip(links, lines, strict=True):
        for sentence_id, report in ((link.a, r1), (link.b, r2)):
            sentences = (s for p in report.paragraphs for s in p.sentences)
            sentence = next(s for s in sentences if s.id == sentence_id)
            first = " ".join(report.text[sentence.start : sentence.end].split()[:2])
            assert first in line, (first, line)
    # One link per pair of reports: no quotes needed.
    single = FactWhy(0.5, ("fled",), (links[0], LinkWhy(s1[0].id, "r3.s1", 0.4, ("x",))))
    assert "“" not in fact_details(fact, 1, corpus.reports, {}, limit=None, why=single).plain


async def test_a_fact_in_full_scrolls_a_line_a_key_however_fast() -> None:
    from textual import events

    from tui.app.screens.fact_matrix import DetailsText, FactDetails

    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(50, 9)) as pilot:
        await analysed(pilot)
        await open_matrix(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, FactDetails)
        scroller = app.screen.query_one(DetailsText)
        assert scroller.max_scroll_y >= 4
        for _ in range(4):  # queued together, as a held key sends them
            app.post_message(events.Key("j", "j"))
        await pilot.pause()
        assert scroller.scroll_y == 4
