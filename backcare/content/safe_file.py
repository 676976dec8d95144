"""Read content files so that no file in the content folder can hang or swamp the reader.

Only regular files inside the content folder are read, each at most ``MAX_FILE_BYTES``
and all together at most ``MAX_TOTAL_BYTES``. A named pipe, a device, a socket, a folder
named like a file, a link that loops, dangles or leads out of the folder: each is refused
with a message, never opened in a way that could block (``O_NONBLOCK``) and never followed
out of the folder. The bytes read are kept so the content hash needs no second read.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path, PurePosixPath

#: The biggest real content file is under 2 KB.
MAX_FILE_BYTES = 128 * 1024
#: The real content is under 70 KB in all; the worst 1 MB of YAML parses in about 2 s.
MAX_TOTAL_BYTES = 1024 * 1024

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW


class UnsafeFile(Exception):
    """The file was not read; ``message`` says why, in words that follow its name."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "an unusual kind of file"


def _require_regular(mode: int, via_link: bool) -> None:
    if stat.S_ISREG(mode):
        return
    link = "a link to " if via_link else ""
    if stat.S_ISDIR(mode):
        raise UnsafeFile(f"is {link}a folder, not a file")
    raise UnsafeFile(f"is {link}{_kind(mode)}, not a regular file" if via_link
                     else f"is not a regular file ({_kind(mode)})")


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot be read (permission denied)"
    return f"cannot be read ({exc.strerror or type(exc).__name__})"


def _kb(size: int) -> str:
    return f"{-(-size // 1024):,} KB"


class ContentFiles:
    """Reads the files of one content folder and remembers what it read, for the hash."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = os.path.realpath(root)
        self._read: dict[str, bytes] = {}
        self._total = 0
        #: Set once the folder's total is over the limit; no further file is read.
        self.full = False

    def _inside(self, real: str) -> bool:
        return real == self._real_root or real.startswith(self._real_root.rstrip(os.sep) + os.sep)

    def _target(self, path: Path) -> tuple[str, int]:
        """The real path to open and its size, after the checks on links and kinds."""
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            raise UnsafeFile("is missing") from None
        except OSError as exc:
            raise UnsafeFile(_reason(exc)) from None
        is_link = stat.S_ISLNK(info.st_mode)
        if is_link:
            try:
                info = os.stat(path)
            except FileNotFoundError:
                raise UnsafeFile("is a link to a file that does not exist") from None
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise UnsafeFile("is a link that loops") from None
                raise UnsafeFile(_reason(exc)) from None
        real = os.path.realpath(path)
        if not self._inside(real):
            raise UnsafeFile("is a link to outside the content folder" if is_link
                             else "is in a folder that links to outside the content folder")
        _require_regular(info.st_mode, is_link)
        return real, info.st_size

    def read(self, path: Path) -> bytes:
        """The bytes of ``path`` (a file under the root), or :class:`UnsafeFile`."""
        if self.full:
            raise UnsafeFile("was not read: the content folder is over its size limit")
        real, size = self._target(path)
        self._check_size(size)
        try:
            fd = os.open(real, _OPEN_FLAGS)
        except OSError as exc:
            raise UnsafeFile(_reason(exc)) from None
        try:
            _require_regular(os.fstat(fd).st_mode, via_link=False)  # it may have changed
            chunks: list[bytes] = []
            got = 0
            while got <= MAX_FILE_BYTES:
                chunk = os.read(fd, MAX_FILE_BYTES + 1 - got)
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
        except OSError as exc:
            raise UnsafeFile(_reason(exc)) from None
        finally:
            os.close(fd)
        data = b"".join(chunks)
        self._check_size(len(data))
        self._total += len(data)
        self._read[PurePosixPath(path.relative_to(self.root)).as_posix()] = data
        return data

    def _check_size(self, size: int) -> None:
        if size > MAX_FILE_BYTES:
            raise UnsafeFile(f"is {_kb(size)}; the limit is {_kb(MAX_FILE_BYTES)}")
        if self._total + size > MAX_TOTAL_BYTES:
            self.full = True
            raise UnsafeFile(f"takes the content folder over {_kb(MAX_TOTAL_BYTES)}, "
                             "the limit for all its files together")

    def content_hash(self) -> str:
        """sha256 (hex) of every file read: its path, its length and its bytes, by path."""
        digest = hashlib.sha256()
        for rel in sorted(self._read, key=lambda r: PurePosixPath(r).parts):
            data = self._read[rel]
            digest.update(f"{rel}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
            digest.update(data)
        return digest.hexdigest()
