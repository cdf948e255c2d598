"""Bytes to text: encoding detection and newline normalisation."""

from __future__ import annotations

import codecs
import re


class UnreadableFile(Exception):
    """A file that cannot be read as a report; the message is one line for the user."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Terminal escape sequences (ECMA-48), complete ones only: a file saved from a terminal
# (`grep --color`, `script`, a log) is text with colours, links and cursor moves in it.
# They are formatting, not words: they are taken out when the file is read, so the
# report's text, and every offset into it, is what the reader shows and the analyses
# read ("Marta \x1b[1mKowalczyk" is one name). None may run past a line end.
_ESC_SEQUENCES = (
    r"\x1b\[[0-?]*[ -/]*[@-~]",  # CSI: colours (SGR), cursor moves, erasing
    r"\x1b\][^\x07\x1b\r\n]*(?:\x07|\x1b\\)",  # OSC: titles, hyperlinks, clipboard
    r"\x1b[PX^_][^\x1b\r\n]*\x1b\\",  # DCS, SOS, PM, APC
    # Two-character escapes and character-set switches; an unfinished CSI, OSC or DCS
    # is left for `tui.textsafe` to hide when it is shown.
    r"\x1b(?![\[\]PX^_])[ -/]*[0-~]",
)
_C1_CSI = r"\x9b[0-?]*[ -/]*[@-~]"  # CSI in one 8-bit character
_ESCAPE_SEQUENCE = re.compile("|".join((*_ESC_SEQUENCES, _C1_CSI)))
# The same in the bytes of an 8-bit encoding (ESC and what follows it are ASCII in all of
# them; byte 0x9b is a character in most), taken out before the encoding is guessed.
_ESCAPE_SEQUENCE_BYTES = re.compile("|".join(_ESC_SEQUENCES).encode("ascii"))
# Share of control characters (escape sequences taken out) above which decoded "text"
# is really binary data.
_MAX_CONTROL_SHARE = 0.05
# Unicode category Cc (C0 and C1 controls) except the whitespace ones.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM shows as NUL in every other byte for mostly-ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        encoding = "utf-16-le"
    elif even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _legacy_8bit(data: bytes) -> str:
    # Imported only here: most files are UTF-8 and never pay for the detector.
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise UnreadableFile("binary file (not decodable as text)")
    # Short texts fit several code pages equally well; English-language news is far more
    # often cp1252 than cp1250/cp775, so it wins ties.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos:
            return str(match)
    return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = len(_CONTROLS.findall(sample))
    return controls > _MAX_CONTROL_SHARE * max(len(sample), 1)


def decode_bytes(data: bytes) -> str:
    """Decode a report file's bytes into text with `\\n` newlines.

    UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM, and legacy
    8-bit encodings are recognised, and terminal escape sequences taken out. Empty
    files, and binary ones (NUL bytes, no encoding fits, control characters rather than
    text), raise `UnreadableFile`.
    """
    if not data.strip():
        raise UnreadableFile("empty file")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableFile(f"invalid {encoding} text ({exc.reason})") from None
            break
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise UnreadableFile("binary file (NUL bytes)")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _legacy_8bit(_ESCAPE_SEQUENCE_BYTES.sub(b"", data))
    text = _ESCAPE_SEQUENCE.sub("", normalise_newlines(text.lstrip("\ufeff")))
    if _looks_binary(text):
        raise UnreadableFile("binary file (control characters)")
    if not text.strip():
        raise UnreadableFile("empty file")
    return text
