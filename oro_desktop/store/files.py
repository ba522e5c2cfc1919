"""Small file helpers: private permissions, atomic replacement, network-drive refusal.

Permissions. Every file the application or `oro-admin` creates is 0600 and every folder
0700, whatever the process umask (issue 9, defect 3). A unit that keeps its store in a
folder shared between OS accounts of one group says so explicitly with the environment
setting `ORO_SHARED_FOLDER=1` (documented in README and docs/architecture.md): files are
then 0660 and folders 0770. Nothing is ever world-readable.

Atomic replacement. A half-written key file would lock everybody out, so every write goes
to a temporary file in the same directory, is fsynced, and replaces the old one with
`os.replace` (atomic on POSIX and Windows), after which the directory entry is fsynced.

Network drives. SQLite's WAL needs shared memory between processes on one machine; on a
network file system it silently breaks (issue 9, defect 14). `refuse_network_drive`
refuses such a folder unless `ORO_FOLDER_IS_LOCAL=1` says it is local after all.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

SHARED_ENV = "ORO_SHARED_FOLDER"
LOCAL_ENV = "ORO_FOLDER_IS_LOCAL"

# File system types (Linux /proc/mounts, macOS statfs f_fstypename) that are network drives.
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "afs", "ncpfs",
    "9p", "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.s3fs", "davfs", "fuse.davfs2",
    "webdav", "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph", "lustre", "gpfs",
})
MOUNTS_FILE = "/proc/mounts"


def shared_folder() -> bool:
    """True when the explicit shared-folder setting is on (group may read and write)."""
    return os.environ.get(SHARED_ENV) == "1"


def file_mode() -> int:
    return 0o660 if shared_folder() else 0o600


def dir_mode() -> int:
    return 0o770 if shared_folder() else 0o700


def make_private(path: Path, *, directory: bool = False) -> None:
    """Set our permissions on something we just created (best effort on Windows)."""
    try:
        os.chmod(path, dir_mode() if directory else file_mode())
    except OSError:
        pass


def ensure_dir(directory: Path) -> None:
    """Create `directory` (and missing parents) as 0700; an existing folder is left alone."""
    directory = Path(directory)
    missing = []
    probe = directory
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    directory.mkdir(parents=True, exist_ok=True, mode=dir_mode())
    for created in missing:
        make_private(created, directory=True)


def create_private_file(path: Path) -> None:
    """Create an empty file with our mode (O_EXCL), so SQLite's own files inherit it.

    SQLite gives `-wal`, `-shm` and `-journal` the permissions of the database file, so
    making the database 0600 before SQLite writes to it makes all of them 0600.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 file_mode())
    os.close(fd)
    make_private(path)


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write a user-chosen output file (a PDF, say) as 0600, replacing it if it exists."""
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 file_mode())
    with os.fdopen(fd, "wb") as handle:
        make_private(path)
        handle.write(data)


def fsync_dir(directory: Path) -> None:
    """Make a rename durable (no-op on platforms that cannot open directories)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, like: Path | None = None) -> None:
    """Replace `path` with `data`, never leaving a partly written file behind.

    The new file is always private (0600, or 0660 with the shared-folder setting);
    `like` is accepted for older callers and ignored: copying a laxer mode from a
    neighbour is how world-readable key files happened.
    """
    del like
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        make_private(Path(tmp))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


def side_path(db_path: Path, suffix: str) -> Path:
    """`<db>.<suffix>` beside the database file."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + suffix)


# -- network drives -------------------------------------------------------------------
def _unescape_mount(field: str) -> str:
    return (field.replace("\\040", " ").replace("\\011", "\t")
            .replace("\\012", "\n").replace("\\134", "\\"))


def fs_type_from_mounts(path: Path, mounts_text: str) -> str | None:
    """The file system type of the longest mount point containing `path`, from /proc/mounts."""
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, fstype = _unescape_mount(parts[1]), parts[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and len(point) >= len(best):
            best, best_type = point, fstype
    return best_type


def _existing_ancestor(path: Path) -> Path:
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    root = os.path.splitdrive(os.path.abspath(path))[0]
    if root.startswith("\\\\"):
        return True  # a UNC path \\server\share
    drive_remote = 4
    return ctypes.windll.kernel32.GetDriveTypeW(root + "\\") == drive_remote


def _macos_fs_type(path: Path) -> str | None:  # pragma: no cover - macOS only
    import subprocess

    try:
        out = subprocess.run(["stat", "-f", "%T", str(path)], capture_output=True, text=True,
                             timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out or None


def network_fs_type(path: Path, *, mounts_file: str | None = None) -> str | None:
    """The network file system type under `path`, or None when it is a local disk."""
    where = Path(os.path.realpath(path))  # resolves the part that exists
    if sys.platform == "win32":  # pragma: no cover
        return "remote" if _windows_drive_is_remote(_existing_ancestor(where)) else None
    if sys.platform == "darwin":  # pragma: no cover
        fstype = _macos_fs_type(_existing_ancestor(where))
    else:
        try:
            with open(mounts_file or MOUNTS_FILE, encoding="utf-8", errors="replace") as handle:
                fstype = fs_type_from_mounts(where, handle.read())
        except OSError:
            return None
    if fstype and fstype.lower() in NETWORK_FS_TYPES:
        return fstype
    return None


def refuse_network_drive(path: Path, *, mounts_file: str | None = None) -> None:
    """Raise StoreError (Swedish) if the store folder is on a network drive, unless overridden."""
    if os.environ.get(LOCAL_ENV) == "1":
        return
    fstype = network_fs_type(Path(path).parent, mounts_file=mounts_file)
    if fstype:
        from oro_desktop.store.errors import NetworkDrive

        raise NetworkDrive(Path(path).parent, fstype)


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; ValueError for anything else.

    Opened non-blocking and checked with fstat on the open descriptor, so a FIFO or a
    device given where a key file or a backup belongs is refused at once instead of
    hanging the unlock (and a swap between check and open cannot fool it).
    FileNotFoundError passes through for the caller's own message.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{path} is not a regular file")
        if info.st_size > max_bytes:
            raise ValueError(f"{path} is larger than {max_bytes} bytes")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise ValueError(f"{path} is larger than {max_bytes} bytes")
    return data
