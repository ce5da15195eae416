"""The shipped pytest plugin (client/pytest_plugin/), run in inner pytest sessions as a user's suite.

The wheel-in-a-fresh-venv test (test_pytest_plugin_wheel.py) shows the plugin as installed; these show
what it does: `--jasper-url`, `jasper_server` emptied per test, registration under its module's name.
"""

from __future__ import annotations

import textwrap

import pytest

from client.pytest_plugin import ServedSimulator

CREATES_A_MUG = """
    from contracts.products import ProductCreate


    def test_jasper_creates_a_mug(jasper):
        assert jasper.products.create(ProductCreate(name="Mug", sku="MUG-1")).id == 1


    def test_needs_the_in_process_simulator(jasper_documented):
        assert jasper_documented.ping().time
"""

SERVER_TWICE = """
    import httpx2

    from contracts.products import ProductCreate

    ADMIN = {admin}


    def _mug_and_journal(server):
        with server.client() as client:
            mug = client.products.create(ProductCreate(name="Mug", sku="MUG-1"))
        journal = httpx2.get(f"{{server.admin_url}}/journal", headers=ADMIN).json()["data"]
        return mug.id, [entry["operation"] for entry in journal]


    def test_first(jasper_server):
        assert _mug_and_journal(jasper_server) == (1, ["createProduct"])


    def test_second(jasper_server):
        assert _mug_and_journal(jasper_server) == (1, ["createProduct"])
"""


def test_jasper_url_points_jasper_at_that_tenant_and_skips_in_process_fixtures(
    pytester: pytest.Pytester, jasper_server: ServedSimulator
) -> None:
    pytester.makepyfile(test_inner=textwrap.dedent(CREATES_A_MUG))

    result = pytester.runpytest_inprocess(
        "--jasper-url", jasper_server.base_url, "--jasper-key", jasper_server.api_key, "-p", "no:cacheprovider"
    )

    result.assert_outcomes(passed=1, skipped=1)
    with jasper_server.client() as client:
        assert [product.sku for product in client.products.iterate()] == ["MUG-1"]


def test_jasper_url_without_jasper_key_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_inner=textwrap.dedent(CREATES_A_MUG))

    result = pytester.runpytest_inprocess("--jasper-url", "http://127.0.0.1:9/api/v1", "-p", "no:cacheprovider")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --jasper-url needs --jasper-key*"])


def test_jasper_server_starts_each_test_with_empty_tenants_and_journal(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_inner=textwrap.dedent(SERVER_TWICE.format(admin="{}")))

    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")

    result.assert_outcomes(passed=2)


FAULT_THEN_CLEAN = """
    import httpx2


    def test_first(jasper_server):
        httpx2.post(f"{jasper_server.admin_url}/faults", json={"operation": "ping", "status": 503}).raise_for_status()
        httpx2.put(f"{jasper_server.admin_url}/clock", json={"frozen_at": "2030-01-01T00:00:00Z"}).raise_for_status()
        key = {"Authorization": f"Bearer {jasper_server.api_key}"}
        assert httpx2.get(f"{jasper_server.base_url}/ping", headers=key).status_code == 503


    def test_second(jasper_server):
        clock = httpx2.get(f"{jasper_server.admin_url}/clock").json()
        with jasper_server.client() as client:
            assert (client.ping().time.endswith("2030"), clock["frozen_at"]) == (False, None)
"""


def test_jasper_server_takes_back_the_last_tests_fault_rules_and_clock(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_inner=textwrap.dedent(FAULT_THEN_CLEAN))

    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")

    result.assert_outcomes(passed=2)


def test_plugin_named_again_is_registered_once(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["client.pytest_plugin"]')
    pytester.makepyfile(test_inner=textwrap.dedent(CREATES_A_MUG))

    result = pytester.runpytest_inprocess("-p", "client.pytest_plugin", "-p", "no:cacheprovider")

    result.assert_outcomes(passed=2)


ADMIN_TOKEN_CONFIG = """
    import pytest

    from simulator.config import SimConfig


    @pytest.fixture(scope="session")
    def jasper_sim_config():
        return SimConfig.default().replace(admin_token="sesame")
"""


def test_jasper_server_resets_with_the_configured_admin_token(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(textwrap.dedent(ADMIN_TOKEN_CONFIG))
    admin = '{"Authorization": "Bearer sesame"}'
    pytester.makepyfile(test_inner=textwrap.dedent(SERVER_TWICE.format(admin=admin)))

    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")

    result.assert_outcomes(passed=2)
