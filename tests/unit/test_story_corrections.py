"""Story corrections: the report key, saving and loading them (old files too), applying
them after the clustering (move, split, merge; stale keys ignored), the cache key, and
one story as a corpus of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tui
from tests.unit.harness import EVENT_REPORTS, event_text, write_event_reports
from tui.analysis.stories.corrections import corrected_groups
from tui.ingest.loader import reports_from_texts
from tui.model.corpus import Corpus
from tui.model.corrections import Corrections, StoryCorrection
from tui.model.ids import report_key
from tui.pipeline.cache import AnalysisCache
from tui.pipeline.load import load_corpus
from tui.query.story_corpus import story_corpus
from tui.settings.corrections import (
    CorrectionsError,
    load_corrections,
    save_corrections,
    with_merge,
    with_split,
    with_story_correction,
)

TEXTS = {name: event_text(name) for name in EVENT_REPORTS}
KEYS = {name.removesuffix(".txt"): report_key(text) for name, text in TEXTS.items()}
# As the clustering groups them (tests/unit/harness.py): three events.
EVENTS = {("chile-ap", "chile-reuters"), ("oscars-bbc", "oscars-variety"), ("floods-guardian",)}


def grouped(corrections: Corrections | None = None, texts: dict[str, str] = TEXTS) -> set:
    """The stories of `texts` with `corrections`, each as its reports' names."""
    corpus = tui.analyze_texts(texts, corrections=corrections)
    return named_stories(corpus)


def named_stories(corpus: Corpus) -> set[tuple[str, ...]]:
    names = {r.id: r.name for r in corpus.reports}
    return {tuple(sorted(names[r] for r in story.report_ids)) for story in corpus.stories}


def stories(*changes: StoryCorrection) -> Corrections:
    return Corrections(stories=changes)


def move(report: str, anchor: str) -> StoryCorrection:
    return StoryCorrection("move", (KEYS[report], KEYS[anchor]))


def merge(a: str, b: str) -> StoryCorrection:
    return StoryCorrection("merge", (KEYS[a], KEYS[b]))


def split(*names: str) -> StoryCorrection:
    return StoryCorrection("split", tuple(KEYS[name] for name in names))


# ---------------------------------------------------------------- the report key


def test_the_report_key_is_the_texts_whatever_the_name_or_place():
    assert report_key("Floods hit Dhaka.") == report_key("Floods hit Dhaka.")
    assert report_key("Floods hit Dhaka.") != report_key("Floods hit Dhaka!")
    one = reports_from_texts({"a.txt": "Floods hit Dhaka.", "b.txt": "Quake in Chile."})
    two = reports_from_texts({"z.txt": "Quake in Chile.", "y.txt": "Floods hit Dhaka."})
    assert {report_key(r.text) for r in one} == {report_key(r.text) for r in two}
    assert report_key("\ud800 lone surrogate") != report_key("")


# ---------------------------------------------------------------- applying them


def test_without_corrections_the_events_are_the_stories():
    assert grouped() == EVENTS


def test_a_move_puts_the_report_in_the_anchors_story():
    assert grouped(stories(move("floods-guardian", "oscars-bbc"))) == {
        ("chile-ap", "chile-reuters"),
        ("floods-guardian", "oscars-bbc", "oscars-variety"),
    }


def test_a_split_takes_reports_out_into_one_new_story():
    assert grouped(stories(split("chile-ap"))) == {
        ("chile-ap",),
        ("chile-reuters",),
        ("oscars-bbc", "oscars-variety"),
        ("floods-guardian",),
    }
    assert grouped(stories(split("chile-ap", "oscars-bbc"))) == {
        ("chile-ap", "oscars-bbc"),
        ("chile-reuters",),
        ("oscars-variety",),
        ("floods-guardian",),
    }


def test_a_merge_joins_two_stories():
    assert grouped(stories(merge("chile-reuters", "oscars-variety"))) == {
        ("chile-ap", "chile-reuters", "oscars-bbc", "oscars-variety"),
        ("floods-guardian",),
    }


def test_corrections_apply_in_the_order_made():
    changes = (move("chile-ap", "floods-guardian"), split("floods-guardian"))
    # Moved to the floods, then the floods report split off alone: chile-ap stays behind.
    assert grouped(stories(*changes)) == {
        ("chile-ap",),
        ("chile-reuters",),
        ("floods-guardian",),
        ("oscars-bbc", "oscars-variety"),
    }
    # Split off first, then joined by chile-ap.
    assert grouped(stories(*reversed(changes))) == {
        ("chile-ap", "floods-guardian"),
        ("chile-reuters",),
        ("oscars-bbc", "oscars-variety"),
    }
    assert grouped(stories(split("chile-ap"), move("chile-ap", "chile-reuters"))) == EVENTS


def test_corrections_naming_reports_not_loaded_are_ignored():
    stale = StoryCorrection("move", ("0" * 24, KEYS["chile-ap"]))
    to_stale = StoryCorrection("move", (KEYS["chile-ap"], "0" * 24))
    stale_merge = StoryCorrection("merge", ("f" * 24, KEYS["chile-ap"]))
    assert grouped(stories(stale, to_stale, stale_merge)) == EVENTS
    # A split keeps what it names that is loaded.
    partly = StoryCorrection("split", ("0" * 24, KEYS["chile-ap"]))
    assert ("chile-ap",) in grouped(stories(partly))
    # A corpus without the moved report: the same as without the correction.
    fewer = {k: v for k, v in TEXTS.items() if not k.startswith("floods")}
    assert grouped(stories(move("floods-guardian", "chile-ap")), fewer) == EVENTS - {
        ("floods-guardian",)
    }


def test_corrections_follow_reports_whatever_their_order_and_names():
    changes = stories(move("floods-guardian", "oscars-bbc"), split("chile-reuters"))
    renamed = {f"{n:02}-{name}": text for n, (name, text) in enumerate(reversed(TEXTS.items()))}
    by_text = {text: name.removesuffix(".txt") for name, text in TEXTS.items()}
    corpus = tui.analyze_texts(renamed, corrections=changes)
    texts = {r.id: r.text for r in corpus.reports}
    found = {tuple(sorted(by_text[texts[r]] for r in s.report_ids)) for s in corpus.stories}
    assert found == grouped(changes)


def test_identical_copies_move_together_and_groups_stay_a_partition():
    reports = reports_from_texts({"a.txt": "Same text.", "b.txt": "Same text.", "c.txt": "Other."})
    change = StoryCorrection("split", (report_key("Same text."),))
    assert corrected_groups(reports, [[0, 1, 2]], [change]) == [[0, 1], [2]]
    assert corrected_groups(reports, [[2], [0, 1]], []) == [[2], [0, 1]]


def test_one_story_leaves_the_corrections_out():
    corpus = tui.analyze_texts(TEXTS, corrections=stories(split("chile-ap")), one_story=True)
    assert len(corpus.stories) == 1


def test_story_ids_follow_the_corrected_sizes():
    corpus = tui.analyze_texts(TEXTS, corrections=stories(move("floods-guardian", "oscars-bbc")))
    assert [len(s.report_ids) for s in corpus.stories] == [3, 2]
    assert corpus.stories[0].id == "s1"
    assert {corpus.story_of(r.id) for r in corpus.reports} == {"s1", "s2"}


# ---------------------------------------------------------------- the corrections file


def test_story_corrections_round_trip(tmp_path: Path):
    path = tmp_path / "corrections.json"
    corrections = with_merge(Corrections(), "Homs", "Hims")
    corrections = with_story_correction(corrections, move("chile-ap", "oscars-bbc"))
    corrections = with_story_correction(corrections, split("floods-guardian", "chile-ap"))
    corrections = with_story_correction(corrections, merge("chile-ap", "oscars-bbc"))
    # Entity corrections leave the story corrections as they are.
    corrections = with_split(corrections, "Aleppo")
    assert len(corrections.stories) == 3
    save_corrections(corrections, path)
    assert load_corrections(path) == corrections
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["stories"][0] == {
        "kind": "move",
        "reports": [KEYS["chile-ap"], KEYS["oscars-bbc"]],
    }


def test_an_old_corrections_file_still_loads(tmp_path: Path):
    path = tmp_path / "corrections.json"
    path.write_text('{"merges": [["Homs", "Hims"]], "splits": ["Assad"]}', encoding="utf-8")
    assert load_corrections(path) == Corrections(merges=(("Homs", "Hims"),), splits=("Assad",))


@pytest.mark.parametrize(
    "stories_entry",
    [
        '[{"kind": "teleport", "reports": ["a", "b"]}]',
        '[{"kind": "move", "reports": ["a"]}]',
        '[{"kind": "merge", "reports": ["a", "b", "c"]}]',
        '[{"kind": "split", "reports": []}]',
        '[{"kind": "split", "reports": "abc"}]',
        '[{"reports": ["a", "b"]}]',
        '[["move", "a", "b"]]',
        "5",
    ],
)
def test_a_bad_story_correction_is_one_clear_error(tmp_path: Path, stories_entry: str):
    path = tmp_path / "corrections.json"
    path.write_text(f'{{"merges": [], "stories": {stories_entry}}}', encoding="utf-8")
    with pytest.raises(CorrectionsError, match="not a corrections file"):
        load_corrections(path)


def test_saved_story_corrections_apply_on_the_next_load(tmp_path: Path, capsys):
    from tests.unit.harness import run

    news = write_event_reports(tmp_path / "news")
    save_corrections(stories(merge("floods-guardian", "chile-ap")))
    code, out, _ = run(capsys, "stories", str(news), "--format", "json")
    assert code == 0
    assert [len(s["reports"]) for s in json.loads(out)["stories"]] == [3, 2]


# ---------------------------------------------------------------- the cache


def test_story_corrections_are_in_the_cache_key(tmp_path: Path):
    news = write_event_reports(tmp_path / "news")
    moved = stories(move("floods-guardian", "oscars-bbc"))
    assert named_stories(load_corpus([news], cache=AnalysisCache())) == EVENTS
    # The same inputs, cached whole: with the correction they are another entry.
    corrected = load_corpus([news], cache=AnalysisCache(), corrections=moved)
    assert len(corrected.stories) == 2
    cache = AnalysisCache()
    assert load_corpus([news], cache=cache, corrections=moved).stories == corrected.stories
    assert cache.hits
    assert named_stories(load_corpus([news], cache=AnalysisCache())) == EVENTS


# ---------------------------------------------------------------- one story as a corpus


def test_a_story_corpus_holds_only_its_story():
    corpus = tui.analyze_texts(TEXTS)
    oscars = next(s for s in corpus.stories if "r4" in s.report_ids)
    alone = story_corpus(corpus, oscars.id)
    assert [r.id for r in alone.reports] == list(oscars.report_ids)
    assert alone.stories == (oscars,) and set(alone.report_story) == set(oscars.report_ids)
    paragraphs = {p.id for r in alone.reports for p in r.paragraphs}
    assert set(alone.mentions) <= paragraphs and set(alone.cited) <= paragraphs
    assert set(alone.paragraph_topics) <= paragraphs
    for found in (*alone.entity_paragraphs.values(), *alone.source_paragraphs.values()):
        assert found and found <= paragraphs
    assert alone.facts and all(set(f.reports) <= set(oscars.report_ids) for f in alone.facts)
    assert {f for fs in alone.sentence_facts.values() for f in fs} == {f.id for f in alone.facts}
    for topic in alone.topics:
        assert topic.paragraphs and set(topic.paragraphs) <= paragraphs
    counts = {e.id: 0 for e in alone.entities}
    for mentions in alone.mentions.values():
        for mention in mentions:
            counts[mention.entity] += 1
    for entity in alone.entities:
        assert entity.mentions == counts[entity.id] > 0
        assert set(entity.reports) <= set(oscars.report_ids)
    assert [e.mentions for e in alone.entities] == sorted(
        (e.mentions for e in alone.entities), reverse=True
    )
    with pytest.raises(KeyError):
        story_corpus(corpus, "s99")
