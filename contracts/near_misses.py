"""Near misses of an impact query: what a misspelt deprecation notice probably meant.

A query that matches nothing would say "nothing is affected" and pass a CI gate. When something in the
contract is close to it, the query is refused instead ("did you mean ..."). Close, per path segment:
the same, both placeholders (a number counts as one), the same word in singular and plural, or a small
edit distance (one edit for short words, two from eight letters on). An endpoint the contract has never
heard of, with nothing close, still matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from contracts import OPERATIONS
from contracts.op import normalise_path

LONG_WORD = 8  # from this length on, two edits still count as a typo


def singular(name: str) -> str:
    """`categories` -> `category`, `products` -> `product`; other words as they are."""
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def close(wanted: str, known: str) -> bool:
    """True when `wanted` is `known`, or plausibly a misspelling of it."""
    wanted, known = wanted.lower(), known.lower()
    if wanted == known or singular(wanted) == singular(known):
        return True
    allowed = 2 if min(len(wanted), len(known)) >= LONG_WORD else 1
    return Levenshtein.distance(wanted, known, score_cutoff=allowed) <= allowed


def closest(wanted: str, known: Iterable[str]) -> list[str]:
    """The names of `known` close to `wanted`, in the order given."""
    return [name for name in dict.fromkeys(known) if close(wanted, name)]


def _segments(path: str) -> list[str]:
    return ["{}" if part.isdigit() else part for part in normalise_path(path).strip("/").split("/") if part]


def _segments_close(wanted: list[str], known: list[str]) -> bool:
    return len(wanted) == len(known) and all(
        (a == "{}") == (b == "{}") and (a == "{}" or close(a, b)) for a, b in zip(wanted, known, strict=True)
    )


def near_operations(method: str, path: str) -> list[str]:
    """`METHOD /path` of each operation with this method whose path is close to `path`."""
    wanted = _segments(path)
    return list(
        dict.fromkeys(
            f"{op.method} {op.path}"
            for op in OPERATIONS
            if op.method == method and _segments_close(wanted, _segments(op.path))
        )
    )


def near_prefixes(path: str) -> list[str]:
    """Path prefixes of the contract (spelt as there) close to `path`."""
    wanted = _segments(path)
    found: list[str] = []
    for op in OPERATIONS:
        spelt = [part for part in op.path.strip("/").split("/") if part]
        if len(spelt) >= len(wanted) and _segments_close(wanted, _segments("/".join(spelt[: len(wanted)]))):
            found.append("/" + "/".join(spelt[: len(wanted)]))
    return list(dict.fromkeys(found))
