"""Make a file or folder really read-only for a test, even when the tests run as root.

As a normal user: remove the write permission bits. As root (permission bits
do not stop root): bind-mount the path onto itself and remount it read-only,
so every write fails with EROFS exactly as on a read-only share or CD.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    path = Path(path)
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        try:
            yield
        finally:
            path.chmod(mode)
        return
    _mount("--bind", str(path), str(path))
    try:
        _mount("-o", "remount,ro,bind", str(path))
        yield
    finally:
        subprocess.run(["umount", str(path)], check=False, capture_output=True)


def can_make_read_only() -> bool:
    """False only for root without the right to mount (a locked-down container)."""
    if os.geteuid() != 0:
        return True
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"sbdesk-ro-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        with read_only(probe):
            try:
                (probe / "x").write_text("x")
            except OSError:
                return True
            return False
    except (OSError, subprocess.CalledProcessError):
        return False
    finally:
        with contextlib.suppress(OSError):
            (probe / "x").unlink()
        with contextlib.suppress(OSError):
            probe.rmdir()
