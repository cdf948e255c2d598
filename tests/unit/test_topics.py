"""Topics: the seeds' sub-stories, and user topics from a TOML file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tui
from tui.analysis.entities import lexicon
from tui.analysis.topics import UserTopicsError, load_user_topics
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


@pytest.mark.parametrize(
    "names",
    [("Sednaya", "Saydnaya"), ("Homs",), ("Hezbollah", "Qusair", "Qusayr")],
)
def test_seed_sub_stories_have_topics_named_after_them(
    seeds_corpus: Corpus, names: tuple[str, ...]
) -> None:
    paragraphs = paragraphs_naming(seeds_corpus, *names)
    assert paragraphs
    for paragraph_id in paragraphs:
        labels = " | ".join(topic_labels(seeds_corpus, paragraph_id))
        # "Homs province" in a Hezbollah/Qusair paragraph: that paragraph is about Qusair.
        assert any(n in labels for n in names) or (names == ("Homs",) and "Qusair" in labels), (
            f"{paragraph_id}: {labels}"
        )


def test_every_analysed_paragraph_has_a_topic(seeds_corpus: Corpus) -> None:
    for report in seeds_corpus.reports:
        for paragraph in report.paragraphs:
            if paragraph.kind != "boilerplate":
                assert seeds_corpus.paragraph_topics.get(paragraph.id), paragraph.id
            else:
                assert paragraph.id not in seeds_corpus.paragraph_topics


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
