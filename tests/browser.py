"""Headless Chromium for the review page, through selenium and Debian's chromium-driver.

No browser is downloaded: the test uses /usr/bin/chromium and /usr/bin/chromedriver
(`apt-get install chromium chromium-driver`; scripts/test.sh installs them when it can).
Without them the browser tests skip, except under CI, where they fail: CI must run them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM = os.environ.get("CLSX_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = os.environ.get("CLSX_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"


def missing() -> str | None:
    """Why the browser cannot run here, or None."""
    for what, path in (("chromium", CHROMIUM), ("chromedriver", DRIVER)):
        if not os.access(path, os.X_OK):
            return f"{what} not found at {path} (apt-get install -y chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def require() -> None:
    reason = missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test must run on CI: {reason}")
        pytest.skip(reason)


@contextmanager
def chromium(width: int = 1400, height: int = 1000) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                "--no-first-run", "--disable-extensions", "--disable-background-networking"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    try:
        yield driver
    finally:
        driver.quit()
