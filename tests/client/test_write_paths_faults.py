"""Failures midway: at every call of a write path the connection fails, then the job is run again.

For each job and each call position: the connection refuses every call from there on, or answers 500
to each, or loses the answer of that one call (the tenant handled it). After the failed run the
external-id store must hold exactly what was written (a lost answer may leave one object unlinked:
the store cannot know of it), and a run with a healthy connection must complete the job and leave the
tenant exactly as one clean run does: no duplicates, nothing missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from client import JasperClient, RetryPolicy, errors
from client.scenarios import catalogue, definitions
from client.write_paths import (
    Sync,
    link_related_products,
    upsert_attribute_definitions,
    upsert_categories,
    upsert_gridded_product,
    upsert_product,
    upsert_webhook,
)
from tests.scenarios.support import Fault, exported, faulty_jasper, forwarding, linked_and_held, traced_sync

TAG = "f1"
Step = Callable[[Sync], object]


def _frame(sync: Sync) -> None:
    upsert_categories(sync, definitions.category_tree(TAG))
    upsert_attribute_definitions(sync, *definitions.attribute_definitions(TAG))


def _full_product(sync: Sync) -> None:
    rows = {
        **catalogue.with_categories(TAG).model_dump(include={"categories"}),
        **catalogue.with_prices(TAG).model_dump(include={"prices"}),
        **catalogue.with_attribute_values(TAG).model_dump(include={"attributes"}),
        **catalogue.with_inventory(TAG).model_dump(include={"inventory"}),
    }
    upsert_product(sync, catalogue.product(TAG, "full", **rows))


def _related_products(sync: Sync) -> None:
    for key in ("tent", "stakes", "tarp"):
        upsert_product(sync, catalogue.product(TAG, key))


def _webhooks(sync: Sync) -> None:
    for webhook in definitions.webhooks(TAG):
        upsert_webhook(sync, webhook)


@dataclass(frozen=True)
class Job:
    name: str
    run: Step
    setup: Step | None = None


def _categories(sync: Sync) -> None:
    upsert_categories(sync, definitions.category_tree(TAG))


def _attribute_definitions(sync: Sync) -> None:
    upsert_attribute_definitions(sync, *definitions.attribute_definitions(TAG))


def _gridded(sync: Sync) -> None:
    grid = catalogue.gridded(TAG)
    upsert_gridded_product(sync, grid.model_copy(update={"variants": grid.variants[:2]}))  # two variants: faster


def _related(sync: Sync) -> None:
    link_related_products(sync, catalogue.related_links(TAG))


JOBS = (
    Job("categories", _categories),
    Job("attribute definitions", _attribute_definitions),
    Job("product with every row", _full_product, setup=_frame),
    Job("gridded product", _gridded),
    Job("related products", _related, setup=_related_products),
    Job("webhooks", _webhooks),
)


def _fresh(sim_http: TestClient, jasper: JasperClient, job: Job) -> Sync:
    """An emptied tenant with the job's set-up done, and a Sync on it with a fresh store."""
    sim_http.post("/_sim/reset", json={"tenant": "demo"}).raise_for_status()
    sync = traced_sync(jasper)
    if job.setup is not None:
        job.setup(sync)
    return sync


# A made-up 500 and a refused connection differ to a write path only where it recovers a lost answer
# (a product create), so the 500 runs on the job that has one; the others cover the other two faults.
CASES = (
    *((job, fault) for job in JOBS for fault in (Fault.REFUSE, Fault.LOSE_ANSWER)),
    *((job, Fault.SERVER_ERROR) for job in JOBS if job.name == "product with every row"),
)


@pytest.mark.parametrize(("job", "fault"), CASES, ids=lambda case: str(getattr(case, "name", case)))
def test_write_path_failing_at_every_call_leaves_store_true_and_rerun_completes(
    job: Job, fault: Fault, sim_app: Starlette, sim_http: TestClient, jasper: JasperClient
) -> None:
    clean = _fresh(sim_http, jasper, job)
    start = len(clean.trace.calls)
    job.run(clean)
    calls = len(clean.trace.calls) - start
    expected = exported(sim_http)

    with forwarding(sim_app) as forward:
        for after in range(calls):
            sync = _fresh(sim_http, jasper, job)
            # an outage from that call on, or one lost answer
            failures = 1 if fault is Fault.LOSE_ANSWER else None
            # no retries: the outage outlasts them anyway, and the test runs faster
            flaky = Sync(
                faulty_jasper(forward, after, fault, failures=failures, retry=RetryPolicy.disabled()), sync.ids
            )
            try:
                job.run(flaky)
            except errors.JasperError:
                pass
            else:
                assert fault is Fault.LOSE_ANSWER, f"{job.name} ran through an outage at call {after + 1}"
            linked, held = linked_and_held(sync, exported(sim_http))
            for table in held:
                unlinked = held[table] - linked[table]
                assert linked[table] <= held[table], (after, table)
                assert len(unlinked) <= (1 if fault is Fault.LOSE_ANSWER else 0), (after, table, unlinked)

            job.run(sync)

            assert exported(sim_http) == expected, f"{job.name}: re-run after a failure at call {after + 1}"
