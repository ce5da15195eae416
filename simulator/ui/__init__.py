"""The page's static assets (index.html, app.js, report.js, style.css), shipped as package data."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def read(name: str) -> bytes:
    """One asset, as shipped in the package (read once)."""
    return (files(__name__) / name).read_bytes()
