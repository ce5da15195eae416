"""The report as text (a per-operation table) and as JSON with the same content."""

from __future__ import annotations

from typing import Any

from client.verify.model import Outcome, Report


def as_json(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data."""
    return {
        "base_url": report.base_url,
        "profile": report.profile,
        "write": report.write,
        "tag": report.tag or None,
        "summary": {outcome.value: report.count(outcome) for outcome in Outcome},
        "operations": [
            {
                "operation": result.operation,
                "method": result.method,
                "path": result.path,
                "outcome": result.outcome.value,
                "calls": result.calls,
                "differences": [
                    {"kind": difference.kind.value, "field": difference.field, "detail": difference.detail}
                    for difference in result.differences
                ],
                "note": result.note or None,
            }
            for result in report.operations
        ],
        "scenarios": [
            {"write_path": scenario.write_path, "ok": not scenario.broke_at, "broke_at": scenario.broke_at or None}
            for scenario in report.scenarios
        ],
        "left_behind": report.left_behind,
        "exit_code": report.exit_code,
    }


def text(report: Report) -> str:
    """The report as a table: one row per operation, its differences below it, then a summary."""
    mode = f"--write, tag {report.tag}" if report.write else "read-only"
    lines = [f"Verify {report.base_url} against the {report.profile} contract ({mode})", ""]
    width = max(len(result.operation) for result in report.operations)
    lines.append(f"  {'operation':<{width}}  {'outcome':<11}  calls  request")
    for result in report.operations:
        outcome = f"{result.outcome.value:<11}  {result.calls:>5}"
        row = f"  {result.operation:<{width}}  {outcome}  {result.method} {result.path}"
        lines.append(row + (f"  ({result.note})" if result.note and result.outcome is Outcome.NOT_REACHED else ""))
        lines += [
            f"      {difference.kind.value:<10} {difference.field or '(answer)'}: {difference.detail}"
            for difference in result.differences
        ]
    if report.scenarios:
        lines += ["", "Scenarios (write paths):"]
        for scenario in report.scenarios:
            lines.append(f"  {'ok' if not scenario.broke_at else 'BREAKS':<7}{scenario.write_path}")
            lines += [f"         {line}" for line in scenario.broke_at.splitlines()]
    if report.write:
        lines += ["", f"Left behind (names and SKUs carry {report.tag}; the API deletes only webhooks):"]
        lines += [f"  {operation}: ids {', '.join(map(str, ids))}" for operation, ids in report.left_behind.items()]
        if not report.left_behind:
            lines.append("  nothing")
    counts = ", ".join(f"{report.count(outcome)} {outcome.value}" for outcome in Outcome)
    lines += ["", f"{len(report.operations)} operations: {counts}"]
    return "\n".join(lines) + "\n"
