"""Topics: the seeds' sub-stories, and user topics from a TOML file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tui
from tui.analysis.entities import lexicon
from tui.analysis.topics import MAX_TOPICS, NOT_TOPIC_WORDS, UserTopicsError, load_user_topics
from tui.cli import main
from tui.model.corpus import Corpus

ROOT = Path(__file__).resolve().parents[2]


def topic_labels(corpus: Corpus, paragraph_id: str) -> list[str]:
    by_id = {t.id: t for t in corpus.topics}
    return [by_id[t].label for t in corpus.paragraph_topics.get(paragraph_id, ())]


def paragraphs_naming(corpus: Corpus, *names: str) -> list[str]:
    found = []
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            text = report.text[paragraph.start : paragraph.end]
            if paragraph.kind != "boilerplate" and any(n in text for n in names):
                found.append(paragraph.id)
    return found


@pytest.mark.parametrize("names", [("Sednaya", "Saydnaya"), ("Homs",)])
def test_seed_sub_stories_have_topics_named_after_them(
    seeds_corpus: Corpus, names: tuple[str, ...]
) -> None:
    paragraphs = paragraphs_naming(seeds_corpus, *names)
    assert paragraphs
    for paragraph_id in paragraphs:
        labels = " | ".join(topic_labels(seeds_corpus, paragraph_id))
        assert any(n in labels for n in names), f"{paragraph_id}: {labels}"


def test_a_matter_one_report_tells_is_no_topic(seeds_corpus: Corpus) -> None:
    """Only one seed tells of Hezbollah leaving Qusair: no thread across reports, so no
    topic of its own; its paragraph is filed under the story's Homs thread instead."""
    labels = " | ".join(t.label for t in seeds_corpus.topics)
    assert "Hezbollah" not in labels and "Qusair" not in labels
    (paragraph,) = paragraphs_naming(seeds_corpus, "Hezbollah left")
    assert "Homs" in topic_labels(seeds_corpus, paragraph)


def check_topics_are_threads(corpus: Corpus) -> None:
    by_paragraph = {p.id: p for r in corpus.reports for p in r.paragraphs}
    for story in corpus.stories:
        topics = corpus.story_topics(story.id)
        assert len(topics) <= MAX_TOPICS, story.id
        for topic in topics:
            assert len({p.split(".")[0] for p in topic.paragraphs}) >= 2, topic.label
            words = set(topic.label.lower().replace("·", " ").split())
            assert not words <= lexicon.FUNCTION_WORDS | NOT_TOPIC_WORDS, topic.label
            assert all(by_paragraph[p].kind != "boilerplate" for p in topic.paragraphs)


def test_topics_are_threads_across_reports(seeds_corpus: Corpus) -> None:
    check_topics_are_threads(seeds_corpus)


def test_topics_are_threads_on_real_coverage() -> None:
    """A story of real coverage no one tuned for: a handful of topics, each spanning two
    reports or more, none labelled by a web address piece, a clock word or a word of
    every story ("http", "PM", "didn't", "around")."""
    folder = ROOT.parent / "shared" / "data" / "ecbplus" / "text" / "38"
    if not folder.is_dir():
        pytest.skip("the ECB+ development data (../shared) is not here")
    corpus = tui.analyze([folder], cache=None, jobs=1)
    assert corpus.topics
    check_topics_are_threads(corpus)


def test_topics_span_reports_and_have_telling_labels(seeds_corpus: Corpus) -> None:
    names = {r.name for r in seeds_corpus.reports} | {r.outlet for r in seeds_corpus.reports}
    across = 0
    for topic in seeds_corpus.topics:
        words = topic.label.lower().replace("·", " ").split()
        assert not set(words) <= lexicon.FUNCTION_WORDS, topic.label
        assert topic.label not in names
        if len({p.split(".")[0] for p in topic.paragraphs}) > 1:
            across += 1
    assert across >= 3


def test_a_cited_source_is_not_a_topic(seeds_corpus: Corpus) -> None:
    assert all("Reuters" not in t.label for t in seeds_corpus.topics)


def test_topics_json(seeds_corpus: Corpus) -> None:
    data = seeds_corpus.to_dict()
    assert data["topics"]
    ids = {t["id"] for t in data["topics"]}
    for topic in data["topics"]:
        assert set(topic) == {"id", "label", "paragraphs", "user"}
    for report in data["reports"]:
        for paragraph in report["paragraphs"]:
            assert set(paragraph["topics"]) <= ids


# ---------------------------------------------------------------- user topics


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_topics_tag_in_addition(tmp_path: Path) -> None:
    topics = load_user_topics(
        write(
            tmp_path / "topics.toml",
            '[topics."Prisons"]\nkeywords = ["prison", "prisoners"]\n'
            '[topics."Assad family"]\nentities = ["Assad"]\n',
        )
    )
    corpus = tui.analyze([ROOT / "seeds"], user_topics=topics)
    user = {t.label: t for t in corpus.topics if t.user}
    assert set(user) == {"Prisons", "Assad family"}
    prison = paragraphs_naming(corpus, "prison")
    assert set(user["Prisons"].paragraphs) == set(prison)
    assad = paragraphs_naming(corpus, "Assad")
    assert set(user["Assad family"].paragraphs) == set(assad)
    # The automatic topics are still there.
    assert any(not t.user and "Homs" in t.label for t in corpus.topics)


@pytest.mark.parametrize(
    "content",
    [
        "[topics\nbroken",
        "title = 'no topics table'",
        '[topics."Empty"]\n',
        '[topics."Bad"]\nkeywords = "prison"\n',
        '[topics]\n"Odd" = 3\n',
    ],
)
def test_malformed_user_topics_file(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "topics.toml", content)
    with pytest.raises(UserTopicsError) as error:
        load_user_topics(path)
    assert "\n" not in str(error.value) and str(path) in str(error.value)


def test_cli_topics_option_and_file_beside_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("The dam at Kakhovka broke overnight.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Water poured from the Kakhovka dam.", encoding="utf-8")
    write(tmp_path / "topics.toml", '[topics."Dams"]\nkeywords = ["dam"]\n')
    assert main(["analyze", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [t["label"] for t in data["topics"] if t["user"]] == ["Dams"]
    other = write(tmp_path / "other.toml", '[topics."Water"]\nkeywords = ["water"]\n')
    assert main(["analyze", str(tmp_path), "--topics", str(other)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [t["label"] for t in data["topics"] if t["user"]] == ["Water"]


def test_cli_malformed_topics_file_loses_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path / "bad.toml", "[topics\n")
    assert main(["analyze", str(ROOT / "seeds"), "--topics", str(bad)]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert len(data["reports"]) == 2 and data["topics"] and data["entities"]
    assert captured.err.count("\n") == 1 and "bad.toml" in captured.err
    assert "Traceback" not in captured.err


def test_a_word_labels_a_topic_only_where_the_story_uses_it_as_a_noun() -> None:
    """The review found "# difficult", "able", "actual" as topics: a paragraph naming no
    one was filed under its rarest shared word, whatever it was. A word topic needs the
    story to use the word as a noun once ("the weather was"); an adjective ("it was
    difficult") labels nothing."""
    texts = {
        "a.txt": "Rescuers said the work was difficult in the rain.\n\n"
        "The weather made it worse for everyone there.",
        "b.txt": "It was difficult, a rescuer said of the search.\n\nThe weather was bad all day.",
    }
    labels = {t.label for t in tui.analyze_texts(texts).topics}
    assert "difficult" not in labels
    assert "weather" in labels


def test_used_as_nouns_reads_a_determiner_then_punctuation_or_a_function_word() -> None:
    from tui.analysis.topics import _used_as_nouns

    texts = ["The tsunami was feared. It was a difficult task; their aftershocks, too."]
    found = _used_as_nouns({"tsunami", "difficult", "aftershocks", "task"}, texts)
    assert found == {"tsunami", "aftershocks"}  # "a difficult task": no determiner before


def test_a_superlative_after_the_is_no_noun() -> None:
    """ "it is the largest in the area" had made "# largest" a topic (ECB+ topic 38); a
    noun in -est is written with another determiner too ("a protest", "the protest")."""
    from tui.analysis.topics import _used_as_nouns

    texts = ["It is the largest in the area, and the latest of them. A protest was held."]
    found = _used_as_nouns({"largest", "latest", "protest"}, texts)
    assert found == {"protest"}
