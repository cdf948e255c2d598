"""Ids and keys: the one place that builds and parses them.

Ids of the model: reports `r1`, their paragraphs `r1.p3` and sentences `r1.s4` (numbered
through the whole report), stories `s5`, entities `e7`, shared facts `f12`, topics `t2`,
wire copies `w3`. Each is a letter and a number (a paragraph or sentence: its report's
id, a dot, a letter and a number), and ids of one kind sort in number order with `id_sort_key`.

A report's key (`report_key`) names it across loads: a digest of its text, the same
whatever its id, file name or place in the input (saved story corrections name reports
by it).

Keys and terms with a prefix:
- a cited source's key is its entity id, or `name:<wording>` when it names no entity
  ("two residents"); an outlet chosen as a source filter is `outlet:<name>`;
- a topic's anchor is an entity id, or `word:<word>`;
- an entity split off by hand clusters as `split:<form>`;
- the terms sentences are matched by (`tui.analysis.terms`): `E:<entity id>` for a
  mention, `D:<word>` for a name-like word (a demonym, a web domain), `S:<word>` for a
  synonym class; any other term is a plain word stem. A bag of terms has `#:<value>`
  for a number and `T:<word>` for a weekday or month too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Prefix:
    """A prefix that marks a kind of key or term: builds, recognises and strips it."""

    text: str

    def of(self, value: str) -> str:
        """The key or term of `value`: `NAME.of("reuters")` is "name:reuters"."""
        return self.text + value

    def marks(self, key: str) -> bool:
        return key.startswith(self.text)

    def value(self, key: str) -> str | None:
        """What follows the prefix; None when `key` does not have it."""
        return key[len(self.text) :] if key.startswith(self.text) else None


NAME = Prefix("name:")
OUTLET = Prefix("outlet:")
WORD = Prefix("word:")
SPLIT = Prefix("split:")
ENTITY_TERM = Prefix("E:")
NAME_LIKE_TERM = Prefix("D:")
SYNONYM_TERM = Prefix("S:")
# In a bag of terms (`tui.analysis.terms.TermBag`): a number, a weekday or month named.
NUMBER_TERM = Prefix("#:")
DATE_TERM = Prefix("T:")
# Terms that name something (an entity or a name-like word) rather than say something.
NAME_TERMS = (ENTITY_TERM.text, NAME_LIKE_TERM.text)


# ---------------------------------------------------------------- ids of the model


def report_id(number: int) -> str:
    """The id of the `number`th report read (from 1)."""
    return f"r{number}"


def paragraph_id(report: str, number: int) -> str:
    return f"{report}.p{number}"


def sentence_id(report: str, number: int) -> str:
    return f"{report}.s{number}"


def story_id(number: int) -> str:
    return f"s{number}"


def entity_id(number: int) -> str:
    return f"e{number}"


def fact_id(number: int) -> str:
    return f"f{number}"


def topic_id(number: int) -> str:
    return f"t{number}"


def wire_id(number: int) -> str:
    """A passage printed near-verbatim by several reports (wire copy): `w3`."""
    return f"w{number}"


def fact_label(number: int) -> str:
    """How a shared fact's number is shown (the reader, exports): `f3`."""
    return f"f{number}"


def id_number(an_id: str) -> int:
    """The number of a report, entity, fact or topic id (`r12` -> 12); 0 if it has none."""
    digits = an_id[1:]
    return int(digits) if digits.isdecimal() else 0


def id_sort_key(an_id: str) -> tuple[int, str]:
    """Ids of one kind in number order: f2 before f10."""
    return len(an_id), an_id


def report_key(text: str) -> str:
    """The key of the report whose text is `text`: the same in every load, whatever the
    report's id, file name or place in the input (identical copies share it; an edited
    report gets a new one)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def report_of(part_id: str) -> str:
    """The report id of a paragraph or sentence id (`r1.p3` -> `r1`)."""
    return part_id.partition(".")[0]


def sentence_order(an_id: str) -> tuple[int, int]:
    """A sentence id as (report number, sentence number): sentences in reading order."""
    report, _, number = an_id.partition(".s")
    return id_number(report), int(number)


# ---------------------------------------------------------------- prefixed keys


def name_key(wording: str) -> str:
    """The key of a cited source that names no entity: its wording, folded."""
    return NAME.of(" ".join(wording.lower().split()))


def is_name_term(term: str) -> bool:
    """Whether a matching term names something (`E:`, `D:`) rather than being a word."""
    return term[:2] in NAME_TERMS


def unseen_entity(name: str) -> str:
    """What an entity first named after the stories were clustered stands for in a grown
    clustering (`tui.analysis.stories.incremental`): its name, marked so that no entity
    id takes it."""
    return "+" + name


def term_entity(term: str) -> str:
    """The entity id of an `E:` term (the rest of a `D:` term)."""
    return term[2:]
