"""What the command lines print, and their exit codes: shared by ``scoring.cli``, ``scoring.batch`` and
``python -m reports``, so that neither imports the other (``batch`` is what ``cli`` runs).

Exit codes: 0 success, 2 bad input (with the problems on stderr).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Literal

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def emit(text: str, stream: Literal["stdout", "stderr"] = "stdout") -> None:
    """Print one message at once; if its reader has gone (a closed pipe), drop this and every later message."""
    try:
        print(text, file=getattr(sys, stream), flush=True)
    except BrokenPipeError:
        silence(stream)


def silence(stream: Literal["stdout", "stderr"]) -> None:
    """Point a stream whose pipe was closed at the null device, so that later writes and exit's flush succeed.

    The command then goes on to its usual exit code: ``| head -1`` does not make a failed validation pass.
    """
    current = getattr(sys, stream)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, current.fileno())
    except (AttributeError, OSError, ValueError):  # no file descriptor (an in-memory stream): replace the object
        setattr(sys, stream, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - open until the exit
    finally:
        os.close(null)


def write_stdout(text: str) -> None:
    # Bytes, so that accented texts survive a console whose encoding is not UTF-8.
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    try:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    except BrokenPipeError:  # the reader took what it wanted (| head): not an error of the scoring
        silence("stdout")


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write next to the target then rename: a reader never sees half a file, a failure leaves none."""
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; the result is an ordinary file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
