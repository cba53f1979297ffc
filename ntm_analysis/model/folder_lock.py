"""The lock of an output folder (data/processed or any --out): one writer at a time.

`ntm build` holds it for the whole build and `ntm check-facts` while it writes its findings
into the folder, so no reader ever sees one build's tables beside another's findings. The lock
is an OS file lock, released when its holder exits, even when killed.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

LOCK_NAME = ".build.lock"
STAGING_PREFIX = ".build-staging-"


class OutputBusy(RuntimeError):
    """Another build holds the output folder's lock and the caller chose not to wait."""


@contextmanager
def output_lock(out_dir: Path, wait: bool = True) -> Iterator[None]:
    """Hold the exclusive build lock of ``out_dir`` (created if needed) for the block.

    The lock is an OS file lock on ``out_dir/.build.lock``, released when the holder
    exits, even when it is killed, so a stale lock file never blocks. While held, the file
    names the holder (process, host, start time) for the message a waiting build prints. Staging
    folders left by a killed build are removed once the lock is held.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / LOCK_NAME).open("a+", encoding="utf-8") as fh:
        if not _try_lock(fh):
            fh.seek(0)
            holder = fh.read().strip() or "holder unknown"
            busy = f"{out_dir} is being written by another build ({holder})"
            if not wait:
                raise OutputBusy(f"{busy}; run again when it has finished")
            print(f"ntm: {busy}; waiting for it to finish", file=sys.stderr, flush=True)
            _lock(fh)
        try:
            fh.seek(0)
            fh.truncate()
            started = time.strftime("%Y-%m-%d %H:%M:%S")
            fh.write(f"process {os.getpid()} on {socket.gethostname()}, started {started}\n")
            fh.flush()
            for stale in out_dir.glob(f"{STAGING_PREFIX}*"):
                shutil.rmtree(stale, ignore_errors=True)
            yield
        finally:
            fh.truncate(0)  # empty while nobody holds the lock
            _unlock(fh)


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _locking(fh: IO[str], mode: int) -> None:
        fh.seek(1 << 20)  # a byte past the holder text, so waiting builds can read it
        msvcrt.locking(fh.fileno(), mode, 1)

    def _try_lock(fh: IO[str]) -> bool:
        try:
            _locking(fh, msvcrt.LK_NBLCK)
        except OSError:
            return False
        return True

    def _lock(fh: IO[str]) -> None:
        while not _try_lock(fh):
            time.sleep(0.5)

    def _unlock(fh: IO[str]) -> None:
        _locking(fh, msvcrt.LK_UNLCK)

else:
    import fcntl

    def _try_lock(fh: IO[str]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _lock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)

    def _unlock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
