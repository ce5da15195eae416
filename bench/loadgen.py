"""One bounded wrk run against a served app, with its figures parsed and its CPU accounted.

CPU accounting follows ../shared/reference/perf-baseline.md: the server's CPU comes from
/proc/<pid>/stat, wrk's from the rusage of waited children, and "other CPU" is the system's busy time
minus both, so a round disturbed by other work on this shared machine can be seen.
"""

from __future__ import annotations

import os
import re
import resource
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}
_LATENCY = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_REQUESTS = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m), ([\d.]+)([KMG]?B) read", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_BYTES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


@dataclass(frozen=True, slots=True)
class Load:
    """What one wrk run sends: the URL, extra headers and an optional Lua script."""

    url: str
    headers: tuple[str, ...] = ()
    script: Path | None = None


@dataclass(frozen=True, slots=True)
class WrkResult:
    """The figures of one wrk run."""

    command: str
    requests_per_second: float
    requests: int
    p50_ms: float
    p99_ms: float
    bytes_per_request: float
    non_2xx: int
    socket_errors: int
    server_cpu_s: float
    wrk_cpu_s: float
    other_cpu_s: float

    @property
    def server_cpu_us_per_request(self) -> float:
        return self.server_cpu_s / self.requests * 1e6 if self.requests else float("nan")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (its own threads, not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def busy_cpu_seconds() -> float:
    """Busy CPU seconds of the whole machine since boot (all cores; idle and iowait excluded)."""
    values = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / _TICKS


def run_wrk(load: Load, *, duration: float, connections: int, server_pid: int, wrk_cpu: str) -> WrkResult:
    """Run `wrk -t1` pinned to `wrk_cpu` for `duration` seconds and parse what it prints."""
    command = ["taskset", "-c", wrk_cpu, "wrk", "-t1", f"-c{connections}", f"-d{duration:g}s", "--latency"]
    for header in load.headers:
        command += ["-H", header]
    if load.script is not None:
        command += ["-s", str(load.script)]
    command.append(load.url)
    server_before, busy_before = process_cpu_seconds(server_pid), busy_cpu_seconds()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = process_cpu_seconds(server_pid) - server_before
    busy = busy_cpu_seconds() - busy_before
    wrk_cpu_s = (children_after.ru_utime + children_after.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    return parse(output, shlex.join(command), server_cpu, wrk_cpu_s, busy - server_cpu - wrk_cpu_s)


def parse(output: str, command: str, server_cpu: float, wrk_cpu: float, other_cpu: float) -> WrkResult:
    """The figures of wrk's `--latency` output (ValueError when it is not one)."""
    latencies = {int(match[1]): float(match[2]) * _UNITS[match[3]] for match in _LATENCY.finditer(output)}
    totals, rate = _REQUESTS.search(output), _RATE.search(output)
    if totals is None or rate is None or 99 not in latencies:
        raise ValueError(f"unexpected wrk output:\n{output}")
    requests = int(totals[1])
    read = float(totals[4]) * _BYTES[totals[5]]
    non_2xx = _NON_2XX.search(output)
    errors = _ERRORS.search(output)
    return WrkResult(
        command=command,
        requests_per_second=float(rate[1]),
        requests=requests,
        p50_ms=latencies[50],
        p99_ms=latencies[99],
        bytes_per_request=read / requests if requests else float("nan"),
        non_2xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors=sum(int(value) for value in errors.groups()) if errors else 0,
        server_cpu_s=server_cpu,
        wrk_cpu_s=wrk_cpu,
        other_cpu_s=other_cpu,
    )
