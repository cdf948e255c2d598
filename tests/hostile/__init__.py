"""Hostile report files, written at test time (nothing binary is committed).

Every `write_*` function writes its file(s) into `folder` and returns the path(s) to
pass to newsprism. `GOOD` reports are ordinary ones to mix in, so a test can check that
nothing else is lost. `CASES` lists the light cases with what newsprism must do with
each: read it (`reason=None`) or report it in one line saying `reason` and skip it.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# ---------------------------------------------------------------------------
# Good reports
# ---------------------------------------------------------------------------

GOOD = {
    "good_alpha.txt": (
        "Rescue teams reached the flooded valley on Monday morning, officials said.\n\n"
        "Hundreds of families were moved to schools on higher ground overnight.\n\n"
        "The regional governor promised new funds for the damaged bridges.\n"
    ),
    "good_beta.md": (
        "# Floods in the valley\n\n"
        "Rescue teams reached the flooded valley on Monday, the governor said.\n\n"
        "Families spent the night in schools, and [the army](https://example.org/army) "
        "brought food and blankets.\n"
    ),
}
# Paragraphs of each good report (the Markdown heading is one).
GOOD_PARAGRAPHS = {"good_alpha": 3, "good_beta": 3}


def write_good(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in GOOD.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------
# Payloads
# ---------------------------------------------------------------------------

OSC_TITLE = "\x1b]0;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
OSC8_URL = "https://evil.example/osc8-target"
OSC_LINK = f"\x1b]8;;{OSC8_URL}\x1b\\click me\x1b]8;;\x1b\\"
CSI_COLOUR = "\x1b[31;1m"
CSI_MOVES = "\x1b[2J\x1b[H\x1b[10;10H\x1b[?1049h\x1b[?25l"
BEL = "\x07"
C1_CSI = "\x9b2J"
# What must never reach a terminal from the escape report, and what must show as text.
ESCAPE_PAYLOADS = (b"PWNED", b"]52;c;cHduZWQ", OSC8_URL.encode(), b"]0;", b"\x1b[2J")
MARKUP = (
    "[bold red]x[/]",
    "[link=https://evil.example/markup]click[/link]",
    "[@click=app.quit]quit[/]",
    "[reverse]inverted[/reverse]",
)

ESCAPE_TEXT = (
    f"Officials {CSI_COLOUR}confirmed\x1b[0m the curfew on Tuesday evening.\n\n"
    f"A title change {OSC_TITLE}was attempted here.\n\n"
    f"A clipboard write {OSC_CLIPBOARD}was attempted here.\n\n"
    f"A hyperlink {OSC_LINK} hides an address.\n\n"
    f"Cursor moves {CSI_MOVES}and a bell{BEL} and an 8-bit {C1_CSI} escape.\n"
)
# The escape report as it is read: the sequences are formatting and are taken out; what
# is left is text (a lone control character, like the bell, is hidden when shown).
ESCAPE_TEXT_READ = (
    "Officials confirmed the curfew on Tuesday evening.\n\n"
    "A title change was attempted here.\n\n"
    "A clipboard write was attempted here.\n\n"
    "A hyperlink click me hides an address.\n\n"
    f"Cursor moves and a bell{BEL} and an 8-bit  escape.\n"
)
MARKUP_TEXT = (
    f"Markup {MARKUP[0]} in a report is text.\n\n"
    f"A link {MARKUP[1]} is text too.\n\n"
    f"An action {MARKUP[2]} and {MARKUP[3]} stay as written.\n"
)
BIDI_TEXT = (
    "Arabic: \u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645 said the man.\n\n"
    "Hebrew: \u05e9\u05dc\u05d5\u05dd and an override \u202eevil.exe\u202c here.\n\n"
    "Zero\u200bwidth\u200c joiners\u200d and marks \u200e\u200f and isolates \u2066x\u2069.\n\n"
    "A stray\ufeffbyte order mark in the middle.\n"
)
WIDE_PARAGRAPHS = (
    "東京で大きな地震があり、多くの建物が被害を受けたと政府が発表しました。救助隊が現場に"
    "向かっています。",
    "Emoji 🎉🚒🌊👨‍👩‍👧 and flags 🇯🇵🇺🇸 mixed with text 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀.",
    "中文新闻报道：北京时间今天上午，救援人员抵达灾区，居民被转移到安全地带。"
    "한국어 뉴스도 있습니다 서울에서 발표했습니다.",
    "Ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ ａｎｄ ｈａｌｆｗｉｄｔｈ ｶﾀｶﾅ in one line, then "
    "漢字漢字漢字漢字漢字漢字漢字漢字"
    "漢字漢字漢字漢字漢字漢字漢字漢字.",
)
WIDE_TEXT = "\n\n".join(WIDE_PARAGRAPHS) + "\n"
# The innermost text of the deeply nested Markdown, and how deep it goes.
DEEP_LEVELS = 500
DEEP_MARKER = "deepest words"


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def write_empty(folder: Path) -> Path:
    return _write(folder, "empty.txt", b"")


def write_whitespace(folder: Path) -> Path:
    return _write(folder, "whitespace.txt", " \n\t\r\n   \n\u00a0\u3000\n".encode())


def write_nul_bytes(folder: Path) -> Path:
    return _write(folder, "nul.txt", b"Some text\x00 with\x00\x00 NUL bytes\x00 in it.\n")


def write_undecodable(folder: Path) -> Path:
    """Random bytes with no NUL among them: no encoding makes text of them."""
    data = bytes(b for b in random.Random(11).randbytes(2048) if b)
    return _write(folder, "undecodable.txt", data)


def write_invalid_utf8(folder: Path) -> Path:
    # Mostly ASCII, a few bytes no UTF-8 decoder accepts (a stray continuation byte, a
    # truncated sequence, 0xff).
    return _write(
        folder,
        "invalid_utf8.txt",
        b"The caf\xe9 owner said the protest ended peacefully.\n\n"
        b"Police counted \x80 two thousand marchers \xff near the square \xc3.\n",
    )


INVALID_UTF8_WORDS = ("protest ended peacefully", "two thousand marchers")


def write_utf16_without_bom(folder: Path) -> Path:
    return _write(folder, "utf16.txt", UTF16_TEXT.encode("utf-16-le"))


UTF16_TEXT = "Ministers met in Geneva on Friday.\n\nThe talks will resume next week.\n"


def write_mixed_newlines(folder: Path) -> Path:
    return _write(folder, "newlines.txt", MIXED_NEWLINES.encode())


MIXED_NEWLINES = (
    "First paragraph, line one.\r\nFirst paragraph, line two.\r\n\r\n"
    "Second paragraph ends with a bare CR.\r\r"
    "Third paragraph ends with LF.\n\n"
    "Fourth mixes\r\nall\rthree\nkinds.\n\r\n"
    "Fifth and last."
)
MIXED_NEWLINE_PARAGRAPHS = 5


def write_deep_markdown(folder: Path, levels: int = DEEP_LEVELS) -> Path:
    """Lists and block quotes nested `levels` deep, each on one line and indented."""
    lists = "".join("  " * i + "- item\n" for i in range(levels))
    same_line = "- " * levels + DEEP_MARKER + "\n"
    quotes = "> " * levels + DEEP_MARKER + "\n"
    mixed = "".join(("> " if i % 2 else "- ") for i in range(levels)) + DEEP_MARKER + "\n"
    text = f"# Deep\n\n{lists}\n{same_line}\n{quotes}\n{mixed}"
    return _write(folder, "deep.md", text.encode())


def write_unclosed_front_matter(folder: Path) -> Path:
    text = (
        "---\ntitle: Never closed\nsource: Nobody\n\n"
        "The body starts here, with no closing rule above it.\n\nA second paragraph.\n"
    )
    return _write(folder, "unclosed.md", text.encode())


def write_javascript_link(folder: Path) -> Path:
    text = (
        "# Links\n\n"
        "Click [this harmless text](javascript:alert(document.cookie)) now.\n\n"
        "Also [upper case](JaVaScRiPt:alert(1)), <javascript:alert(2)>, "
        "[data](data:text/html;base64,PHNjcmlwdD4=) and [a file](file:///etc/passwd).\n\n"
        "A reference [link][evil] and a fine [web link](https://example.org/ok).\n\n"
        "[evil]: javascript:alert(3)\n"
    )
    return _write(folder, "jslink.md", text.encode())


def write_escapes(folder: Path) -> Path:
    return _write(folder, "escapes.txt", ESCAPE_TEXT.encode())


def write_markup(folder: Path) -> Path:
    return _write(folder, "markup.txt", MARKUP_TEXT.encode())


def write_bidi(folder: Path) -> Path:
    return _write(folder, "bidi.txt", BIDI_TEXT.encode())


def write_wide(folder: Path) -> Path:
    return _write(folder, "wide.txt", WIDE_TEXT.encode())


def write_hostile_name(folder: Path) -> Path:
    """An empty file whose name carries a title change and a clipboard write."""
    return _write(folder, f"name{OSC_TITLE}{OSC_CLIPBOARD}.txt", b"")


def write_hostile_name_report(folder: Path) -> Path:
    """A good report whose file name (its fallback outlet) sets the window title."""
    name = f"named{OSC_TITLE.replace(']0;', ']2;')}.txt"
    return _write(folder, name, b"A report with a hostile file name was read in full.\n")


def write_symlink_loops(folder: Path) -> list[Path]:
    """`self.txt` points at itself, `ping.txt` and `pong.txt` at each other, and the
    folder `again` at its own parent (a loop for a recursive walk)."""
    folder.mkdir(parents=True, exist_ok=True)
    links = []
    for name, target in (
        ("self.txt", "self.txt"),
        ("ping.txt", "pong.txt"),
        ("pong.txt", "ping.txt"),
    ):
        path = folder / name
        os.symlink(target, path)
        links.append(path)
    os.symlink(".", folder / "again")
    return links


def write_unreadable(folder: Path) -> Path:
    """A report nobody but root may read (chmod 000); see `permissions_apply`."""
    path = _write(folder, "locked.txt", b"A report nobody may read.\n")
    path.chmod(0)
    return path


def permissions_apply(path: Path) -> bool:
    """Whether a chmod 000 file really is unreadable here (not so for root)."""
    return not os.access(path, os.R_OK)


def write_fifo(folder: Path) -> Path:
    """A named pipe with a report's name: reading it would wait forever."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


# ---------------------------------------------------------------------------
# Heavy files
# ---------------------------------------------------------------------------

HUGE_LINE_BYTES = 50 * 1000 * 1000
# A long line the loader still reads (under its size limit).
LONG_LINE_BYTES = 1000 * 1000
MANY_PARAGRAPHS = 200_000
MANY_FILES = 10_000


def write_huge_line(folder: Path, size: int = HUGE_LINE_BYTES) -> Path:
    """One line of `size` bytes: words and sentences, no newline at all."""
    sentence = b"The convoy moved slowly along the coast road toward the port. "
    count = size // len(sentence) + 1
    return _write(folder, "huge_line.txt", (sentence * count)[:size])


def write_many_paragraphs(folder: Path, count: int = MANY_PARAGRAPHS) -> Path:
    text = "\n\n".join(f"Item {n} of the list." for n in range(count))
    return _write(folder, "many_paragraphs.txt", text.encode())


def write_many_files(folder: Path, count: int = MANY_FILES) -> list[Path]:
    """`count` short reports in one folder (`report_00000.txt`, ...)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"report_{n:05d}.txt"
        path.write_bytes(f"Report {n} says the count reached {n * 7} by noon.\n".encode())
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------
# The light cases, with what newsprism must do with each
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    write: Callable[[Path], Path]
    # None: the file is read; otherwise the reason its one error line gives.
    reason: str | None


CASES = (
    Case("empty", write_empty, "empty file"),
    Case("whitespace", write_whitespace, "empty file"),
    Case("nul_bytes", write_nul_bytes, "binary file (NUL bytes)"),
    Case("undecodable", write_undecodable, "binary file (not decodable as text)"),
    Case("invalid_utf8", write_invalid_utf8, None),
    Case("utf16_without_bom", write_utf16_without_bom, None),
    Case("mixed_newlines", write_mixed_newlines, None),
    Case("deep_markdown", write_deep_markdown, None),
    Case("unclosed_front_matter", write_unclosed_front_matter, None),
    Case("javascript_link", write_javascript_link, None),
    Case("escapes", write_escapes, None),
    Case("markup", write_markup, None),
    Case("bidi_zero_width", write_bidi, None),
    Case("emoji_cjk", write_wide, None),
    Case("hostile_name", write_hostile_name, "empty file"),
    Case("hostile_name_read", write_hostile_name_report, None),
    Case("fifo", write_fifo, "not a regular file"),
)


# ---------------------------------------------------------------------------
# Checks shared by the hostile and fuzz tests
# ---------------------------------------------------------------------------

# What must never reach a terminal raw: C0 controls but newline (and tab), DEL, C1
# controls, bidi marks and overrides (what `tui.textsafe` strips).
TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def assert_terminal_safe(output: str) -> None:
    found = TERMINAL_UNSAFE.search(output)
    assert found is None, f"raw {found.group()!r} at {found.start()}: {output[:200]!r}"


def assert_valid_corpus_dict(data: dict[str, Any]) -> None:
    """Schema 1 as `Corpus.to_dict` gives it: every offset inside its text and nested
    (paragraphs in order in the report, sentences in order in their paragraph, mentions
    in their paragraph), and every id a fact, topic or mention refers to exists."""
    assert data["schema"] == 1
    entity_ids = {entity["id"] for entity in data["entities"]}
    paragraph_ids: set[str] = set()
    sentence_ids: set[str] = set()
    for report in data["reports"]:
        text = report["text"]
        assert isinstance(text, str)
        previous = 0
        for paragraph in report["paragraphs"]:
            start, end = paragraph["start"], paragraph["end"]
            assert previous <= start <= end <= len(text), (report["name"], paragraph)
            previous = end
            paragraph_ids.add(paragraph["id"])
            cursor = start
            for sentence in paragraph["sentences"]:
                assert cursor <= sentence["start"] <= sentence["end"] <= end, sentence
                cursor = sentence["end"]
                sentence_ids.add(sentence["id"])
            for mention in paragraph["mentions"]:
                assert start <= mention["start"] < mention["end"] <= end, mention
                assert mention["entity"] in entity_ids
    for fact in data["facts"]:
        assert set(fact["sentences"]) <= sentence_ids
    for topic in data["topics"]:
        assert set(topic["paragraphs"]) <= paragraph_ids
