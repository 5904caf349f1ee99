"""Writing files so that a crash or an error never leaves a half-written output behind.

One file is written beside its target and renamed over it (:func:`write_atomic`). A folder of
outputs that belong together (``graph/``) is written as one generation (:func:`write_generation`):
every file goes into a fresh hidden folder beside the target, which is then swapped with the
target in one rename (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames, and the next
writer repairs what a crash between them left). Writers of one folder take a lock, so two builds
at once run one after the other. Whatever happens, a reader sees the old generation or the new
one, never a mix, and a failed write (a full disk included) leaves the old one as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, then rename it over ``path``.

    The file gets ordinary permissions (0666 less the umask), not mkstemp's private 0600.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock for writing ``folder`` (on its parent directory: no lock file)."""
    import fcntl

    parent = folder.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a second writer waits here until the first is done
        yield
    finally:
        os.close(fd)  # closing releases the lock, also when the process is killed


def write_generation(out: Path, files: Mapping[str, str | bytes], *,
                     carry: Callable[[str], bool] = lambda name: name.startswith(".")) -> None:
    """Make ``out`` hold exactly ``files`` (name → content), replacing what it held in one step.

    Entries of the old folder for which ``carry(name)`` holds (by default hidden ones, such as
    an on-disk store) are moved into the new generation. Call inside :func:`locked`.
    """
    out = out.absolute()
    repair(out, carry)
    umask = os.umask(0)
    os.umask(umask)
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.generation-", dir=out.parent))
    try:
        for name, content in files.items():
            with open(new / name, "wb") as handle:
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(new / name, 0o666 & ~umask)
        os.chmod(new, 0o777 & ~umask)
        _fsync_dir(new)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if not out.exists():
        os.rename(new, out)
    elif _exchange(new, out):  # `new` now holds the old generation
        _carry(new, out, carry)
        shutil.rmtree(new, ignore_errors=True)
    else:
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.generation-", dir=out.parent))
        os.rename(out, old / "previous")  # a crash until the next rename: repair() restores it
        os.rename(new, out)
        _carry(old / "previous", out, carry)
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(out.parent)


def repair(out: Path, carry: Callable[[str], bool]) -> None:
    """Clear what killed writers of ``out`` left beside it: a restored or removed generation."""
    out = out.absolute()
    for stale in sorted(out.parent.glob(glob.escape(f".{out.name}.generation-") + "*")):
        previous = stale / "previous"
        if previous.is_dir() and not out.exists():
            os.rename(previous, out)  # killed between the two renames: the old generation returns
        elif out.exists():
            _carry(previous if previous.is_dir() else stale, out, carry)
        shutil.rmtree(stale, ignore_errors=True)


def _carry(old: Path, new: Path, carry: Callable[[str], bool]) -> None:
    if not old.is_dir():
        return
    for entry in old.iterdir():
        if carry(entry.name) and not (new / entry.name).exists():
            os.rename(entry, new / entry.name)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically; False when this system cannot (then rename twice)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
