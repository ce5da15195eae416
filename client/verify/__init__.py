"""`jasper-sim verify`: a fidelity report of a tenant (a real one, or a served simulator) against the contract.

Read-only by default: every list and get operation the tenant answers is called through the production
client (ids for the gets come from the first page of their lists), and each answer's status and body
are checked against the chosen profile's committed OpenAPI document field by field: fields the schema
requires but the answer lacks are named (`missing`), values the schema refuses are `invalid`, fields
the answer has but the contract does not declare are listed (`unknown`). With `write`, the write paths'
scenarios (client/scenarios/) also run, with names and SKUs tagged for this run, every call checked
the same way, and the report says what they left behind (the API deletes only webhooks).

The report is data (`Report`); `render.text` and `render.as_json` show the same content.
"""

from __future__ import annotations

from client.verify.model import Difference, OperationResult, Outcome, Report, ScenarioResult
from client.verify.run import verify

__all__ = ["Difference", "OperationResult", "Outcome", "Report", "ScenarioResult", "verify"]
