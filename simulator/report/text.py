"""The dry-run report for a terminal, rendered from the JSON model (simulator.report.model)."""

from __future__ import annotations

from typing import Any

import orjson

WIDTH = 100  # bodies are cut here: the JSON form has them whole


def _json(value: Any) -> str:
    shown = orjson.dumps(value).decode()
    return shown if len(shown) <= WIDTH else shown[: WIDTH - 3] + "..."


def render(report: dict[str, Any]) -> str:
    """The report as plain text, one section after the other."""
    lines = _heading(report)
    lines += _calls(report["calls"])
    if report["changes"] is not None:
        lines += _changes(report["changes"])
    lines += _refused(report["refused"])
    lines += _flagged(report["flagged"])
    lines += _catalogue(report["catalogue"])
    summary = report["summary"]
    verdict = f"{summary['refused']} refused call(s): exit 1" if summary["exit_code"] else "no call refused: exit 0"
    lines += ["", f"Result: {verdict}"]
    return "\n".join(lines) + "\n"


def _heading(report: dict[str, Any]) -> list[str]:
    run, scope = report["run"], report["range"]
    if run is not None:
        state = "open" if run["status"] == "open" else f"ended {run['ended_at']}"
        title = f'Dry run {run["id"]} "{run["name"]}" of tenant {report["tenant"]} ({report["profile"]} profile)'
        when = f"started {run['started_at']}, {state}"
    else:
        title = f"Calls of tenant {report['tenant']} ({report['profile']} profile) after entry {report['since']}"
        when = f"generated {report['generated_at']}"
    lines = [title, f"  {when}; journal entries {scope['after_seq'] + 1} to {scope['to_seq']}"]
    if not scope["complete"]:
        lines.append("  WARNING: the journal no longer holds every call of this range; counts are a lower bound")
    return lines


def _calls(calls: list[dict[str, Any]]) -> list[str]:
    lines = ["", f"Calls ({sum(row['calls'] for row in calls)})"]
    for row in calls:
        statuses = ", ".join(f"{status} x{count}" for status, count in sorted(row["statuses"].items()))
        lines.append(f"  {row['operation'] or '(no operation)':32} {row['method']:6} {row['path']:56} {statuses}")
    return lines


def _changes(changes: dict[str, dict[str, list[dict[str, Any]]]]) -> list[str]:
    lines = ["", "Would write"]
    if not changes:
        lines.append("  nothing")
    marks = {"created": "+", "updated": "~", "no_op": "=", "deleted": "-"}
    for table, kinds in changes.items():
        counted = ", ".join(f"{len(kinds[kind])} {kind.replace('_', '-')}" for kind in marks if kinds[kind])
        lines.append(f"  {table}: {counted}")
        for kind, mark in marks.items():
            for item in kinds[kind]:
                if kind == "updated":
                    detail = "; ".join(
                        f"{name}: {_json(diff['before'])} -> {_json(diff['after'])}"
                        for name, diff in item["changes"].items()
                    )
                elif kind == "no_op":
                    detail = "written, nothing changed"
                else:
                    detail = _json(item["values"])
                lines.append(f"    {mark} {item['id']} {detail}")
    return lines


def _refused(refused: list[dict[str, Any]]) -> list[str]:
    lines = ["", f"Refused ({sum(group['count'] for group in refused)})"]
    if not refused:
        lines.append("  none")
    for group in refused:
        first = group["first"]
        lines.append(
            f"  {group['code']} x{group['count']}: {first['status']} {first['method']} {first['path']}"
            f" ({first['operation'] or 'no operation'})"
        )
        lines.append(f"      message: {group['message']}")
        if first["request_body"] is not None:
            lines.append(f"      first request body: {_json(first['request_body'])}")
    return lines


def _flagged(flagged: list[dict[str, Any]]) -> list[str]:
    lines = ["", f"Answered otherwise by another profile ({sum(item['count'] for item in flagged)})"]
    if not flagged:
        lines.append("  none")
    for item in flagged:
        what = {"route": "route", "method": "method", "field": f"field {item['field']}"}[item["reason"]]
        other = f" ({item['served_by_operation']})" if item["served_by_operation"] else ""
        where = f"{item['method']} {item['path']}"
        lines.append(f"  {where}: {what} served by the {item['served_by']} profile{other} x{item['count']}")
    return lines


def _catalogue(catalogue: dict[str, Any]) -> list[str]:
    lines = ["", f"Seed catalogue: {len(catalogue['exercised'])} of {catalogue['total']} entries exercised"]
    for row in catalogue["exercised"]:
        lines.append(f"  yes {row['entry']} ({row['group']}): {row['calls']} call(s)")
    for row in catalogue["not_exercised"]:
        lines.append(f"  no  {row['entry']} ({row['group']})")
    return lines
