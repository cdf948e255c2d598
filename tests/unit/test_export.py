"""Exports (`tui.export`, `newsprism export`): every export in every format, traceable to
report and offsets, safe for its format, filtered as the reader filters. The reader's
`x`, `y` and `Y` are tested in tests/app/test_export_from_reader.py."""

from __future__ import annotations

import csv
import io
import json
import re
from itertools import product
from pathlib import Path

import pytest

from tui import analyze, analyze_texts
from tui.cli import main
from tui.export import (
    ENTITY_COLUMNS,
    EXPORT_FORMATS,
    EXPORT_KINDS,
    FACT_COLUMNS,
    PARAGRAPH_COLUMNS,
    UnknownName,
    clean,
    export_text,
    resolve_entity,
    resolve_source,
    resolve_topic,
)
from tui.model.corpus import Corpus
from tui.query import Filter
from tui.query.facts import build_fact_index, sentence_wording
from tui.resources import seeds_dir

ALL_EXPORTS = list(product(EXPORT_KINDS, EXPORT_FORMATS))

# Two reports stating the same thing, one of them with table pipes, Markdown, HTML and
# terminal escapes in the sentence and around it.
HOSTILE = {
    "hostile.txt": (
        "Rebel fighters seized | the northern city of Aleppo on Friday, **officials** said "
        "[here](http://evil.example) <script>alert(1)</script> `rm -rf` \x1b[31mred\x1b[0m "
        "\x1b]0;pwned\x07 \u202ereversed.\n\n"
        "- A | list | item about Damascus and Homs | with pipes\n\n"
        "# Not a heading about Aleppo\n"
    ),
    "calm.txt": (
        "Rebel fighters seized the northern city of Aleppo on Friday, officials said.\n\n"
        "Residents of Aleppo stayed indoors as the fighting went on.\n"
    ),
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return analyze([seeds_dir()])


@pytest.fixture(scope="module")
def hostile() -> Corpus:
    return analyze_texts(HOSTILE)


def readable(corpus: Corpus) -> set[str]:
    """Every paragraph but boilerplate: what an export without a filter holds."""
    return {p.id for r in corpus.reports for p in r.paragraphs if p.kind != "boilerplate"}


def csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or ()), rows


def unescaped_pipes(line: str) -> int:
    """Table-cell separators: `|` not escaped by a backslash (escapes counted properly)."""
    count, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


def assert_tables_intact(markdown: str) -> int:
    """Every row of every table has as many cells as its header; the number of tables."""
    tables, columns = 0, None
    for line in markdown.splitlines():
        if line.startswith("|"):
            if columns is None:
                columns, tables = unescaped_pipes(line), tables + 1
            assert unescaped_pipes(line) == columns, line
        else:
            columns = None
    return tables


def assert_terminal_safe(text: str) -> None:
    assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0 for ch in text), (
        "a control character"
    )
    assert "\u202e" not in text and "pwned" not in text


def report_of(corpus: Corpus, row: dict) -> object:
    report = corpus.report(row["report"])
    assert row["source"] == report.outlet
    assert (row["path"] or None) == report.path
    return report


def assert_offsets(corpus: Corpus, row: dict) -> None:
    """The row's offsets slice its report's text to exactly its `text`."""
    report = report_of(corpus, row)
    start, end = int(row["start"]), int(row["end"])
    assert 0 <= start < end <= len(report.text)
    assert row["text"] == clean(report.text[start:end])


# ---------------------------------------------------------------------- every export


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        # Text, tabs and newlines stay exactly as they are...
        ("plain — text, ünïcode ✓\n\twith tab", "plain — text, ünïcode ✓\n\twith tab"),
        # ...escape sequences go whole, with their parameters...
        ("a \x1b[31mred\x1b[0m b", "a red b"),
        ("title\x1b]0;pwned\x07 after", "title after"),
        ("link \x1b]8;;http://e\x1b\\text\x1b]8;;\x1b\\ end", "link text end"),
        ("c1 \x85next \x9b31mx", "c1 next x"),
        # ...and lone control characters one by one.
        ("bell\x07 and \x00nul\x7f", "bell and nul"),
        ("cr\r\nline", "cr\nline"),
    ],
)
def test_clean_takes_out_escapes_and_control_characters_only(text, cleaned):
    # What every export writes of report text (the offsets stay those of the raw text).
    assert clean(text) == cleaned


@pytest.mark.parametrize(("kind", "fmt"), ALL_EXPORTS)
def test_every_export_in_every_format(corpus, kind, fmt):
    text = export_text(corpus, kind, fmt)
    assert text.endswith("\n")
    assert_terminal_safe(text)
    if fmt == "json":
        data = json.loads(text)
        assert data["schema"] == 1 and data["export"] == kind
        assert [r["id"] for r in data["reports"]] == [r.id for r in corpus.reports]
    elif fmt == "csv":
        header, rows = csv_rows(text)
        columns = {"facts": FACT_COLUMNS, "paragraphs": PARAGRAPH_COLUMNS}
        assert header == list(columns.get(kind, ENTITY_COLUMNS))
        assert rows
    else:
        assert text.startswith("# ")
        assert assert_tables_intact(text) >= 1


def test_fact_rows_give_every_wording_at_its_offsets(corpus):
    assert corpus.facts, "the seeds state shared facts"
    _, rows = csv_rows(export_text(corpus, "facts", "csv"))
    by_fact: dict[str, set[str]] = {}
    for row in rows:
        assert_offsets(corpus, row)
        assert row["text"] == corpus.report(row["report"]).text[int(row["start"]) : int(row["end"])]
        by_fact.setdefault(row["fact"], set()).add(row["sentence"])
    for number, fact in enumerate(corpus.facts, start=1):
        assert by_fact[fact.id] == set(fact.sentences)
        numbers = {row["number"] for row in rows if row["fact"] == fact.id}
        assert numbers == {str(number)}


def test_fact_json_wordings_are_the_reader_wordings(corpus):
    data = json.loads(export_text(corpus, "facts", "json"))
    index = build_fact_index(corpus)
    places = {}
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                places[sentence.id] = sentence_wording(report, paragraph, sentence)
    assert [f["id"] for f in data["facts"]] == [f.id for f in corpus.facts]
    for fact in data["facts"]:
        assert {w["report"] for w in fact["wordings"]} == set(fact["reports"])
        for wording in fact["wordings"]:
            assert_offsets(corpus, wording)
            assert wording["visible"] == places[wording["sentence"]]
            assert index.places[wording["sentence"]] == (wording["report"], wording["paragraph"])


def test_fact_markdown_has_a_section_per_fact_quoting_each_report(corpus):
    text = export_text(corpus, "facts", "md")
    assert text.startswith("# Shared facts\n")
    for number, fact in enumerate(corpus.facts, start=1):
        section = text.split(f"\n## f{number} ·", 1)[1].split("\n## ", 1)[0]
        assert section.count("\n> ") == len(fact.sentences)
        for report_id in fact.reports:
            assert f"`{report_id}`" in section


def test_fact_exports_say_what_each_fact_matched_on(corpus):
    from tui.export.to_markdown import md
    from tui.query.why import fact_whys

    whys = fact_whys(corpus)
    text = export_text(corpus, "facts", "md")
    data = json.loads(export_text(corpus, "facts", "json"))
    for number, (fact, exported) in enumerate(zip(corpus.facts, data["facts"], strict=True), 1):
        matched = whys[fact.id].matched
        assert matched
        section = text.split(f"\n## f{number} ·", 1)[1].split("\n## ", 1)[0]
        # Under the heading, before the basis and the wordings.
        assert section.split("\n\n")[1] == f"- Matched on: {md(', '.join(matched))}"
        assert exported["matched"] == list(matched)


def test_what_a_fact_matched_on_is_escaped_in_markdown():
    # A word the fact matched on, written with Markdown's emphasis in it.
    said = "the *Star_Line* ferry capsized near the harbour"
    texts = {
        "a.txt": f"Dozens of passengers were hurt when {said}.",
        "b.txt": f"Dozens of passengers were injured when {said}.",
    }
    text = export_text(analyze_texts(texts), "facts", "md")
    line = next(line for line in text.splitlines() if line.startswith("- Matched on: "))
    assert "Star\\_Line" in line and "ferry" in line and "capsized" in line


def test_paragraph_rows_carry_their_tags(corpus):
    _, rows = csv_rows(export_text(corpus, "paragraphs", "csv"))
    assert {row["paragraph"] for row in rows} == readable(corpus)
    entities = {e.id: e.name for e in corpus.entities}
    for row in rows:
        assert_offsets(corpus, row)
        named = {entities[m.entity] for m in corpus.mentions.get(row["paragraph"], ())}
        assert set(filter(None, row["entities"].split("; "))) == named
        topics = {t.id: t.label for t in corpus.topics}
        wanted = {topics[t] for t in corpus.paragraph_topics.get(row["paragraph"], ())}
        assert set(filter(None, row["topics"].split("; "))) == wanted
        assert bool(row["cited"]) == bool(corpus.cited.get(row["paragraph"]))


def test_paragraph_json_mentions_slice_to_the_names(corpus):
    data = json.loads(export_text(corpus, "paragraphs", "json"))
    aliases = {e.id: {a.casefold() for a in (e.name, *e.aliases)} for e in corpus.entities}
    mentions = 0
    for paragraph in data["paragraphs"]:
        assert_offsets(corpus, paragraph)
        for mention in paragraph["mentions"]:
            report = corpus.report(paragraph["report"])
            assert paragraph["start"] <= mention["start"] < mention["end"] <= paragraph["end"]
            assert mention["text"] == report.text[mention["start"] : mention["end"]]
            assert " ".join(mention["text"].split()).casefold() in aliases[mention["entity"]]
            mentions += 1
    assert mentions == sum(len(m) for m in corpus.mentions.values())


def test_entity_rows_trace_each_report_naming_it(corpus):
    _, rows = csv_rows(export_text(corpus, "entities", "csv"))
    for entity in corpus.entities:
        mine = [row for row in rows if row["entity"] == entity.id]
        assert {row["report"] for row in mine} == set(entity.reports)
        assert sum(int(row["report_mentions"]) for row in mine) == entity.mentions
        for row in mine:
            assert row["name"] == entity.name and row["type"] == entity.type
            assert row["aliases"].split("; ") == list(entity.aliases)
            assert_offsets(corpus, row)
    data = json.loads(export_text(corpus, "entities", "json"))
    for exported, entity in zip(data["entities"], corpus.entities, strict=True):
        assert exported["id"] == entity.id
        assert len(exported["occurrences"]) == entity.mentions
        assert exported["merged_because"] == [str(r) for r in entity.merged_because]
        for occurrence in exported["occurrences"]:
            assert_offsets(corpus, occurrence)


def test_entity_markdown_is_one_table_row_per_entity(corpus):
    text = export_text(corpus, "entities", "md")
    table = text.split("## Entities\n", 1)[1]
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == len(corpus.entities) + 2  # and the header and its rule


# ---------------------------------------------------------------------- hostile text


def test_hostile_text_cannot_break_markdown(hostile):
    hostile_report = next(r for r in hostile.reports if r.name == "hostile")
    assert any("|" in hostile_report.span(p) for p in hostile_report.paragraphs)
    assert any(hostile_report.id in f.reports for f in hostile.facts), "the test needs a fact"
    for kind in EXPORT_KINDS:
        text = export_text(hostile, kind, "md")
        assert_terminal_safe(text)
        assert_tables_intact(text)
        assert "<script" not in text and "**officials**" not in text
        assert "[here](" not in text
        assert not re.search(r"^> (#|- )", text, re.MULTILINE)
        for line in text.splitlines():
            if "rm -rf" in line:  # every backtick of the report's escaped
                assert not re.search(r"(?<!\\)`", re.sub(r"`r\d+[.\w]*`", "", line)), line
    paragraphs = export_text(hostile, "paragraphs", "md")
    assert "seized \\| the northern city" in paragraphs
    assert "&lt;script&gt;" in paragraphs and "\\*\\*officials\\*\\*" in paragraphs
    facts = export_text(hostile, "facts", "md")
    assert facts.count("seized \\| the northern city") == 2  # in the matrix and the quote


@pytest.mark.parametrize("kind", EXPORT_KINDS)
def test_hostile_text_in_csv_and_json_is_clean_and_traceable(hostile, kind):
    hostile_report = next(r for r in hostile.reports if r.name == "hostile")
    _, rows = csv_rows(export_text(hostile, kind, "csv"))
    assert rows
    for row in rows:
        assert_offsets(hostile, row)
    text = export_text(hostile, kind, "json")
    assert_terminal_safe(text)
    assert "\\u001b" not in text and "\\u0007" not in text  # not even escaped
    data = json.loads(text)
    if kind == "paragraphs":
        first = next(p for p in data["paragraphs"] if p["report"] == hostile_report.id)
        raw = hostile_report.text[first["start"] : first["end"]]
        assert "\x1b" in raw and first["text"] == clean(raw) != raw
        assert "**officials**" in first["text"]  # JSON keeps the text; the escapes go


# ---------------------------------------------------------------------- filters


def exported_ids(corpus: Corpus, flt: Filter) -> set[str]:
    data = json.loads(export_text(corpus, "paragraphs", "json", flt))
    return {p["paragraph"] for p in data["paragraphs"]}


def busiest_entities(corpus: Corpus) -> tuple[str, str]:
    """Two entities named together in some paragraph, and apart in another."""
    ranked = sorted(corpus.entities, key=lambda e: -e.mentions)
    for a, b in product(ranked[:12], ranked[:12]):
        together = corpus.query([a.id, b.id], "all")
        if a.id < b.id and together and together != corpus.query([a.id, b.id], "any"):
            return a.id, b.id
    raise AssertionError("no two entities share a paragraph")


def test_entity_filter_any_and_all_match_the_query(corpus):
    pair = busiest_entities(corpus)
    keep = readable(corpus)
    for mode in ("any", "all"):
        found = exported_ids(corpus, Filter(entities=pair, match=mode))
        assert found == set(corpus.query(pair, mode)) & keep
    assert exported_ids(corpus, Filter(entities=pair, match="all")) < exported_ids(
        corpus, Filter(entities=pair, match="any")
    )


def test_source_and_topic_filters_match_their_queries(corpus):
    keep = readable(corpus)
    key = max(corpus.source_paragraphs, key=lambda k: len(corpus.source_paragraphs[k]))
    assert exported_ids(corpus, Filter(sources=(key,))) == set(corpus.query_sources([key])) & keep
    assert corpus.topics, "the seeds have topics"
    topic = corpus.topics[0].id
    assert exported_ids(corpus, Filter(topics=(topic,))) == set(corpus.query_topics([topic])) & keep
    both = Filter(sources=(key,), topics=(topic,))
    expected = set(corpus.query_sources([key])) & set(corpus.query_topics([topic])) & keep
    assert exported_ids(corpus, both) == expected


def test_fact_views_match_the_reader(corpus):
    index = build_fact_index(corpus)
    keep = readable(corpus)
    # The paragraphs the reader colours a shared fact in, or marks a unique sentence in.
    assert exported_ids(corpus, Filter(fact_view="shared")) == set(index.spans) & keep
    assert exported_ids(corpus, Filter(fact_view="unique")) == set(index.unique) & keep


def test_boilerplate_only_when_asked(corpus):
    every = {p.id for r in corpus.reports for p in r.paragraphs}
    assert every != readable(corpus), "the seeds have boilerplate"
    assert exported_ids(corpus, Filter(boilerplate=True)) == every


def test_names_resolve_by_any_alias_in_any_case(corpus):
    for entity in corpus.entities[:10]:
        for alias in entity.aliases:
            found = corpus.entity(resolve_entity(corpus, alias.upper()))
            assert alias.casefold() in {a.casefold() for a in (found.name, *found.aliases)}
        assert resolve_entity(corpus, f"  {entity.name.lower()} ") == entity.id
    topic = corpus.topics[0]
    assert resolve_topic(corpus, topic.label.upper()) == topic.id
    for key in list(corpus.source_paragraphs)[:5]:
        assert resolve_source(corpus, key) == key
    for resolve in (resolve_entity, resolve_source, resolve_topic):
        with pytest.raises(UnknownName):
            resolve(corpus, "No Such Name Anywhere")


# ---------------------------------------------------------------------- the command


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["export", "--no-cache", *args])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize(("kind", "fmt"), ALL_EXPORTS)
def test_command_prints_each_export(capsys, corpus, kind, fmt):
    code, out, err = run(capsys, "--what", kind, "--format", fmt)
    assert code == 0 and err == ""
    assert out == export_text(corpus, kind, fmt)


def test_command_filters_by_names(capsys, corpus):
    a, b = busiest_entities(corpus)
    alias_a = corpus.entity(a).aliases[-1].swapcase()
    name_b = corpus.entity(b).name.upper()
    for mode in ("any", "all"):
        args = ["--what", "paragraphs", "--format", "json", "--match", mode]
        code, out, _ = run(capsys, *args, "--entity", alias_a, "--entity", name_b)
        assert code == 0
        found = {p["paragraph"] for p in json.loads(out)["paragraphs"]}
        assert found == set(corpus.query([a, b], mode)) & readable(corpus)
    topic = corpus.topics[0]
    code, out, _ = run(
        capsys, "--what", "paragraphs", "--format", "csv", "--topic", topic.label.lower()
    )
    assert code == 0
    found = {row["paragraph"] for row in csv_rows(out)[1]}
    assert found == set(topic.paragraphs) & readable(corpus)


def test_command_output_file(capsys, corpus, tmp_path):
    target = tmp_path / "facts.csv"
    code, out, err = run(capsys, "--what", "facts", "--format", "csv", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == export_text(corpus, "facts", "csv")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--what", "paragraphs", "--entity", "Nobody Atall"], "unknown entity: Nobody Atall"),
        (["--what", "paragraphs", "--source", "Nobody Atall"], "unknown source: Nobody Atall"),
        (["--what", "paragraphs", "--topic", "Nothing"], "unknown topic: Nothing"),
        (["--what", "paragraphs", "--outlet", "Nowhere"], "unknown outlet: Nowhere"),
        (["--what", "facts", "--topic", "Homs"], "filter --what paragraphs only"),
    ],
)
def test_unknown_names_and_misplaced_filters_exit_2(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("newsprism: ")
    assert message in err


@pytest.mark.parametrize(
    "args",
    [[], ["--what", "everything"], ["--what", "facts", "--format", "yaml"], ["--bogus"]],
)
def test_usage_errors_exit_2(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("newsprism export: ")


def test_hostile_name_in_an_error_is_one_safe_line(capsys):
    code, _, err = run(capsys, "--what", "paragraphs", "--entity", "x\x1b]0;pwned\x07\ny")
    assert code == 2 and len(err.splitlines()) == 1
    assert "\x1b" not in err and "\x07" not in err


def test_unreadable_input_exits_1_and_exports_the_rest(capsys, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Rebels took the city on Friday. Residents fled.\n", encoding="utf-8")
    code, out, err = run(
        capsys, "--what", "paragraphs", "--format", "csv", str(good), str(tmp_path / "gone.txt")
    )
    assert code == 1
    assert len(err.splitlines()) == 1 and "gone.txt" in err
    rows = csv_rows(out)[1]
    assert rows and {Path(row["path"]).name for row in rows} == {"good.txt"}


def test_unwritable_output_exits_1(capsys, tmp_path):
    code, _, err = run(capsys, "--what", "entities", "-o", str(tmp_path / "no" / "such.md"))
    assert code == 1
    assert len(err.splitlines()) == 1 and "cannot write" in err
