"""The browser harness (tests/plugins/browser.py) never lets CI skip a page test."""

from __future__ import annotations

import pytest

from tests.plugins import browser


def test_browser_unavailable_locally_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="browser tests need chromium"):
        browser._unavailable("chromium")


def test_browser_unavailable_in_ci_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="browser tests cannot run in CI: chromium"):
        browser._unavailable("chromium")
