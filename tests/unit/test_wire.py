"""Wire copy: a wire story reprinted with small edits is found, in every report that
prints it; reports that only share a common phrase are not copies."""

from __future__ import annotations

import json

import tui
from tui.analysis.wire import find_wire_copies, near_verbatim, shingles, signature
from tui.model.corpus import Corpus
from tui.model.document import Report

WIRE = [
    "A magnitude 6.1 earthquake struck the Indonesian island of Sumatra early on Tuesday, "
    "damaging hundreds of homes in the province of Aceh.",
    "The quake hit at a depth of 10 kilometres about 55 kilometres from the town of Takengon, "
    "the U.S. Geological Survey said.",
    "Rescue workers pulled at least four people from the rubble of a collapsed mosque in "
    "the district of Bener Meriah.",
]

# Each outlet's edits: (sentence index, old, new).
EDITS = {
    "AP": [],
    "Fox News": [(0, "early on Tuesday", "on Tuesday morning")],
    "CNN": [(1, "about 55 kilometres", "roughly 55 km"), (2, "at least four", "four")],
    "The Guardian": [(2, "Rescue workers", "Rescuers")],
    "Yahoo": [(0, "damaging hundreds of homes", "damaging many homes")],
}
OWN = {
    "AP": "Aftershocks rattled the region for hours.",
    "Fox News": "Officials in Jakarta said they were sending tents and medicine to the region.",
    "CNN": "Sumatra sits on the Pacific Ring of Fire, an arc of volcanoes and fault lines.",
    "The Guardian": "Residents slept outside in the rain, afraid to go back inside their homes.",
    "Yahoo": "Indonesia's disaster agency said the toll could rise as roads are cleared.",
}


def reprint(outlet: str) -> str:
    sentences = list(WIRE)
    for index, old, new in EDITS[outlet]:
        assert old in sentences[index]
        sentences[index] = sentences[index].replace(old, new)
    return f"Source: {outlet}\n\n" + " ".join(sentences) + "\n\n" + OWN[outlet] + "\n"


def analyse(texts: dict[str, str]) -> Corpus:
    return tui.analyze_texts(texts, one_story=True)


def sentence_text(corpus: Corpus, sentence_id: str) -> str:
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                if sentence.id == sentence_id:
                    return report.text[sentence.start : sentence.end]
    raise KeyError(sentence_id)


def test_a_reprinted_wire_story_is_one_passage_per_sentence_in_every_report() -> None:
    corpus = analyse({f"{name}.txt": reprint(name) for name in EDITS})
    reports = {r.id for r in corpus.reports}
    assert len(corpus.wire) == len(WIRE)
    for copy, original in zip(corpus.wire, WIRE, strict=True):
        assert set(copy.reports) == reports, copy
        assert len(copy.sentences) == len(reports)
        # Every sentence of the passage is a copy of the wire's sentence.
        ending = " ".join(original.split()[-3:])
        assert all(ending in sentence_text(corpus, s) for s in copy.sentences)
        assert all(corpus.sentence_wire[s] == copy.id for s in copy.sentences)
    # The outlets' own sentences are in no passage.
    for report in corpus.reports:
        own = report.paragraphs[-1].sentences[0].id
        assert own not in corpus.sentence_wire
    data = json.loads(json.dumps(corpus.to_dict()))
    assert [w["id"] for w in data["wire"]] == ["w1", "w2", "w3"]


def test_reports_sharing_only_a_common_phrase_are_not_copies() -> None:
    texts = {
        "a.txt": "The earthquake damaged a bridge near the port city of Padang on Monday, "
        "according to the U.S. Geological Survey and local officials.",
        "b.txt": "Hundreds of tourists were stranded on the island of Bali after the "
        "eruption, according to the U.S. Geological Survey and local officials.",
        "c.txt": "A tsunami warning was lifted two hours after the quake struck off the "
        "coast of Chile, according to the U.S. Geological Survey and local officials.",
    }
    corpus = analyse(texts)
    assert corpus.wire == ()
    assert corpus.sentence_wire == {}


def test_short_sentences_are_not_counted_as_copies() -> None:
    corpus = analyse(
        {"a.txt": "Police said the man was arrested.", "b.txt": "Police said the man was arrested."}
    )
    assert corpus.wire == ()


def test_near_verbatim_tolerates_small_edits_only() -> None:
    original = shingles(WIRE[0])
    edited = shingles(WIRE[0].replace("early on Tuesday", "on Tuesday morning"))
    other = shingles(WIRE[2])
    assert near_verbatim(original, edited)
    assert not near_verbatim(original, other)
    assert not near_verbatim(frozenset(), original)


def test_signature_is_deterministic_and_equal_for_equal_shingles() -> None:
    one = signature(shingles(WIRE[1]))
    assert one == signature(shingles(WIRE[1].upper()))
    assert one != signature(shingles(WIRE[2]))
    # CRC-32, not Python's salted hash: the same value in every process.
    assert shingles("one two three four five six seven eight") == shingles(
        "One two three four five six seven eight"
    )


def test_the_passages_do_not_depend_on_report_order() -> None:
    corpus = analyse({f"{name}.txt": reprint(name) for name in EDITS})
    by_id = {r.id: r for r in corpus.reports}
    forward = find_wire_copies(list(by_id.values()))
    backward = find_wire_copies(list(reversed(list(by_id.values()))))
    assert forward == backward


def test_three_hundred_reprints_stay_one_passage_each() -> None:
    report = analyse({"a.txt": reprint("AP")}).reports[0]
    many = [
        Report(
            id=f"r{n}",
            name=f"copy{n}",
            path=None,
            outlet=f"Outlet {n}",
            title=None,
            date=None,
            url=None,
            text=report.text,
            paragraphs=tuple(_renumbered(p, f"r{n}") for p in report.paragraphs),
        )
        for n in range(1, 301)
    ]
    passages = find_wire_copies(many)
    # The wire's sentences (the report's own one is too short to count).
    assert len(passages) == len(WIRE)
    assert all(len(p) == 300 for p in passages)


def _renumbered(paragraph, report_id: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(
        paragraph,
        id=report_id + "." + paragraph.id.split(".")[1],
        sentences=tuple(
            replace(s, id=report_id + "." + s.id.split(".")[1]) for s in paragraph.sentences
        ),
    )
