"""Drive the system's headless Chromium with Selenium (never a downloaded browser or driver).

Used by tests/test_display.py and by docs/make_screenshot.py, so the README's screenshot comes from the same code
path as the test. Skips (returns None) when Selenium, Chromium or ChromeDriver is missing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
DRIVER_CANDIDATES = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")


def missing() -> str | None:
    """Why a browser test cannot run here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install 'reviewrules[browser]')"
    if not any(Path(p).exists() for p in CHROMIUM_CANDIDATES):
        return "no system Chromium (apt-get install chromium chromium-driver)"
    if not any(Path(p).exists() for p in DRIVER_CANDIDATES) and not shutil.which("chromedriver"):
        return "no system ChromeDriver (apt-get install chromium-driver)"
    return None


def make_driver(width: int = 1200, height: int = 1600) -> Any:
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = next(p for p in CHROMIUM_CANDIDATES if Path(p).exists())
    driver_path = next((p for p in DRIVER_CANDIDATES if Path(p).exists()), shutil.which("chromedriver"))
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    profile = tempfile.mkdtemp(prefix="rr-chrome-")
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", f"--window-size={width},{height}",
    ):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=str(driver_path)), options=opts)


def screenshot(html_path: Path, png_path: Path, width: int = 1200, height: int = 1600) -> None:
    driver = make_driver(width, height)
    try:
        driver.get(html_path.resolve().as_uri())
        driver.save_screenshot(str(png_path))
    finally:
        driver.quit()
