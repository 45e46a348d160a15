"""Headless Chromium for tests and benchmarks: open a page offline and count what it asks for.

Shared by the map's browser tests, the report's and ``benchmarks/map_bench.py``::

    from browser import CHROMIUM, launch, open_blocked

    with launch() as browser:
        page = browser.new_page()
        requests = open_blocked(page, "out/map.html")        # a path, a Path or an HTML string
        page.wait_for_selector("body[data-drawn]")
        assert requests == []

Playwright's own browser download does not work on our machines; Debian's ``chromium``
does (see DESIGN.md). Tests skip with :data:`SKIP_REASON` when it is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

__all__ = ["CHROMIUM", "ARGS", "SKIP_REASON", "available", "launch", "open_blocked"]

CHROMIUM = os.environ.get("NETLIB_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
SKIP_REASON = f"headless Chromium not found at {CHROMIUM} (apt-get install chromium; CI installs it)"


def available() -> bool:
    """True when Chromium and Python playwright are both installed."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@contextlib.contextmanager
def launch(**options):
    """A headless Chromium ``Browser``, closed on exit (with playwright itself)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True, **options)
        try:
            yield browser
        finally:
            browser.close()


def open_blocked(page, target, *, wait_until: str = "load", timeout: float = 60_000) -> list:
    """Open ``target`` with every other request blocked; return the list of blocked URLs.

    ``target`` is a file path (str or Path, opened as ``file://``) or an HTML document as
    a string (opened with ``page.set_content``). The list is live: it keeps growing if
    the page asks for more later, so assert on it at the end of a test.
    """
    attempted = []
    page_url = None
    text = str(target)
    is_html = not isinstance(target, Path) and text.lstrip()[:1] == "<"
    if not is_html:
        page_url = Path(text).resolve().as_uri()

    def handle(route):
        url = route.request.url
        if page_url is not None and url == page_url:
            route.continue_()
            return
        attempted.append(url)
        route.abort()

    page.route("**/*", handle)
    if is_html:
        page.set_content(text, wait_until=wait_until, timeout=timeout)
    else:
        page.goto(page_url, wait_until=wait_until, timeout=timeout)
    return attempted
