"""Safe writes (README "Reliability"): whole files or nothing, never through a link or a device.

Without ``--force`` a target is created exclusively (a link from the finished temporary
file, which fails if anything exists at the name); with ``--force`` only a regular file is
replaced. ``-`` is standard output.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from cli_support import run_cli

from ui.cli.files import UnsafeTargetError, remove_stale_parts, write_atomically

DEMO_MEMO = ("recommend", "--demo", "--format", "markdown")


def test_an_existing_file_is_kept_without_force(tmp_path):
    target = tmp_path / "memo.md"
    target.write_text("keep me", encoding="utf-8")
    result = run_cli(*DEMO_MEMO, "-o", target)
    assert result.returncode == 1
    assert "exists; use --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


def test_force_replaces_a_regular_file(tmp_path):
    target = tmp_path / "memo.md"
    target.write_text("old", encoding="utf-8")
    assert run_cli(*DEMO_MEMO, "-o", target, "--force").returncode == 0
    assert target.read_text(encoding="utf-8").startswith("# Alliance structure memo")


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_symbolic_link_is_never_written_through_or_replaced(tmp_path, force):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "memo.md"
    link.symlink_to(victim)
    result = run_cli(*DEMO_MEMO, "-o", link, *force)
    assert result.returncode == 1
    assert "symbolic link" in result.stderr
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "precious"


def test_a_dangling_link_is_not_replaced_without_force(tmp_path):
    link = tmp_path / "memo.md"
    link.symlink_to(tmp_path / "nowhere")
    result = run_cli(*DEMO_MEMO, "-o", link)
    assert result.returncode == 1
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_is_never_replaced_even_with_force():
    result = run_cli(*DEMO_MEMO, "-o", "/dev/null", "--force")
    assert result.returncode == 1
    assert "character device" in result.stderr
    assert Path("/dev/null").is_char_device()


def test_a_named_pipe_is_never_replaced_even_with_force(tmp_path):
    fifo = tmp_path / "memo.md"
    os.mkfifo(fifo)
    result = run_cli(*DEMO_MEMO, "-o", fifo, "--force")
    assert result.returncode == 1
    assert "named pipe" in result.stderr


def test_a_dash_means_standard_output_not_a_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli(*DEMO_MEMO, "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Alliance structure memo")
    assert not (tmp_path / "-").exists()


def test_exclusive_create_lets_exactly_one_of_many_writers_win(tmp_path):
    target = tmp_path / "memo.md"
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def writer(number: int) -> None:
        start.wait()
        try:
            write_atomically(target, f"writer {number}".encode(), force=False)
            outcomes.append("won")
        except FileExistsError:
            outcomes.append("refused")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 7 + ["won"]
    assert target.read_text(encoding="utf-8").startswith("writer ")
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]


def test_a_failed_write_leaves_no_temporary_file(tmp_path):
    (tmp_path / "memo.md").mkdir()
    with pytest.raises(UnsafeTargetError):
        write_atomically(tmp_path / "memo.md", b"x", force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]


def test_stale_temporary_files_of_dead_runs_are_removed_and_live_ones_kept(tmp_path):
    dead = tmp_path / ".memo.md.999999999.abcd1234.part"  # no such process
    live = tmp_path / f".memo.md.{os.getpid()}.abcd1234.part"
    other = tmp_path / ".notes.part"  # not ours: no process id
    for path in (dead, live, other):
        path.write_bytes(b"half")
    assert remove_stale_parts(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name])


def test_the_next_write_into_a_folder_cleans_a_killed_runs_leftovers(tmp_path):
    dead = tmp_path / ".old.md.999999999.abcd1234.part"
    dead.write_bytes(b"half a memo")
    write_atomically(tmp_path / "new.md", b"whole", force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md"]


def test_the_folder_is_synced_after_the_file_is_put_in_place(tmp_path, monkeypatch):
    import stat

    import ui.cli.files as files

    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(handle: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(handle).st_mode) else "file")
        real_fsync(handle)

    monkeypatch.setattr(files.os, "fsync", recording_fsync)
    write_atomically(tmp_path / "memo.md", b"whole", force=False)
    assert synced == ["file", "folder"]
