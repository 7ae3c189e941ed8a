"""Safe file output: write a temp file beside the target, fsync, then rename over it."""

from __future__ import annotations

import glob
import os
import tempfile
from pathlib import Path

from calendar_extract.errors import OutputError


def cache_home() -> Path:
    """$XDG_CACHE_HOME/calendar-extract, else ~/.cache/calendar-extract: fetched pages' validators
    and the gazetteer's lookup tables."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "calendar-extract"


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old file or the new one, never a part.

    The temp file lives in the target's folder (a rename across file systems is not atomic) and
    gets the permissions a plain `open()` would give under the current umask.

    Raises:
        OutputError: the folder is missing or not writable, or the disk is full.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _default_mode())
        os.replace(tmp, path)
        _sync_folder(folder)
    except OSError as exc:
        _remove_quietly(tmp)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        _remove_quietly(tmp)
        raise


def _sync_folder(folder: Path) -> None:
    """fsync the folder, so the rename itself survives a power cut (POSIX; a no-op elsewhere)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems do not sync folders; the rename is still atomic
    finally:
        os.close(fd)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _remove_quietly(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def remove_stale_temps(path: Path) -> int:
    """Delete temp files an earlier, killed `atomic_write` of `path` left beside it; how many.

    Only call this while no other writer of `path` can run (under `calendar-extract run`'s lock).
    """
    folder = path.parent if str(path.parent) else Path(".")
    removed = 0
    for tmp in folder.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass
    return removed
