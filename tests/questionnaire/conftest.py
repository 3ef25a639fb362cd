"""A real browser for the questionnaire's tests: Debian's Chromium, driven by Playwright.

No browser is ever downloaded. Without Chromium the browser tests are skipped, unless
``ASSESS_REQUIRE_BROWSER`` is set (as CI sets it): then they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest


def chromium_path() -> str | None:
    """Chromium from ``ASSESS_CHROMIUM`` or the PATH."""
    return os.environ.get("ASSESS_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    path = chromium_path()
    if path is None:
        if os.environ.get("ASSESS_REQUIRE_BROWSER"):
            pytest.fail("no chromium on the PATH, and ASSESS_REQUIRE_BROWSER is set")
        pytest.skip("no chromium on the PATH (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page in its own context: its local storage starts empty."""
    context = browser.new_context(accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()
