"""Fault injection: rules (what to match, what to do, how often) and the interceptor that applies them."""

from __future__ import annotations

from simulator.faults.injector import ActiveRule, FaultInjector, dropped_connection
from simulator.faults.rules import FaultRule, FaultSpecError, parse_spec

__all__ = ["ActiveRule", "FaultInjector", "FaultRule", "FaultSpecError", "dropped_connection", "parse_spec"]
