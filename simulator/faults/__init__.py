"""Fault injection: rules (what to match, what to do, how often; `simulator.faults.rules`) and the
interceptor that applies them.

The rules module, which needs pydantic, is imported by whoever reads a rule (the control plane,
`serve --fault`), not here: the app holds an injector from the start, and a simulator without rules
starts without pydantic (issue 11: start-up time).
"""

from __future__ import annotations

from simulator.faults.injector import ActiveRule, FaultInjector, dropped_connection

__all__ = ["ActiveRule", "FaultInjector", "dropped_connection"]
