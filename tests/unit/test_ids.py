"""The one place ids and prefixed keys are built and parsed (tui.model.ids), and the one
union-find the analyses share."""

from __future__ import annotations

from tui.analysis.unionfind import UnionFind
from tui.model import ids


def test_ids_are_built_and_read_back() -> None:
    report = ids.report_id(12)
    assert report == "r12" and ids.id_number(report) == 12
    sentence = ids.sentence_id(report, 4)
    assert sentence == "r12.s4"
    assert ids.report_of(sentence) == report
    assert ids.report_of(ids.paragraph_id(report, 3)) == "r12"
    assert ids.sentence_order(sentence) == (12, 4)
    assert ids.id_number(ids.fact_id(7)) == 7 and ids.fact_label(7) == "f7"
    assert ids.id_number("x") == 0


def test_ids_of_one_kind_sort_in_number_order() -> None:
    assert sorted(["f10", "f2", "f1"], key=ids.id_sort_key) == ["f1", "f2", "f10"]
    sentences = ["r10.s1", "r2.s10", "r2.s9"]
    assert sorted(sentences, key=ids.sentence_order) == ["r2.s9", "r2.s10", "r10.s1"]


def test_prefixed_keys_and_terms() -> None:
    key = ids.name_key("Two  Residents")
    assert key == "name:two residents"
    assert ids.NAME.marks(key) and ids.NAME.value(key) == "two residents"
    assert ids.NAME.value("e3") is None and not ids.NAME.marks("e3")
    assert ids.WORD.value(ids.WORD.of("rebels")) == "rebels"
    assert ids.is_name_term(ids.ENTITY_TERM.of("e7"))
    assert ids.is_name_term(ids.NAME_LIKE_TERM.of("syrian"))
    assert not ids.is_name_term(ids.SYNONYM_TERM.of("kill"))
    assert not ids.is_name_term("rebel")
    assert ids.term_entity(ids.ENTITY_TERM.of("e7")) == "e7"


def test_a_set_is_rooted_at_its_smallest_key_whatever_the_order() -> None:
    forward, backward = UnionFind(["c", "a"]), UnionFind()
    for a, b in [("c", "b"), ("b", "d"), ("a", "d")]:
        forward.union(a, b)
    for a, b in [("d", "a"), ("d", "b"), ("b", "c")]:
        backward.union(a, b)
    assert {forward.find(k) for k in "abcd"} == {backward.find(k) for k in "abcd"} == {"a"}
    assert not forward.union("a", "c")  # already together
    assert forward.find("z") == "z"
