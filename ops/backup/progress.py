"""Progress on stderr: rows per second per table, bytes of media, so a long backup is never silent."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def human_bytes(size: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.1f} {unit}" if unit != "B" else f"{int(size)} B"
        size /= 1024
    return f"{size:.1f} GiB"


class Progress:
    """Writes a line per finished step, and a refreshed line every second while a step runs."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.live = self.stream.isatty()
        self._label = ""
        self._started = 0.0
        self._last = 0.0
        self._count = 0
        self._unit = ""

    def _write(self, text: str, *, final: bool) -> None:
        if self.quiet:
            return
        if self.live:
            self.stream.write("\r\x1b[K" + text + ("\n" if final else ""))
        elif final:
            self.stream.write(text + "\n")
        self.stream.flush()

    def note(self, text: str) -> None:
        self._write(text, final=True)

    def start(self, label: str, unit: str = "rows") -> None:
        self._label, self._unit = label, unit
        self._started = self._last = time.monotonic()
        self._count = 0

    def _line(self) -> str:
        elapsed = max(time.monotonic() - self._started, 1e-6)
        if self._unit == "bytes":
            return f"  {self._label}: {human_bytes(self._count)} ({human_bytes(self._count / elapsed)}/s)"
        return f"  {self._label}: {self._count:,} {self._unit} ({self._count / elapsed:,.0f} {self._unit}/s)"

    def advance(self, count: int) -> None:
        self._count += count
        now = time.monotonic()
        if now - self._last >= 1.0:
            self._last = now
            self._write(self._line(), final=False)

    bytes_done = advance

    def finish(self) -> float:
        self._write(self._line() + f" in {time.monotonic() - self._started:.1f}s", final=True)
        return time.monotonic() - self._started
