"""Consumer verification: bad requests are reported with their operation and field, good ones pass.

The first tests are negative controls: a JasperClient sends a request that breaks the contract on
purpose, and the recorder must name the operation, where, and the field. The plugin tests run an
inner pytest session to show that an untaken violation fails the test that sent it.
"""

from __future__ import annotations

import textwrap

import pytest

from client import JasperClient, errors
from client.contract_check import ContractRecorder
from contracts.product_categories import ASSIGN_PRODUCT_CATEGORY, ProductCategoryAssign
from contracts.products import CREATE_PRODUCT, LIST_PRODUCTS, Product, ProductCreate, ProductCreateWithParent
from contracts.verify import ContractVerifier, Violation
from contracts.wire import PageQuery
from tests.client.examples import ANSWERS
from tests.client.fakes import FakeTenant, page

Found = list[tuple[str, str, str]]
HEADERS = {"Authorization": "Bearer k", "Content-Type": "application/json"}


class ProductCreateWithColour(ProductCreate):
    """A body model that grew a field the contract does not have (the client bug to catch)."""

    colour: str


class PageQueryWithSort(PageQuery):
    """A query model with a parameter the contract does not declare."""

    sort: str = "name"


def _found(recorder: ContractRecorder) -> Found:
    return [(v.operation, v.location, v.pointer) for v in recorder.take_violations()]


def test_create_product_body_breaking_the_schema_is_reported(
    jasper_mock: JasperClient, tenant: FakeTenant, jasper_contract: ContractRecorder
) -> None:
    tenant.json(422, {"message": "The given data was invalid."})

    with pytest.raises(errors.Unprocessable):
        jasper_mock._call(CREATE_PRODUCT, body=ProductCreate.model_construct(name=""))

    assert _found(jasper_contract) == [("createProduct", "body", "/name"), ("createProduct", "body", "/sku")]


def test_create_product_field_unknown_to_the_contract_is_reported(
    jasper_mock: JasperClient, tenant: FakeTenant, jasper_contract: ContractRecorder
) -> None:
    tenant.json(201, ANSWERS[Product])

    jasper_mock.products.create(ProductCreateWithColour(name="Tee", sku="T-1", colour="red"))

    assert _found(jasper_contract) == [("createProduct", "body", "/colour")]


def test_create_product_with_documented_parent_field_on_live_operation_is_reported(
    jasper_mock: JasperClient, tenant: FakeTenant, jasper_contract: ContractRecorder
) -> None:
    tenant.json(201, ANSWERS[Product])
    tenant.json(201, ANSWERS[Product])
    child = ProductCreateWithParent(name="Tee L", sku="T-1-L", parent_id=7)

    jasper_mock.products.create_with_parent(child)  # documented profile: parent_id is allowed
    jasper_mock.products.create(child)  # live profile: it is not

    assert _found(jasper_contract) == [("createProduct", "body", "/parent_id")]


def test_get_product_path_parameter_out_of_range_is_reported(
    jasper_mock: JasperClient, tenant: FakeTenant, jasper_contract: ContractRecorder
) -> None:
    tenant.json(404, {"message": "Not found."})

    with pytest.raises(errors.NotFound):
        jasper_mock.products.get(0)

    assert _found(jasper_contract) == [("getProduct", "path", "/product_id")]


def test_list_products_undeclared_query_parameter_is_reported(
    jasper_mock: JasperClient, tenant: FakeTenant, jasper_contract: ContractRecorder
) -> None:
    tenant.json(200, page([]))

    jasper_mock._call(LIST_PRODUCTS, query=PageQueryWithSort(sort="name"))

    assert _found(jasper_contract) == [("listProducts", "query", "/sort")]


def test_get_product_answer_breaking_the_schema_is_reported(
    jasper_mock: JasperClient, tenant: FakeTenant, jasper_contract: ContractRecorder
) -> None:
    tenant.json(200, {"id": 7, "name": "Tee", "categories": ["shirts"]})

    with pytest.raises(errors.InvalidResponse):
        jasper_mock.products.get(7)

    assert _found(jasper_contract) == [
        ("getProduct", "response", "/categories/0"),
        ("getProduct", "response", "/sku"),
    ]


def test_assign_product_category_id_below_one_is_reported(
    jasper_mock: JasperClient, tenant: FakeTenant, jasper_contract: ContractRecorder
) -> None:
    tenant.json(422, {"message": "The given data was invalid."})

    with pytest.raises(errors.Unprocessable):
        jasper_mock._call(
            ASSIGN_PRODUCT_CATEGORY, {"product_id": 7}, body=ProductCategoryAssign.model_construct(category_id=0)
        )

    assert _found(jasper_contract) == [("assignProductCategory", "body", "/category_id")]


def test_good_requests_record_their_operations_and_no_violation(
    jasper_mock: JasperClient, tenant: FakeTenant, jasper_contract: ContractRecorder
) -> None:
    tenant.json(200, ANSWERS[Product])
    tenant.json(200, page([ANSWERS[Product]]))

    jasper_mock.products.get(7)
    jasper_mock.products.list(page=1, per_page=250)

    assert (jasper_contract.operations, _found(jasper_contract)) == (["getProduct", "listProducts"], [])


def test_requests_not_sent_by_a_jasper_client_are_not_recorded(
    jasper_mock: JasperClient, tenant: FakeTenant, jasper_contract: ContractRecorder
) -> None:
    tenant.json(200, {})

    jasper_mock.http.post("https://acme.pim.jasperpim.com/api/v1/nowhere", json={"x": 1})

    assert (jasper_contract.operations, _found(jasper_contract)) == ([], [])


JSON_BODY = b'{"name": "Shirts"}'
REQUEST_PROBLEMS = {
    "no-auth": (("GET", "/api/v1/ping", {}, b"", None), [("ping", "header", "/Authorization")]),
    "basic-auth": (
        ("GET", "/api/v1/ping", {"Authorization": "Basic k"}, b"", None),
        [("ping", "header", "/Authorization")],
    ),
    "unknown-path": (("GET", "/api/v1/brands", HEADERS, b"", None), [("GET /brands", "path", "")]),
    "unknown-method": (
        ("DELETE", "/api/v1/products/7", HEADERS, b"", "deleteProduct"),
        [("deleteProduct", "path", "")],
    ),
    "profile-mismatch": (
        ("PUT", "/api/v1/products/7/attributes/4", HEADERS, b'{"value": "x"}', "updateProductAttributes"),
        [("updateProductAttributes", "path", "")],
    ),
    "body-on-get": (("GET", "/api/v1/products/7", HEADERS, b'{"x": 1}', None), [("getProduct", "body", "")]),
    "missing-body": (("POST", "/api/v1/categories", HEADERS, b"", None), [("createCategory", "body", "")]),
    "malformed-body": (("POST", "/api/v1/categories", HEADERS, b"{name", None), [("createCategory", "body", "")]),
    "no-content-type": (
        ("POST", "/api/v1/categories", {"Authorization": "Bearer k"}, JSON_BODY, None),
        [("createCategory", "header", "/Content-Type")],
    ),
    "integral-float-is-integer": (
        ("POST", "/api/v1/categories", HEADERS, b'{"name": "Shirts", "parent_id": 2.0}', None),
        [],
    ),
    "path-type": (
        ("PUT", "/api/v1/options/5/values/x", HEADERS, b'{"name": "L"}', None),
        [("updateOptionValue", "path", "/value_id")],
    ),
}


@pytest.mark.parametrize(("sent", "found"), REQUEST_PROBLEMS.values(), ids=REQUEST_PROBLEMS.keys())
def test_verifier_reports_request_problems(
    jasper_contract_verifier: ContractVerifier, sent: tuple[str, str, dict[str, str], bytes, str | None], found: Found
) -> None:
    method, path, headers, body, intended = sent

    violations = jasper_contract_verifier.check_request(method, path, headers=headers, body=body, intended=intended)

    assert [(v.operation, v.location, v.pointer) for v in violations] == found


def test_verifier_query_parameter_given_twice_is_reported(jasper_contract_verifier: ContractVerifier) -> None:
    violations = jasper_contract_verifier.check_request(
        "GET", "/api/v1/products", query="page=1&page=2", headers=HEADERS
    )

    assert violations == [Violation("listProducts", "query", "/page", "given more than once")]


def test_verifier_loads_both_profiles(jasper_contract_verifier: ContractVerifier) -> None:
    assert {"createProduct", "createProductWithParent", "createProductInventory", "createProductInventories"} <= (
        jasper_contract_verifier.operation_ids
    )


INNER = """
    from __future__ import annotations

    import httpx2

    from client import JasperClient, RetryPolicy
    from contracts.products import CREATE_PRODUCT, ProductCreate


    def _jasper() -> JasperClient:
        answer = httpx2.Response(422, json={"message": "invalid"})
        http = httpx2.Client(transport=httpx2.MockTransport(lambda request: answer))
        return JasperClient("https://acme.pim.jasperpim.com/api/v1", "k", http, retry=RetryPolicy.disabled())


    def _send_bad_request() -> None:
        try:
            _jasper()._call(CREATE_PRODUCT, body=ProductCreate.model_construct(name=""))
        except Exception:
            pass


    def test_sends_a_bad_request():
        _send_bad_request()


    def test_sends_a_bad_request_and_takes_it(jasper_contract):
        _send_bad_request()
        assert [v.pointer for v in jasper_contract.take_violations()] == ["/name", "/sku"]


    def test_bad_request_beside_a_failing_assertion():
        _send_bad_request()
        assert False, "own failure"
"""


def test_consumer_plugin_fails_the_test_that_sent_a_bad_request(
    pytester: pytest.Pytester, jasper_contract: ContractRecorder
) -> None:
    pytester.makepyfile(test_inner=textwrap.dedent(INNER))

    result = pytester.runpytest_inprocess("--jasper-verify", "-q")
    jasper_contract.take_violations()  # the inner clients were built under this test's recorder as well

    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ test_sends_a_bad_request _*",
            "the client broke the contract (2 violation(s)):",
            "  createProduct: body /name: *",
            "  createProduct: body /sku: *",
            "*_ test_bad_request_beside_a_failing_assertion _*",
            "E       AssertionError: own failure",
            "E       the client broke the contract (2 violation(s)):",
        ],
        consecutive=False,
    )
