"""The reader at scale: 1,000 generated reports, through the keys a reader uses.

The reports are written at test time from a seeded generator: six running stories, each
with its own people, organisations and places, reported by twenty outlets in a few
paragraphs each. A story's reports restate its facts in varied words, so the analysis
finds entities that recur across hundreds of reports and shared facts between them.
No timing is asserted: the test checks that loading, analysis, scrolling and an entity
filter (picked with the real picker keys) work at this size.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from tests.app.harness import pane_text
from tui.app.app import NewsprismApp
from tui.app.screens.entity_picker import EntityPicker
from tui.app.screens.reader import ReaderScreen
from tui.model.corpus import Corpus

REPORTS = 1000
SEED = 20261121
# Loading and analysing 1,000 reports takes seconds, not the helpers' 5 s.
READY_TIMEOUT = 300.0

OUTLETS = [
    "The Harbour Gazette", "Northern Courier", "Daily Meridian", "The Evening Ledger",
    "Coastal Times", "Metro Dispatch", "The Capital Post", "Riverside Herald",
    "Global Wire Service", "The Morning Standard", "City Observer", "National Chronicle",
    "The Weekly Review", "Valley News", "The Independent Voice", "Continental Press",
    "The Daily Sentinel", "Harbour Radio News", "The Public Record", "Eastern Tribune",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Bystanders quoted now and then, in any story: names that recur less often.
WITNESSES = [
    "Anna Kowalski", "Peter Hughes", "Fatima Diallo", "Kenji Watanabe", "Sofia Rossi",
    "Liam O'Connor", "Nadia Haddad", "Carlos Mendes", "Ingrid Halvorsen", "Ravi Menon",
    "Olga Petrova", "Kwame Mensah", "Hannah Becker", "Yusuf Demir", "Claire Dubois",
    "Mateo Alvarez", "Leila Karimi", "George Papadakis", "Mei Chen", "Jonas Berg",
]  # fmt: skip
JOBS = ["a shopkeeper", "a retired teacher", "a taxi driver", "a nurse", "a student"]


@dataclass(frozen=True)
class Story:
    """A running story: its cast and the facts its reports state, each in several
    wordings. Slots: {person} {role} {surname} {org} {place} {day} {number}."""

    people: tuple[tuple[str, str], ...]  # (full name, role)
    orgs: tuple[str, ...]
    places: tuple[str, ...]
    facts: tuple[tuple[str, ...], ...]
    quotes: tuple[str, ...]


STORIES = (
    Story(
        people=(
            ("Maria Okafor", "leader of the dockworkers' union"),
            ("Tomas Lindqvist", "chief executive of the port operator"),
        ),
        orgs=("Valmora Port Authority", "Dockworkers Union"),
        places=("Valmora", "the Eastern Terminal"),
        facts=(
            (
                "Dockworkers in {place} walked off the job on {day} in a dispute over pay, "
                "halting cargo traffic at the port.",
                "Cargo traffic at the port of {place} was halted on {day} after dockworkers "
                "walked off the job in a dispute over pay.",
            ),
            (
                "The strike has left {number} container ships waiting at anchor outside "
                "the harbour.",
                "Some {number} container ships were left waiting at anchor outside the "
                "harbour because of the strike.",
            ),
            (
                "The {org} said it had offered a pay rise of four percent, which the union "
                "rejected as too low.",
                "The union rejected as too low a four percent pay rise offered by the {org}.",
            ),
        ),
        quotes=(
            "We will stay out until our members are paid fairly",
            "The port cannot afford another week like this",
        ),
    ),
    Story(
        people=(("Elena Varga", "health minister"), ("Samuel Okonjo", "lead researcher")),
        orgs=("Harlow Institute", "Ministry of Health"),
        places=("Brenmark", "Harlow"),
        facts=(
            (
                "The {org} announced on {day} that its new malaria vaccine had cut "
                "infections by half in a trial of {number} children.",
                "A trial of {number} children showed the new malaria vaccine from the {org} "
                "cut infections by half, the institute announced on {day}.",
            ),
            (
                "Regulators in {place} are expected to review the trial results within "
                "three months.",
                "The trial results are expected to be reviewed by regulators in {place} "
                "within three months.",
            ),
            (
                "The vaccine is given in three doses and costs less than two dollars a dose.",
                "Each of the three doses of the vaccine costs less than two dollars.",
            ),
        ),
        quotes=(
            "This is the result we have been waiting a decade for",
            "We must now make sure it reaches every district",
        ),
    ),
    Story(
        people=(("Hugo Castellanos", "mayor"), ("Priya Natarajan", "city engineer")),
        orgs=("Northbridge Council", "Coastal Rail"),
        places=("Northbridge", "the River Amsel"),
        facts=(
            (
                "Heavy rain caused {place} to burst its banks on {day}, flooding "
                "{number} homes in the old town.",
                "{number} homes in the old town were flooded on {day} when heavy rain "
                "caused {place} to burst its banks.",
            ),
            (
                "The {org} closed the main bridge and suspended trains into the city centre.",
                "Trains into the city centre were suspended and the main bridge was closed "
                "by the {org}.",
            ),
            (
                "Emergency shelters in the town hall took in around three hundred residents "
                "overnight.",
                "Around three hundred residents spent the night in emergency shelters in the "
                "town hall.",
            ),
        ),
        quotes=(
            "The water rose faster than anyone expected",
            "Nobody should return home until the engineers say it is safe",
        ),
    ),
    Story(
        people=(("Grace Adeyemi", "finance minister"), ("Viktor Sorensen", "governor")),
        orgs=("Meridian Central Bank", "Finance Ministry"),
        places=("Ostrava", "Meridian"),
        facts=(
            (
                "The {org} raised its main interest rate by half a point to {number} "
                "percent on {day}.",
                "On {day} the {org} raised its main interest rate by half a point, to "
                "{number} percent.",
            ),
            (
                "Inflation in {place} reached its highest level in eleven years last month.",
                "Last month inflation in {place} hit its highest level in eleven years.",
            ),
            (
                "Mortgage lenders said they would pass the rise on to borrowers within weeks.",
                "Borrowers will see the rise passed on by mortgage lenders within weeks, "
                "the lenders said.",
            ),
        ),
        quotes=(
            "Prices must come down before rates can",
            "Families are already struggling with their bills",
        ),
    ),
    Story(
        people=(("Aisha Rahman", "foreign minister"), ("Daniel Moreau", "special envoy")),
        orgs=("United Nations", "Red Crescent"),
        places=("Tessaly", "Kardon"),
        facts=(
            (
                "Talks in {place} on {day} produced a ceasefire that is due to take effect "
                "at midnight.",
                "A ceasefire due to take effect at midnight was agreed at talks in {place} "
                "on {day}.",
            ),
            (
                "The {org} said it would send {number} observers to monitor the truce.",
                "Some {number} observers will be sent by the {org} to monitor the truce.",
            ),
            (
                "Aid convoys have been blocked from reaching the besieged city for six weeks.",
                "For six weeks aid convoys have been blocked from reaching the besieged city.",
            ),
        ),
        quotes=(
            "This truce is fragile but it is a start",
            "The guns must fall silent so that food can get through",
        ),
    ),
    Story(
        people=(("James Whitfield", "chief executive"), ("Lucia Ferreira", "analyst")),
        orgs=("Alder Pharmaceuticals", "Brightwell Labs"),
        places=("Geneva", "Boston"),
        facts=(
            (
                "{org} agreed on {day} to buy a smaller rival for {number} billion dollars.",
                "On {day} {org} agreed a {number} billion dollar deal to buy a smaller rival.",
            ),
            (
                "The merger still needs the approval of competition regulators in {place}.",
                "Competition regulators in {place} still have to approve the merger.",
            ),
            (
                "Shares in the company rose nine percent in early trading after the announcement.",
                "After the announcement the company's shares rose nine percent in early trading.",
            ),
        ),
        quotes=(
            "Together we can bring new medicines to patients faster",
            "The price looks high for a company with no approved drugs",
        ),
    ),
)


def report_text(rng: random.Random, story: Story, outlet: str, number: int) -> str:
    """One report: a front-matter block, a lead, two to four more paragraphs."""
    person, role = rng.choice(story.people)
    other, other_role = rng.choice([p for p in story.people if p[0] != person])
    slots = {
        "org": rng.choice(story.orgs),
        "place": rng.choice(story.places),
        "day": rng.choice(DAYS),
        "number": str(rng.choice([3, 7, 12, 40, 120])),
    }
    facts = rng.sample(story.facts, k=rng.randint(2, len(story.facts)))
    sentences = [rng.choice(wordings).format(**slots) for wordings in facts]
    surname = person.split()[-1]
    quote = rng.choice(story.quotes)
    paragraphs = [
        sentences[0],
        f'"{quote}," said {person}, the {role}, speaking to reporters in '
        f"{rng.choice(story.places)}.",
        *sentences[1:],
        f"{other}, the {other_role}, declined to comment on {surname}'s remarks "
        f"when contacted by {outlet} on {rng.choice(DAYS)}.",
    ]
    if rng.random() < 0.6:
        witness = rng.choice(WITNESSES)
        paragraphs.insert(
            rng.randint(2, len(paragraphs) - 1),
            f"{witness}, {rng.choice(JOBS)} in {rng.choice(story.places)}, said people "
            f"there had been talking about little else since {slots['day']}.",
        )
    if rng.random() < 0.5:
        paragraphs.append(
            f"{surname} is expected to meet officials from the {rng.choice(story.orgs)} "
            f"later this week, according to people familiar with the plans."
        )
    header = f"---\nsource: {outlet}\ntitle: Report {number}\n---\n"
    return header + "\n\n".join(paragraphs) + "\n"


def write_reports(folder: Path, count: int = REPORTS, seed: int = SEED) -> list[str]:
    rng = random.Random(seed)
    for number in range(count):
        story = STORIES[number % len(STORIES)]
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        text = report_text(rng, story, outlet, number)
        (folder / f"{number:04d}.txt").write_text(text, encoding="utf-8")
    return [str(folder)]


async def ready(pilot: Pilot, timeout: float = READY_TIMEOUT) -> Corpus:
    """Wait until every report is loaded and the analysis is drawn; the corpus."""
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    waited = 0.0
    while app.reader.state.reading or app.analysis_running or app.reader.corpus is None:
        assert waited < timeout, "loading and analysis did not finish"
        await pilot.pause(0.1)
        waited += 0.1
    await pilot.pause()
    return app.reader.corpus


async def test_a_thousand_reports_scroll_and_filter(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    app = NewsprismApp(write_reports(folder), one_story=True)
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await ready(pilot)
        reader = app.reader
        assert app.report_count == REPORTS and not app.load_errors
        assert len(corpus.reports) == REPORTS
        assert len(corpus.facts) > 0
        assert f"{REPORTS} reports" in str(reader.query_one("#status-label").render())
        assert "shared fact" in str(reader.query_one("#status-label").render())

        # Scrolling: the cursor moves paragraph by paragraph, then a page.
        pane = reader.pane(0)
        report = pane.report
        assert report is not None
        await pilot.press("j", "j", "down")
        assert pane.cursor == 3
        await pilot.press("tab")
        assert app.focused is reader.pane(1)
        await pilot.press("j")
        assert reader.pane(1).cursor == 1
        await pilot.press("shift+tab", "g")
        assert app.focused is pane and pane.cursor == 0

        # The entity to filter by: the person named most often across the reports who
        # is also named in the left pane's report.
        in_left = {m.entity for p in report.paragraphs for m in corpus.mentions.get(p.id, ())}
        people = [e for e in corpus.entities if e.type == "PERSON" and e.id in in_left]
        assert people, "no person found in the left pane's report"
        entity = max(people, key=lambda e: e.mentions)
        assert len(entity.reports) > 50  # recurs across the corpus

        # Through the picker's keys: e, type the name, enter.
        await pilot.press("e")
        assert isinstance(app.screen, EntityPicker)
        await pilot.press(*entity.name)
        await pilot.pause()
        assert app.screen.highlighted_item is not None
        assert app.screen.highlighted_item.id == entity.id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert reader.state.entity_filter.entity_ids == (entity.id,)

        # Every paragraph the panes show mentions the entity, in its own words.
        spellings = set(entity.aliases) | {entity.name}
        shown = 0
        for index in range(2):
            filtered = reader.pane(index)
            assert filtered.report is not None
            for paragraph in filtered.paragraphs:
                mentions = [m for m in corpus.mentions[paragraph.id] if m.entity == entity.id]
                assert mentions, f"{paragraph.id} does not mention {entity.name}"
                words = {filtered.report.text[m.start : m.end] for m in mentions}
                assert words & spellings
                shown += 1
            if not filtered.paragraphs:  # a report of another story: says so
                assert filtered.shown_message(100).startswith("No paragraph here mentions")
        assert shown > 0
        assert entity.name.split()[-1] in pane_text(pane, 33)
        assert entity.name in str(reader.query_one("#filter-label").render())

        # Scrolling the filtered pane, then clearing the filter.
        await pilot.press("j")
        await pilot.press("c")
        await pilot.pause()
        assert not reader.state.entity_filter.active
        body = [p for p in report.paragraphs if p.kind != "boilerplate"]
        assert len(pane.paragraphs) == len(body)

        await pilot.press("q")
        await pilot.pause()
        assert app._exit
