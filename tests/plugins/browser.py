"""Headless Chromium for page tests: `browser_page`, a fresh page that records what went wrong on it.

Debian's chromium (/usr/bin/chromium; `.ci/run` installs it) driven by playwright, which is told where
the browser is and never downloads one (`playwright install` is not used). The flags are the ones known
to work on this project's CI machines (headless, no sandbox as root, no GPU, no QUIC): without the
background-networking ones Chromium keeps calling hosts a closed network refuses. Playwright gives
each launch a fresh temporary user-data-dir, so no profile is shared between runs.

When Chromium or playwright is missing the tests that use it are skipped, except in CI (the `CI`
environment variable is set), where they fail: CI must never skip the browser tests silently.

`browser_page.page` is a playwright Page; `.console_errors` and `.page_errors` collect what the page
reported, `.off_machine` every request it tried to send to another host (refused: a page under test may
fetch nothing from outside this machine). `artefact(name)` is where a test writes a screenshot:
`artefacts/` at the repository root, ignored by git.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

CHROMIUM: Final = "/usr/bin/chromium"
FLAGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
ARTEFACTS: Final = Path(__file__).resolve().parents[2] / "artefacts"
LOCAL_HOSTS: Final = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests need {reason}")


@dataclass
class BrowserPage:
    """A page and what went wrong on it."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    off_machine: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Everything that went wrong, for `assert browser_page.problems() == []`."""
        return [
            *(f"console: {text}" for text in self.console_errors),
            *(f"page error: {text}" for text in self.page_errors),
            *(f"request off the machine: {url}" for url in self.off_machine),
        ]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Chromium per test session (per xdist worker)."""
    if shutil.which(CHROMIUM) is None:
        _unavailable(f"{CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only browser tests need it)
    except ImportError:
        _unavailable("playwright (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(FLAGS))
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium: Browser) -> Iterator[BrowserPage]:
    """A fresh page (its own context: no cookies or storage shared) that records errors and outside requests."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watched = BrowserPage(page)
    page.on("console", lambda message: watched.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watched.page_errors.append(str(error)))

    def local_only(route: Route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme not in ("http", "https", "ws", "wss") or url.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            watched.off_machine.append(route.request.url)
            route.abort()

    context.route("**/*", local_only)
    yield watched
    context.close()


def artefact(name: str) -> Path:
    """Where a test writes an artefact (a screenshot): artefacts/NAME, not committed."""
    ARTEFACTS.mkdir(exist_ok=True)
    return ARTEFACTS / name
