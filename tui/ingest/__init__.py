"""Reading report files into the document model (no Textual)."""

from tui.ingest.decode import UnreadableFile, decode_bytes
from tui.ingest.loader import discover, iter_reports, reports_from_texts
from tui.ingest.report import build_report

__all__ = [
    "UnreadableFile",
    "build_report",
    "decode_bytes",
    "discover",
    "iter_reports",
    "reports_from_texts",
]
