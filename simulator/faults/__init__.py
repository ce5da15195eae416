"""Fault injection: rules (what to match, what to do, how often) and the interceptor that applies them."""

from __future__ import annotations

from simulator.faults.injector import ActiveRule, DroppedConnection, FaultInjector
from simulator.faults.rules import FaultRule, FaultSpecError, parse_spec

__all__ = ["ActiveRule", "DroppedConnection", "FaultInjector", "FaultRule", "FaultSpecError", "parse_spec"]
