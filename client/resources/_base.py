"""The base of every resource namespace: typed wrappers around the client's one `_call`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol, TypeVar, cast

from pydantic import BaseModel

from client.pagination import iterate_pages
from contracts.op import Op
from contracts.wire import Page, PageQuery

_Model = TypeVar("_Model", bound=BaseModel)
PathParams = Mapping[str, int]


class Call(Protocol):
    """The signature of `JasperClient._call`: every request of every namespace goes through it."""

    def __call__(
        self,
        op: Op,
        path_params: PathParams | None = None,
        *,
        body: BaseModel | None = None,
        query: BaseModel | None = None,
    ) -> BaseModel | None: ...


class Resource:
    """A namespace of typed methods, one per operation of a contract module."""

    def __init__(self, call: Call) -> None:
        self._call = call

    def _one(
        self, op: Op, model: type[_Model], path_params: PathParams | None = None, body: BaseModel | None = None
    ) -> _Model:
        """Call an operation that answers one object of `model` (the op's own response model)."""
        result = self._call(op, path_params, body=body)
        if not isinstance(result, model):
            raise TypeError(f"{op.id} answered {type(result).__name__}, not {model.__name__}")
        return result

    def _page(
        self,
        op: Op,
        model: type[_Model],
        path_params: PathParams | None = None,
        page: int | None = None,
        per_page: int | None = None,
    ) -> Page[_Model]:
        """Call a list operation for one page of `model` items."""
        if op.response is not model:
            raise TypeError(f"{op.id} lists {op.response}, not {model.__name__}")
        result = self._call(op, path_params, query=page_query(page, per_page))
        if not isinstance(result, Page):
            raise TypeError(f"{op.id} answered {type(result).__name__}, not a page")
        return cast("Page[_Model]", result)  # the item type was checked against the op above

    def _iterate(
        self, op: Op, model: type[_Model], path_params: PathParams | None = None, per_page: int | None = None
    ) -> Iterator[_Model]:
        """Lazily iterate every item of every page of a list operation."""
        return iterate_pages(lambda number: self._page(op, model, path_params, number, per_page))

    def _no_content(self, op: Op, path_params: PathParams | None = None) -> None:
        """Call an operation that answers no body."""
        self._call(op, path_params)


def page_query(page: int | None, per_page: int | None) -> PageQuery:
    """A page query that sends only the parameters given (the tenant's defaults apply otherwise)."""
    given = {name: value for name, value in (("page", page), ("per_page", per_page)) if value is not None}
    return PageQuery.model_validate(given)
