"""`jasper-sim serve` as a real process, for tests that need its socket, its signals or its exit."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

_BASE_URL = re.compile(r"base URL (http://\S+)/api/v1")


@dataclass
class Served:
    """A running `jasper-sim serve` process and what its banner said."""

    process: subprocess.Popen[str]
    origin: str  # http://127.0.0.1:PORT
    banner: list[str] = field(default_factory=list)
    rest: str = ""  # what it printed after the banner, once stopped

    @property
    def port(self) -> int:
        return int(self.origin.rsplit(":", 1)[1])

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        """Send `sig`, wait for the exit status and keep what the process printed after its banner."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.rest, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.rest, _ = self.process.communicate()
            raise
        return self.process.returncode

    def output(self) -> str:
        """What the process printed after its banner (once stopped)."""
        return self.rest


def serve(args: Sequence[str], env: dict[str, str] | None = None, timeout: float = 30) -> Served:
    """Start `jasper-sim serve --port 0 ARGS` and wait for its banner."""
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "jasper-sim"), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    banner: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        banner.append(line.rstrip("\n"))
        if line.startswith("Try: "):
            match = next((m for m in map(_BASE_URL.search, banner) if m), None)
            assert match is not None, banner
            return Served(process, match[1], banner)
    process.kill()
    raise AssertionError(f"jasper-sim serve did not start: {banner}")
