"""The analysis cache: hits, changed files, corrupt and locked caches, --no-cache."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import tui
from tui.cli import main
from tui.pipeline.cache import FILE_NAME, AnalysisCache

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(ROOT / "seeds", folder)
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSPRISM_CACHE_DIR", str(folder))
    return folder


def test_unchanged_corpus_is_loaded_from_the_cache(reports: Path, cache_dir: Path) -> None:
    first = AnalysisCache()
    cold = tui.analyze([reports], cache=first)
    assert first.hits == 0
    first.close()
    second = AnalysisCache()
    warm = tui.analyze([reports], cache=second)
    # The inputs' entry (which analysis, which files failed), then the analysis, then
    # its reports (their own entries, in one lookup).
    assert second.hits == 3 and second.misses == 0
    assert warm.to_dict() == cold.to_dict()


def test_a_changed_file_is_read_again_alone(reports: Path, cache_dir: Path) -> None:
    cache = AnalysisCache()
    tui.analyze([reports], cache=cache)
    changed = sorted(reports.glob("*.txt"))[1]
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n\nA new paragraph about Aleppo.", "utf-8"
    )
    cache = AnalysisCache()
    corpus = tui.analyze([reports], cache=cache)
    # One report from the cache (the unchanged one) and the folder's story clustering
    # (not grown: a report changed); the changed one and the corpus anew.
    assert cache.hits == 2
    assert "A new paragraph about Aleppo." in corpus.reports[1].text
    assert corpus.to_dict() == tui.analyze([reports]).to_dict()


def test_an_added_file_is_analysed_with_the_others(reports: Path, cache_dir: Path) -> None:
    tui.analyze([reports], cache=AnalysisCache())
    (reports / "zz.txt").write_text("Rebels reached the city of Homs on Sunday.", "utf-8")
    cache = AnalysisCache()
    corpus = tui.analyze([reports], cache=cache)
    # The two reports and the story clustering (grown) from the cache.
    assert len(corpus.reports) == 3 and cache.hits == 3
    homs = next(e for e in corpus.entities if e.name == "Homs")
    assert "r3" in homs.reports


def test_other_settings_are_other_entries(reports: Path, cache_dir: Path) -> None:
    from tui.model.corrections import Corrections

    tui.analyze([reports], cache=AnalysisCache())
    cache = AnalysisCache()
    split = tui.analyze([reports], cache=cache, corrections=Corrections(splits=("Assad",)))
    assert any(e.aliases == ("Assad",) for e in split.entities)


@pytest.mark.parametrize("garbage", [b"not a database at all" * 100, b""])
def test_corrupt_cache_is_discarded_with_a_warning(
    reports: Path, cache_dir: Path, garbage: bytes
) -> None:
    cache_dir.mkdir(parents=True)
    (cache_dir / FILE_NAME).write_bytes(garbage)
    cache = AnalysisCache()
    corpus = tui.analyze([reports], cache=cache)
    assert len(corpus.reports) == 2
    if garbage:
        assert len(cache.warnings) == 1 and "discarded" in cache.warnings[0]
    # The next run has a working cache again.
    cache.close()
    again = AnalysisCache()
    tui.analyze([reports], cache=again)
    assert again.hits == 3 and not again.warnings


def test_damaged_entry_is_a_miss(reports: Path, cache_dir: Path) -> None:
    tui.analyze([reports], cache=AnalysisCache())
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        db.execute("UPDATE entries SET value = x'00ff'")
    cache = AnalysisCache()
    corpus = tui.analyze([reports], cache=cache)
    assert len(corpus.reports) == 2 and cache.hits == 0


def test_a_corpus_entry_holds_no_reports_and_needs_theirs(reports: Path, cache_dir: Path) -> None:
    """The reports are stored once (their own entries), not again in the corpus's; a
    corpus whose report entry is gone is a miss, analysed again to the same result."""
    import pickle
    import zlib

    cold = tui.analyze([reports], cache=AnalysisCache())
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        (blob,) = db.execute("SELECT value FROM entries WHERE kind = 'corpus'").fetchone()
        assert pickle.loads(zlib.decompress(blob)).reports == ()
        db.execute("DELETE FROM entries WHERE rowid = (SELECT min(rowid) FROM entries "
                   "WHERE kind = 'report')")  # fmt: skip
    cache = AnalysisCache()
    warm = tui.analyze([reports], cache=cache)
    assert cache.misses >= 1
    assert warm.to_dict() == cold.to_dict()
    again = AnalysisCache()
    assert tui.analyze([reports], cache=again).to_dict() == cold.to_dict()
    assert again.misses == 0


def test_locked_cache_is_skipped_with_a_warning(reports: Path, cache_dir: Path) -> None:
    tui.analyze([reports], cache=AnalysisCache())
    holder = sqlite3.connect(cache_dir / FILE_NAME)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        cache = AnalysisCache()
        corpus = tui.analyze([reports], cache=cache)
        assert len(corpus.reports) == 2
        assert cache.warnings and "locked" in cache.warnings[0]
    finally:
        holder.rollback()
        holder.close()


def test_cli_uses_the_cache_and_no_cache_skips_it(
    reports: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(reports), "--no-cache"]) == 0
    uncached = json.loads(capsys.readouterr().out)
    assert not (cache_dir / FILE_NAME).exists()
    assert main(["analyze", str(reports)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert (cache_dir / FILE_NAME).exists()
    assert main(["analyze", str(reports)]) == 0
    assert json.loads(capsys.readouterr().out) == first == uncached


def test_cli_corrupt_cache_is_one_warning_line(
    reports: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache_dir.mkdir(parents=True)
    (cache_dir / FILE_NAME).write_bytes(b"garbage" * 500)
    assert main(["analyze", str(reports), "--format", "text"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "discarded" in err and "Traceback" not in err


def test_a_cached_corpus_keeps_the_files_that_could_not_be_read(
    reports: Path, cache_dir: Path
) -> None:
    (reports / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    cold = tui.analyze([reports], cache=AnalysisCache())
    cache = AnalysisCache()
    warm = tui.analyze([reports], cache=cache)
    assert cache.hits == 3  # the inputs, the corpus, its reports
    assert [str(e) for e in warm.errors] == [str(e) for e in cold.errors]
    assert len(warm.errors) == 1 and "broken.txt" in str(warm.errors[0])


def test_the_loader_takes_an_unchanged_input_whole_from_the_cache(tmp_path: Path) -> None:
    """The reader's loader (first file alone, then the rest, then the stages) finds an
    unchanged input whole: no report is looked up file by file, and the corpus is the
    one the command line gets."""
    from tui.pipeline.build import last_corpus
    from tui.pipeline.load import Loader, ReportRead

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(f"Report {name} says the Mayor of Ur spoke.\n")
    cache = AnalysisCache(tmp_path / "cache" / FILE_NAME)

    def load() -> tuple[list[str], object]:
        kinds: list[str] = []
        real_get = cache.get

        def get(kind: str, key: str) -> object:
            kinds.append(kind)
            return real_get(kind, key)

        cache.get = get  # type: ignore[method-assign]
        loader = Loader([folder], cache=cache)
        first = loader.read_first()
        events = list(loader.read())
        corpus = last_corpus(loader.stages())
        del cache.get
        assert first is not None and first.id == "r1"
        assert [e.report.id for e in events if isinstance(e, ReportRead)] == ["r2", "r3"]
        return kinds, corpus

    kinds, fresh = load()
    assert "report" in kinds[1:]
    kinds, again = load()
    # Only the first file was looked up alone (before the whole input was known).
    assert kinds.count("report") == 1 and "inputs" in kinds
    assert again.to_dict() == fresh.to_dict()


def _opened_reports(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """The names of the report files in `folder` opened from now on, once per opening."""
    opened: list[str] = []
    real_open = Path.open

    def counting_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.parent == folder and self.suffix == ".txt":
            opened.append(self.name)
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", counting_open)
    return opened


def test_the_loader_reads_each_file_once_and_an_unchanged_one_not_at_all(
    reports: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's progress moves as the files are read: no pass over every file's
    bytes comes before the first report (an unchanged input is known by the files' sizes
    and times; files changed this very moment, as here, would be read for it)."""
    from tui.pipeline import load

    monkeypatch.setattr(load, "RECENT_NS", 0)
    opened = _opened_reports(monkeypatch, reports)
    names = sorted(p.name for p in reports.glob("*.txt"))
    cold = tui.analyze([reports], cache=AnalysisCache())
    assert sorted(opened) == names
    opened.clear()
    cache = AnalysisCache()
    warm = tui.analyze([reports], cache=cache)
    assert opened == [] and cache.hits == 3  # the inputs, the corpus, its reports
    assert warm.to_dict() == cold.to_dict()


def test_a_rewritten_file_with_the_same_size_and_mtime_is_read_again(
    reports: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from tui.pipeline import load

    monkeypatch.setattr(load, "RECENT_NS", 0)
    tui.analyze([reports], cache=AnalysisCache())
    changed = sorted(reports.glob("*.txt"))[0]
    before = changed.stat()
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("Assad", "Xssad", 1), "utf-8")
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert changed.stat().st_size == before.st_size
    corpus = tui.analyze([reports], cache=AnalysisCache())
    assert "Xssad" in corpus.reports[0].text
    assert corpus.to_dict() == tui.analyze([reports]).to_dict()


def test_a_correction_after_a_whole_input_hit_is_cached_too(
    reports: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader re-analyses after an entity correction: when the input came whole from
    the cache, that analysis is stored (and found) like any other."""
    from tui.model.corrections import Corrections
    from tui.pipeline import build
    from tui.pipeline.load import Loader

    split = Corrections(splits=("Assad",))

    def reader_session() -> object:
        loader = Loader([reports], cache=AnalysisCache())
        loader.read_first()
        for _ in loader.read():
            pass
        build.last_corpus(loader.stages())
        return build.last_corpus(loader.stages(split))

    reader_session()  # cold: both analyses run
    corrected = reader_session()  # the input whole from the cache; the correction anew
    analyses = 0
    real_stages = build.analysis_stages

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal analyses
        analyses += 1
        return real_stages(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "analysis_stages", counted)
    again = reader_session()
    assert analyses == 0
    assert again.to_dict() == corrected.to_dict()  # type: ignore[attr-defined]
    assert any(e.aliases == ("Assad",) for e in again.entities)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- nothing run (issue 17)


class _Planted:
    """Unpickled, it writes a file: what a cache entry planted by someone else could do."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, ...]:
        return (exec, (f"open({str(self.target)!r}, 'w').write('ran')",))


def _plant(db_path: Path, target: Path, *, tags: bool = True) -> int:
    """Every entry's value replaced by a pickle that writes `target` when loaded (and,
    with `tags`, a tag that is not this user's)."""
    import pickle
    import zlib

    evil = zlib.compress(pickle.dumps(_Planted(target)))
    with sqlite3.connect(db_path) as db:
        if tags:
            db.execute("UPDATE entries SET value = ?, tag = zeroblob(32)", (evil,))
        else:
            db.execute("UPDATE entries SET value = ?", (evil,))
        (count,) = db.execute("SELECT count(*) FROM entries").fetchone()
    return int(count)


def test_a_planted_entry_is_refused_with_a_warning_and_runs_nothing(
    reports: Path, cache_dir: Path, tmp_path: Path
) -> None:
    cold = tui.analyze([reports], cache=AnalysisCache())
    target = tmp_path / "ran.txt"
    assert _plant(cache_dir / FILE_NAME, target) >= 4
    cache = AnalysisCache()
    warm = tui.analyze([reports], cache=cache)
    assert not target.exists()
    assert cache.hits == 0
    assert len(cache.warnings) == 1 and "refused" in cache.warnings[0]
    assert warm.to_dict() == cold.to_dict()
    # Analysed again, the entries are this user's again.
    again = AnalysisCache()
    tui.analyze([reports], cache=again)
    assert again.hits == 3 and not again.warnings


def test_an_entry_made_with_another_users_key_is_refused(
    reports: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key is outside the cache folder: a shared cache folder is not enough to
    write entries this user will read."""
    tui.analyze([reports], cache=AnalysisCache())
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(tmp_path / "someone else"))
    cache = AnalysisCache()
    tui.analyze([reports], cache=cache)
    assert cache.hits == 0 and "refused" in cache.warnings[0]


def test_a_cache_of_an_older_newsprism_is_replaced_unread(
    reports: Path, cache_dir: Path, tmp_path: Path
) -> None:
    cache_dir.mkdir(parents=True)
    target = tmp_path / "ran.txt"
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        db.execute(
            "CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, "
            "value BLOB NOT NULL, PRIMARY KEY (kind, key))"
        )
        db.execute("INSERT INTO entries VALUES ('corpus', 'k', x'00')")
    _plant(cache_dir / FILE_NAME, target, tags=False)
    cache = AnalysisCache()
    assert len(tui.analyze([reports], cache=cache).reports) == 2
    assert not target.exists() and cache.hits == 0


# ---------------------------------------------------------------- bounded (issue 17)


def test_the_cache_stays_under_its_limit_as_corpora_come_and_go(
    reports: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 40_000
    monkeypatch.setenv("NEWSPRISM_CACHE_LIMIT", str(limit))
    # Every file counts as just written, so the inputs' key is its bytes however slowly
    # the loop runs: under load the last write could be older than `RECENT_NS` by the
    # last lookup, whose key would then be the file's times (a miss, and 5 lookups).
    monkeypatch.setattr("tui.pipeline.load.RECENT_NS", 1 << 62)
    seed = sorted(reports.glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    evicted = 0
    for n in range(30):  # a new corpus each time: one report changed (about 9 KB anew)
        seed.write_text(text + f"\n\nCorpus {n}: rebels reached the town of Ur {n}.", "utf-8")
        cache = AnalysisCache()
        tui.analyze([reports], cache=cache)
        assert cache.size() <= limit
        evicted += cache.evicted
        cache.close()
        # The file too: the entries and SQLite's pages (4 KB each: a few more), not the
        # 270 KB the 30 corpora would take.
        assert (cache_dir / FILE_NAME).stat().st_size <= limit + 16 * 4096
    assert evicted > 0
    # The last corpus, used last, is still there whole.
    cache = AnalysisCache()
    tui.analyze([reports], cache=cache)
    assert cache.hits == 3 and cache.misses == 0


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("", 1 << 30),
        ("500M", 500 << 20),
        ("2G", 2 << 30),
        ("64 KiB", 64 << 10),
        ("1000", 1000),
        ("0", 0),
    ],
)
def test_the_limit_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, text: str, limit: int
) -> None:
    from tui.pipeline.cache import cache_limit

    monkeypatch.setenv("NEWSPRISM_CACHE_LIMIT", text)
    assert cache_limit() == limit


@pytest.mark.parametrize(("limit", "warned"), [("lots", True), ("0", False)])
def test_a_limit_that_is_no_size_or_0_is_no_cache(
    reports: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, limit: str, warned: bool
) -> None:
    """No size: one warning; 0: no cache, as asked. The analysis runs either way."""
    monkeypatch.setenv("NEWSPRISM_CACHE_LIMIT", limit)
    cache = AnalysisCache()
    assert len(tui.analyze([reports], cache=cache).reports) == 2
    assert not cache.enabled and not (cache_dir / FILE_NAME).exists()
    assert [("NEWSPRISM_CACHE_LIMIT" in w) for w in cache.warnings] == ([True] if warned else [])


def test_the_entries_read_least_recently_go_first(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path / FILE_NAME, limit=10**9)
    blob = "x" * 20_000  # compressed small; the limit below counts stored bytes
    cache.put_many("report", [(f"k{n}", f"{n} {blob}") for n in range(4)])
    assert cache._db is not None
    # All four written long ago, k0 first; then k0 is read (and so marked used now).
    cache._db.execute("UPDATE entries SET used = 1000 + CAST(substr(key, 2) AS INTEGER)")
    cache._db.commit()
    assert cache.get("report", "k0") is not None
    assert cache.get_many("report", ["k1"])[0] is not None
    cache.limit = cache.size() + 10  # one more entry goes over: the oldest go
    cache.put("report", "k4", f"4 {blob}")
    kept = [cache.get("report", f"k{n}") is not None for n in range(5)]
    assert kept[0] and kept[1] and kept[4]  # read or written last
    assert not (kept[2] and kept[3]) and cache.evicted >= 1
