"""Cited sources: the seeds' gold, and attribution patterns on sentences written here."""

from __future__ import annotations

import pytest

import tui
from tui.model.corpus import Corpus


def paragraph_with(corpus: Corpus, report_index: int, snippet: str) -> str:
    report = corpus.reports[report_index]
    found = [p.id for p in report.paragraphs if snippet in report.text[p.start : p.end]]
    assert len(found) == 1, snippet
    return found[0]


def cited_names(corpus: Corpus, paragraph_id: str) -> set[str]:
    """Every way the paragraph's sources can be named: wording, entity name and aliases."""
    names = set()
    for source in corpus.cited.get(paragraph_id, ()):
        names.add(source.name)
        if source.entity:
            entity = corpus.entity(source.entity)
            names.update({entity.name, *entity.aliases})
    return names


def test_gold_cited_sources(seeds_corpus: Corpus, gold: dict) -> None:
    index = {"A": 0, "B": 1}
    for item in gold["cited"]:
        paragraph = paragraph_with(seeds_corpus, index[item["report"]], item["paragraph"])
        names = cited_names(seeds_corpus, paragraph)
        for source in item["sources"]:
            gold_entity = next((e for e in gold["entity"] if e["name"] == source), None)
            spellings = {source, *(gold_entity["aliases"] if gold_entity else ())}
            assert spellings & names, f"{source} not cited in {item['paragraph']!r}: {names}"


def test_outlet_is_not_a_cited_source(seeds_corpus: Corpus) -> None:
    all_names = {n for p in seeds_corpus.cited for n in cited_names(seeds_corpus, p)}
    assert "Sky News" not in all_names


def cited(text: str) -> list[tuple[str, bool]]:
    corpus = tui.analyze_texts({"a.txt": text})
    paragraph = corpus.reports[0].paragraphs[0].id
    return [(s.name, s.entity is not None) for s in corpus.cited.get(paragraph, ())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bridge collapsed at dawn, a police spokesman told the BBC.", "BBC"),
        ("The ministry said the dam held, according to Al Jazeera.", "Al Jazeera"),
        (
            "Turnout was 61 percent, the Electoral Commission said on Monday.",
            "Electoral Commission",
        ),
        ("Prices rose again, Bloomberg reported, citing the Federal Reserve.", "Bloomberg"),
        ("Prices rose again, Bloomberg reported, citing the Federal Reserve.", "Federal Reserve"),
        ("The talks failed, as the Financial Times reports.", "Financial Times"),
        ("“We will rebuild,” Mayor Anne Hidalgo said.", "Anne Hidalgo"),
        (
            "The army withdrew, Amnesty International confirmed in a statement.",
            "Amnesty International",
        ),
        ("The strike ended, union leader Sharan Burrow told Le Monde.", "Le Monde"),
        ("Ten people died, the Red Cross, which runs the clinic, said.", "Red Cross"),
        ("The figures were released via Telegram by the ministry.", "Telegram"),
    ],
)
def test_named_sources(text: str, expected: str) -> None:
    names = dict(cited(text))
    assert names.get(expected)


@pytest.mark.parametrize(
    "text",
    [
        "The storm weakened, but the National Weather Service in Norman, Okla., said it "
        "would return.",
        "The storm weakened, but the National Weather Service at Norman said it would return.",
    ],
)
def test_the_place_a_source_is_in_does_not_speak(text: str) -> None:
    """ "the National Weather Service in Norman, Okla., said": the Service speaks."""
    names = dict(cited(text))
    assert names.get("National Weather Service")
    assert "Norman" not in names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shots were fired overnight, two residents told the AFP news agency.", "two residents"),
        ("The convoy left early, sources close to the army said.", "sources close to the army"),
        ("Several witnesses said the building shook.", "Several witnesses"),
        ("The plant was hit, according to local officials.", "local officials"),
    ],
)
def test_unnamed_sources_kept_as_written(text: str, expected: str) -> None:
    assert (expected, False) in cited(text)


def test_sentence_with_no_attribution_cites_nothing() -> None:
    assert cited("The river rose two metres overnight and flooded the old town of Mostar.") == []


def test_cited_json(seeds_corpus: Corpus) -> None:
    data = seeds_corpus.to_dict()
    entries = [c for r in data["reports"] for p in r["paragraphs"] for c in p["cited"]]
    assert entries and all(set(c) == {"name", "entity"} for c in entries)
    assert any(c["entity"] is None for c in entries) and any(c["entity"] for c in entries)


def test_a_verb_of_saying_before_a_number_may_be_one_of_doing() -> None:
    import tui

    corpus = tui.analyze_texts(
        {
            "a.txt": "Jamaal Charles rushed for 226 yards while Peyton Hillis added 101.\n\n"
            "Stephen Curry posted a game-high 29 points.\n\n"
            '"We will rebuild," Mayor Tom Hale added.\n\n'
            "Police estimated 200 people attended.",
            "b.txt": "Nothing.",
        },
        one_story=True,
    )
    cited = [
        [source.name for source in corpus.cited.get(paragraph.id, ())]
        for paragraph in corpus.reports[0].paragraphs
    ]
    assert cited == [[], [], ["Tom Hale"], ["Police"]]


def test_a_town_says_nothing_but_a_country_or_its_capital_may() -> None:
    """ "QRX of Palo Verde, Calif., said ...": the company of the town speaks, not the
    town (it was cited, and shown as a source a fact rests on); "Israel said", "Moscow
    warned" name a government by its country or its seat."""
    corpus = tui.analyze_texts(
        {
            "a.txt": "QRX of Palo Verde, Calif., said it would buy a rival.\n\n"
            "Israel said it would respond. Moscow warned against it.",
        }
    )
    names = cited_names(corpus, paragraph_with(corpus, 0, "Palo Verde"))
    assert "QRX" in names and "Palo Verde" not in names
    assert {"Israel", "Moscow"} <= cited_names(corpus, paragraph_with(corpus, 0, "Israel said"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What an agency's records or data show is what the agency says (ECB+ topic 38).
        ("USGS indicates that the quake began one mile below ground.", "USGS"),
        (
            "Seismic Bureau records show that 23 quakes struck the valley on Sunday.",
            "Seismic Bureau",
        ),
        # Said to X, confirmed to X: X reports it.
        ("Industry sources have confirmed to Datalink that the deal is done.", "Datalink"),
    ],
)
def test_what_records_show_and_what_is_confirmed_to_a_source(text: str, expected: str) -> None:
    assert expected in [name for name, _ in cited(text)]


def test_a_dispatcher_is_an_unnamed_source_and_states_is_no_verb_in_a_name() -> None:
    names = [name for name, _ in cited("A county sheriff's dispatcher said no one was hurt.")]
    assert any("dispatcher" in name for name in names)
    # "the United States" holds "states": no one is quoted there.
    assert cited("The firm has 350 employees with 13 offices in the United States.") == []
