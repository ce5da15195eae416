"""Mutant generation: small deliberate bugs inside the functions of a module, by walking its `ast`.

A mutant changes one node inside one function or method body (decorated ones included: every simulator
handler is registered with `@handles`). Decorators, default values, annotations, docstrings, `assert`
statements (type narrowing only) and f-strings (message text) are left alone, and so is module-level
code (constants, class attributes), which runs at import and cannot be patched into a running process.

Operators (one mutant each): comparison flipped (`<` -> `<=`, `==` -> `!=`, `in` -> `not in`, ...),
`and` <-> `or`, `not x` -> `x`, a plain condition negated, arithmetic and set operators swapped,
numbers + 1, `True` <-> `False`, identifier-like strings (keys, codes, field names: no whitespace)
changed, a call statement or a `raise` deleted (a rule dropped), `return x` -> `return None`,
`break` <-> `continue`, `min` <-> `max` and `any` <-> `all`. Strings with whitespace are prose, which the
tests deliberately do not pin (house rule: assert codes, not message text), so they are not mutated.

Each mutant has a key that survives edits elsewhere in the file (no line numbers):
`path::function::operator::before -> after::n`, n counting equal changes within the function.
"""

from __future__ import annotations

import ast
import copy
import importlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In,
}  # fmt: skip
BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult, ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr, ast.BitXor: ast.BitOr,
}  # fmt: skip
NAME_SWAPS = {"min": "max", "max": "min", "any": "all", "all": "any"}

Change = Callable[[], Callable[[], None]]  # applies one change to the shared tree and returns its undo
Node = ast.expr | ast.stmt
Found = tuple[str, Node, Change]  # operator, the node changed, the change


@dataclass(frozen=True)
class Mutant:
    """One mutant: where it is, what it changes, and how to build its code."""

    key: str
    path: str  # relative to the repository, e.g. "simulator/routing.py"
    module: str  # dotted module name
    function: str  # qualified name of the top-level function or method whose code is replaced
    operator: str
    line: int
    before: str  # the source line as written
    after: str  # the same line with the change (or the changed node, for multi-line nodes)
    _apply: Change
    _tree: ast.Module

    def code(self) -> CodeType:
        """The mutated code object of `function` (compiles the whole module, then picks the function)."""
        undo = self._apply()
        try:
            module_code = compile(self._tree, self.path, "exec", dont_inherit=True)
        finally:
            undo()
        found = find_code(module_code, self.function)
        if found is None:
            raise LookupError(f"{self.key}: no code object named {self.function}")
        return found

    @property
    def diff(self) -> str:
        """`before` -> `after`, both stripped, for one line of a report."""
        return f"`{self.before.strip()}` -> `{self.after.strip()}`"


def find_code(code: CodeType, qualname: str) -> CodeType | None:
    """The code object of the function or method `qualname` among a compiled module's constants."""
    for const in code.co_consts:
        if isinstance(const, CodeType):
            if const.co_qualname == qualname:
                return const
            if qualname.startswith(const.co_qualname + "."):  # a method: look inside the class body
                found = find_code(const, qualname)
                if found is not None:
                    return found
    return None


def module_mutants(root: Path, path: str) -> list[Mutant]:
    """Every mutant of one module, in source order."""
    source = (root / path).read_text("utf-8")
    tree = ast.parse(source, filename=path)
    lines = source.splitlines()
    module = path.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    found: list[Mutant] = []
    for qualname, function in functions(tree.body, ""):
        seen: Counter[tuple[str, str, str]] = Counter()
        for operator, node, apply in _mutations(function):
            before, after = _lines(lines, node, apply)
            was, now = _node_texts(node, apply)
            if was == now:
                continue
            ident = (operator, was, now)
            key = f"{path}::{qualname}::{operator}::{was} -> {now}::{seen[ident]}"
            seen[ident] += 1
            found.append(Mutant(key, path, module, qualname, operator, node.lineno, before, after, apply, tree))
    return found


def functions(body: list[ast.stmt], prefix: str = "") -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every top-level function and method (of classes at any depth) with its qualified name."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + node.name, node
        elif isinstance(node, ast.ClassDef):
            yield from functions(node.body, f"{prefix}{node.name}.")


def _lines(lines: list[str], node: Node, apply: Change) -> tuple[str, str]:
    """The node's first source line, and the same line (or the unparsed node) with the change applied."""
    start, end = node.lineno, node.end_lineno or node.lineno
    before = lines[start - 1]
    undo = apply()
    try:
        replaced = _replacement_text(node)
    finally:
        undo()
    if start == end:
        raw = before.encode("utf-8")  # ast offsets count UTF-8 bytes
        segment_start, segment_end = node.col_offset, node.end_col_offset or len(raw)
        return before, (raw[:segment_start] + replaced.encode("utf-8") + raw[segment_end:]).decode("utf-8")
    return before, replaced.splitlines()[0] + (" ..." if "\n" in replaced else "")


def _node_texts(node: ast.AST, apply: Change) -> tuple[str, str]:
    """The changed node before and after, unparsed on one line (what a mutant's key names)."""
    was = ast.unparse(node)
    undo = apply()
    try:
        now = _replacement_text(node)
    finally:
        undo()
    return " ".join(was.split()), " ".join(now.split())


_CURRENT: dict[int, ast.AST] = {}  # id(original node) -> node standing in its place while a change is applied


def _replacement_text(node: ast.AST) -> str:
    return ast.unparse(_CURRENT.get(id(node), node))


def _set(node: ast.AST, field: str, value: object) -> Change:
    def apply() -> Callable[[], None]:
        old = getattr(node, field)
        setattr(node, field, value)
        return lambda: setattr(node, field, old)

    return apply


def _replace(parent: ast.AST, field: str, index: int | None, original: ast.AST, new: ast.AST) -> Change:
    ast.copy_location(new, original)
    ast.fix_missing_locations(new)

    def apply() -> Callable[[], None]:
        holder = getattr(parent, field)
        if index is None:
            setattr(parent, field, new)
        else:
            holder[index] = new
        _CURRENT[id(original)] = new

        def undo() -> None:
            if index is None:
                setattr(parent, field, original)
            else:
                getattr(parent, field)[index] = original
            _CURRENT.pop(id(original), None)

        return undo

    return apply


def _mutations(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[Found]:
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    for statement in body:
        yield from _walk(function, "body", function.body.index(statement), statement)


def _walk(parent: ast.AST, field: str, index: int | None, node: ast.AST) -> Iterator[Found]:
    if isinstance(node, ast.Assert | ast.JoinedStr | ast.ClassDef):
        return
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):  # a nested function: its body only
        for position, statement in enumerate(node.body):
            yield from _walk(node, "body", position, statement)
        return
    if isinstance(node, ast.expr | ast.stmt):
        yield from _node_mutations(parent, field, index, node)
    for child_field, value in ast.iter_fields(node):
        if child_field in {"annotation", "returns", "decorator_list"}:
            continue
        if isinstance(value, list):
            for position, item in enumerate(value):
                if isinstance(item, ast.AST) and not isinstance(item, ast.expr_context):
                    yield from _walk(node, child_field, position, item)
        elif isinstance(value, ast.AST) and not isinstance(value, ast.expr_context | ast.operator | ast.cmpop):
            yield from _walk(node, child_field, None, value)


def _node_mutations(parent: ast.AST, field: str, index: int | None, node: Node) -> Iterator[Found]:
    if isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            swapped = COMPARE_SWAPS.get(type(op))
            if swapped is not None:
                ops = [*node.ops[:position], swapped(), *node.ops[position + 1 :]]
                yield "compare", node, _set(node, "ops", ops)
    elif isinstance(node, ast.BoolOp):
        yield "boolean", node, _set(node, "op", ast.Or() if isinstance(node.op, ast.And) else ast.And())
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "not", node, _replace(parent, field, index, node, copy.deepcopy(node.operand))
    elif isinstance(node, ast.BinOp | ast.AugAssign):
        swapped_op = BINOP_SWAPS.get(type(node.op))
        if swapped_op is not None:
            yield "arithmetic", node, _set(node, "op", swapped_op())
    elif isinstance(node, ast.Constant):
        yield from _constant(node)
    elif isinstance(node, ast.Name) and node.id in NAME_SWAPS and isinstance(parent, ast.Call) and field == "func":
        yield "builtin", node, _set(node, "id", NAME_SWAPS[node.id])
    if (
        field == "test"
        and isinstance(parent, ast.If | ast.While | ast.IfExp)
        and isinstance(node, ast.expr)
        and _plain(node)
    ):
        negated = ast.UnaryOp(ast.Not(), copy.deepcopy(node))
        yield "condition", node, _replace(parent, field, index, node, negated)
    if isinstance(node, ast.stmt) and index is not None:
        yield from _statement(parent, field, index, node)


def _plain(test: ast.AST) -> bool:
    """A condition that no other operator negates already (a name, a call, an attribute)."""
    return not isinstance(test, ast.Compare | ast.BoolOp | ast.UnaryOp | ast.Constant)


def _constant(node: ast.Constant) -> Iterator[Found]:
    value = node.value
    if isinstance(value, bool):
        yield "bool", node, _set(node, "value", not value)
    elif isinstance(value, int | float):
        yield "number", node, _set(node, "value", value + 1)
    elif isinstance(value, str) and _word(value):
        yield "string", node, _set(node, "value", f"XX{value}XX")
    elif isinstance(value, bytes) and _word(value.decode("latin-1")):
        yield "string", node, _set(node, "value", b"XX" + value + b"XX")


def _word(value: str) -> bool:
    """An identifier-like string: a key, a code, a field or header name (prose has whitespace)."""
    return len(value) <= 60 and not any(char.isspace() for char in value)


def _statement(parent: ast.AST, field: str, index: int, node: ast.stmt) -> Iterator[Found]:
    if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call | ast.Await)) or isinstance(node, ast.Raise):
        yield "delete", node, _replace(parent, field, index, node, ast.Pass())
    elif isinstance(node, ast.Return) and node.value is not None:
        if not (isinstance(node.value, ast.Constant) and node.value.value is None):
            yield "return", node, _replace(parent, field, index, node, ast.Return(ast.Constant(None)))
    elif isinstance(node, ast.Break):
        yield "loop", node, _replace(parent, field, index, node, ast.Continue())
    elif isinstance(node, ast.Continue):
        yield "loop", node, _replace(parent, field, index, node, ast.Break())


def live_function(module_name: str, qualname: str) -> Any:
    """The function object whose `__code__` a mutant replaces (unwrapping methods, properties, wrappers)."""
    target: Any = importlib.import_module(module_name)
    for part in qualname.split("."):
        target = vars(target)[part] if isinstance(target, type) else getattr(target, part)
        target = getattr(target, "__func__", None) or getattr(target, "fget", None) or target
    while getattr(getattr(target, "__code__", None), "co_qualname", None) != qualname:
        if not hasattr(target, "__wrapped__"):  # e.g. @contextmanager: the original sits behind the helper
            raise LookupError(f"{module_name}.{qualname} is not a plain function here")
        target = target.__wrapped__
    return target
