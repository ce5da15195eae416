"""How hard the generative and soak tests try: the suite's budget, or a deeper one on request.

CI runs the whole suite on 2 cores inside 5 minutes, so the default (`HYPOTHESIS_PROFILE` unset or
`ci`) keeps schemathesis' examples, the stateful scenarios and the crash rounds bounded. Any other
profile (`HYPOTHESIS_PROFILE=dev`, 200 Hypothesis examples per test) also deepens these:

    HYPOTHESIS_PROFILE=dev .venv/bin/python -m pytest tests/contract tests/simulator/test_crash.py
"""

from __future__ import annotations

import os
from typing import Final

DEEP: Final = os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci"


def budget(ci: int, deep: int) -> int:
    """`ci` in the suite's budget, `deep` when a deeper profile is asked for."""
    return deep if DEEP else ci
