"""Writing output files safely: whole or not at all, never through a link or a device.

Every file is written to a temporary ``.NAME.PID.RANDOM.part`` beside its target, synced,
and then put in place in one step, and the folder is synced after (a batch syncs its
output folder once, after all its memos), so a killed run leaves either the old file,
the new one or nothing, never half a file:

- without ``--force`` the temporary file is *linked* to the target name, which fails
  if anything at all exists there (exclusive create: two runs cannot both succeed);
- with ``--force`` it is renamed over the target, but only over a regular file: a
  symbolic link (even a dangling one), a device, a pipe or a folder at the target is
  refused, never replaced or written through;
- ``-`` as the target means standard output.

A temporary file left by a run that was killed (its process no longer exists) is
removed by the next run that writes into that folder.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

STDOUT = "-"
PART_SUFFIX = ".part"


class UnsafeTargetError(OSError):
    """The output path names something the advisor will not replace or write through."""


def is_stdout(path: Path | str | None) -> bool:
    """Whether an output path means standard output (``-``)."""
    return path is not None and str(path) == STDOUT


def check_target(path: Path, *, force: bool) -> None:
    """Refuse a target that exists (without ``force``) or is not a regular file.

    Raises:
        FileExistsError: something is at ``path`` and ``force`` is false.
        UnsafeTargetError: ``path`` is a symbolic link, a device, a pipe, a socket or a
            folder (refused even with ``force``).
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise UnsafeTargetError(f"{path} is a symbolic link; not writing through or replacing it")
    if not stat.S_ISREG(mode):
        raise UnsafeTargetError(f"{path} is {_kind(mode)}, not a regular file; not replacing it")
    if not force:
        raise FileExistsError(f"{path} exists; use --force to overwrite it")


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def write_atomically(
    path: Path, data: bytes, *, force: bool = True, tidy: bool = True, sync: bool = True
) -> None:
    """Write ``data`` to ``path`` whole or not at all (see the module's rules).

    Args:
        path: the target; its folder is created if missing.
        data: the file's bytes.
        force: replace an existing regular file; without it, an existing target is an
            error even if it appears while writing.
        tidy: first remove the folder's stale temporary files (a batch does that once
            for all its memos instead).
        sync: flush the folder's entry once the file is in place; a batch passes
            ``False`` and flushes its folder once for all its memos (``sync_folder``).

    Raises:
        FileExistsError: the target exists and ``force`` is false.
        UnsafeTargetError: the target is a link or not a regular file.
        OSError: the folder or file cannot be written.
    """
    check_target(path, force=force)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    if tidy:
        remove_stale_parts(folder)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=PART_SUFFIX, dir=folder
    )
    try:
        # mkstemp creates the file private (0600); give it the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            check_target(path, force=True)  # narrows the window; rename never follows links
            os.replace(temporary, path)
        else:
            _link_exclusively(temporary, path)
        if sync:
            sync_folder(folder)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _link_exclusively(temporary: str, path: Path) -> None:
    """Give the finished temporary file the target's name, failing if the name is taken."""
    try:
        os.link(temporary, path, follow_symlinks=False)
    except FileExistsError:
        raise FileExistsError(f"{path} exists; use --force to overwrite it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # No hard links here (some network and FAT file systems): claim the name with an
        # exclusive create, then rename the finished file over the claim.
        claim = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
        os.close(claim)
        os.replace(temporary, path)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk, so a rename in it survives a crash."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - a platform that cannot open folders
        return
    try:
        os.fsync(handle)
    except OSError:  # pragma: no cover - a file system that cannot sync folders
        pass
    finally:
        os.close(handle)


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove the temporary files of runs that were killed while writing into ``folder``.

    A temporary file names its writer's process id; it is stale when that process no
    longer exists. Files of live runs (this one included) are left alone.

    Returns:
        The files removed.
    """
    removed: list[Path] = []
    try:
        candidates = [
            p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(PART_SUFFIX)
        ]
    except OSError:
        return removed
    for candidate in candidates:
        pid = _writer_of(candidate.name)
        if pid is None or _alive(pid):
            continue
        try:
            if stat.S_ISREG(os.lstat(candidate).st_mode):
                candidate.unlink()
                removed.append(candidate)
        except FileNotFoundError:
            continue
    return removed


def _writer_of(name: str) -> int | None:
    parts = name[: -len(PART_SUFFIX)].split(".")
    # ".", name (which may contain dots), pid, random: the pid is the second last part.
    if len(parts) < 4 or not parts[-2].isdigit():
        return None
    return int(parts[-2])


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return _not_a_zombie(pid)


def _not_a_zombie(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return status.rpartition(")")[2].split()[:1] != ["Z"]


__all__ = [
    "PART_SUFFIX",
    "STDOUT",
    "UnsafeTargetError",
    "check_target",
    "is_stdout",
    "remove_stale_parts",
    "sync_folder",
    "write_atomically",
]
