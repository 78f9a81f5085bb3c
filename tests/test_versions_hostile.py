"""The report versions folder under attack (issue 23, items 2 and 10): a `.versions` that is a
link is refused, nothing a render did not make is removed, and what a killed render left is."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.batch import versions


def linked_versions(tmp_path: Path) -> tuple[Path, Path]:
    """An output folder whose `.versions` is a link to someone's folder holding a thesis."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "thesis.txt").write_text("years of work", encoding="utf-8")
    (elsewhere / "bridge.abcd1234").mkdir()
    out = tmp_path / "reports"
    out.mkdir()
    (out / ".versions").symlink_to(elsewhere)
    return out, elsewhere


def test_symlinked_versions_is_refused_and_its_target_kept(tmp_path):
    out, elsewhere = linked_versions(tmp_path)
    with pytest.raises(ValueError, match=r"\.versions is a link .* remove the link"):
        versions.clean(out)
    with pytest.raises(ValueError, match="is a link"):
        versions.new_version(out, "bridge")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["bridge.abcd1234", "thesis.txt"]


def test_symlinked_versions_render_says_so_and_deletes_nothing(tmp_path, write_article, capsys):
    from helpers.cli import main

    out, elsewhere = linked_versions(tmp_path)
    article = write_article("Bridge\n\nThe bridge reopened on Monday.\n", "bridge.txt")
    assert main(["render", "--article", str(article), "--out", str(out)]) == 1
    assert "is a link" in capsys.readouterr().err
    assert (elsewhere / "thesis.txt").read_text(encoding="utf-8") == "years of work"


def test_symlinked_versions_clean_removes_only_what_a_render_made(tmp_path):
    out = tmp_path / "reports"
    staging = versions.new_version(out, "bridge")  # a killed render's unlinked version
    store = staging.parent
    (store / "thesis.txt").write_text("mine", encoding="utf-8")
    (store / "notes").mkdir()
    (store / "harbour.moved-by-me").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep", encoding="utf-8")
    (store / "harbour.zzzz9999").symlink_to(outside)  # a render's name, but a link
    removed = versions.clean(out)
    assert sorted(p.name for p in removed) == [staging.name, "harbour.zzzz9999"]
    assert sorted(p.name for p in store.iterdir()) == ["harbour.moved-by-me", "notes",
                                                       "thesis.txt"]
    assert (outside / "keep.txt").exists()  # the link went, never what it pointed to


def test_kill_leftovers_temporary_files_in_reports_are_removed(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    for name in ("tmpab12_x9z.tmp", ".index.html.x.tmp", "my-notes.tmp"):
        (out / name).write_text("half", encoding="utf-8")
    versions.clean(out)
    assert sorted(p.name for p in out.iterdir()) == ["my-notes.tmp"]


def test_kill_leftovers_stale_temporary_cache_files_are_removed(tmp_path, monkeypatch):
    import os
    import time

    from helpers import cache

    folder = tmp_path / "analysis"
    folder.mkdir()
    monkeypatch.setattr(cache, "ANALYSIS_CACHE", folder)
    monkeypatch.setattr(cache, "_swept", set())
    stale, fresh = folder / "tmpab12_x9z.tmp", folder / "tmpcd34_y8w.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"half an entry")
    hours_ago = time.time() - 2 * cache.STALE_SECONDS
    os.utime(stale, (hours_ago, hours_ago))
    cache.store("key", cache.Entry(b"doc", {}, {"model": "test"}))
    assert sorted(p.name for p in folder.iterdir()) == ["key.entry", fresh.name]


def test_kill_leftovers_kernel_connection_files_are_kept_together_and_swept(tmp_path):
    import os

    from helpers.batch import kernels

    dead = tmp_path / f"{kernels.RUNTIME_PREFIX}4194305-ab12"  # above any process id
    live = tmp_path / f"{kernels.RUNTIME_PREFIX}{os.getpid()}-cd34"
    for folder in (dead, live):
        folder.mkdir()
        (folder / "kernel-1.json").write_text("{}", encoding="utf-8")
    assert kernels.sweep_runtime(tmp_path) == [dead]
    assert live.exists() and not dead.exists()
    manager = kernels.start_kernel(tmp_path, "x = 1")
    connection = Path(manager.connection_file)
    assert connection.parent == kernels.runtime_folder() and connection.exists()
    kernels.shutdown(manager)
    assert not connection.exists()
